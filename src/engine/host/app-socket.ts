/**
 * What applications see of a connection, whether TCP or MPTCP carries it:
 * write sources, close, abort, and callbacks.
 */
import type { ByteSource } from './byte-stream.ts';

export type SocketState = 'connecting' | 'open' | 'closing' | 'closed';

export interface AppSocket {
  readonly state: SocketState;
  /** Queues bytes to send. */
  write(source: ByteSource): void;
  /** Sends what is queued, then closes the sending direction. */
  close(): void;
  /** Tears the connection down at once (RST; MP_FASTCLOSE for MPTCP). */
  abort(): void;
}

export interface AppHandlers {
  onOpen?(s: AppSocket): void;
  onData?(s: AppSocket, bytes: Uint8Array): void;
  /** The peer will send nothing more. */
  onEnd?(s: AppSocket): void;
  onClose?(s: AppSocket, reason: string): void;
}
