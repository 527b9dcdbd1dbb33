/**
 * What applications hold of an MPTCP connection: its app side, with the
 * host's time filled in, since the connection itself takes `now` at every
 * entry point and reads no clock (as `host/tcp-socket.ts` is for a TCP
 * endpoint).
 */
import type { AppSocket, SocketState } from '../host/app-socket.ts';
import type { ByteSource } from '../host/byte-stream.ts';
import type { MptcpConnection } from './connection.ts';

export class MptcpSocket implements AppSocket {
  constructor(
    readonly connection: MptcpConnection,
    private readonly now: () => number,
  ) {}

  get state(): SocketState {
    return this.connection.state;
  }

  write(source: ByteSource): void {
    this.connection.at(this.now()).write(source);
  }

  close(): void {
    this.connection.at(this.now()).close();
  }

  abort(): void {
    this.connection.at(this.now()).abort();
  }
}
