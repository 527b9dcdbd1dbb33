/**
 * A plain TCP connection as applications see it: the `TcpUpper` of one
 * endpoint, feeding it from an OutStream and handing received bytes to the
 * application as they arrive (so the receive window stays open).
 */
import type { TcpState } from '../tcp/state.ts';
import type { TcpEndpoint } from '../tcp/tcp-endpoint.ts';
import type { DataChunk, TcpUpper, TcpUpperEvent } from '../tcp/types.ts';
import type { AppHandlers, AppSocket, SocketState } from './app-socket.ts';
import { OutStream, type ByteSource } from './byte-stream.ts';

export class TcpSocket implements TcpUpper, AppSocket {
  state: SocketState = 'connecting';
  readonly out = new OutStream();
  endpoint: TcpEndpoint | null = null;
  private ended = false;

  constructor(
    private readonly handlers: AppHandlers,
    private readonly now: () => number,
    private readonly kick: (ep: TcpEndpoint) => void,
  ) {}

  write(source: ByteSource): void {
    this.out.write(source);
    if (this.endpoint && this.state === 'open') this.kick(this.endpoint);
  }

  close(): void {
    if (this.state === 'closed') return;
    this.out.closed = true;
    // Before the handshake completes, the FIN waits for it (see onStateChange).
    if (this.state === 'connecting') return;
    this.state = 'closing';
    if (this.endpoint) {
      this.endpoint.close(this.now());
      this.kick(this.endpoint);
    }
  }

  abort(): void {
    if (this.endpoint) {
      this.endpoint.abort(this.now());
      this.kick(this.endpoint);
    }
  }

  // TcpUpper
  options(): [] {
    return [];
  }

  handle(ep: TcpEndpoint, e: TcpUpperEvent): void {
    switch (e.kind) {
      case 'data':
        this.handlers.onData?.(this, e.payload);
        break;
      case 'peer-fin':
        this.onPeerFin();
        break;
      case 'state':
        this.onStateChange(ep, e.to);
        break;
      case 'closed':
        this.finish(e.reason);
        break;
      default:
        break;
    }
  }

  pull(_ep: TcpEndpoint, maxLen: number): DataChunk | null {
    const t = this.out.take(maxLen);
    return t ? { len: t.len, fill: t.fill, meta: t.offset } : null;
  }

  private onPeerFin(): void {
    if (this.ended) return;
    this.ended = true;
    this.handlers.onEnd?.(this);
  }

  private onStateChange(ep: TcpEndpoint, to: TcpState): void {
    if (to === 'ESTABLISHED' && this.state === 'connecting') {
      this.state = 'open';
      this.handlers.onOpen?.(this);
      if (this.out.closed) ep.close(this.now());
    }
    // For the application the connection is over once it waits out TIME_WAIT.
    if (to === 'TIME_WAIT') this.finish('fin');
  }

  private finish(reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.handlers.onClose?.(this, reason);
  }

  receiveSpace(ep: TcpEndpoint): number {
    return ep.config.receiveBufferBytes;
  }

  dataOptionBytes(): number {
    return 0;
  }
}
