/**
 * Opening connections with the scenario's protocol: plain TCP today; MPTCP
 * connections plug in here.
 */
import type { AppHandlers, AppSocket } from '../host/app-socket.ts';
import type { Host } from '../host/host.ts';
import type { Protocol } from '../scenario/types.ts';
import type { IpAddress } from '../wire/ip-address.ts';

export interface Transport {
  listen(host: Host, port: number, handlersFor: (s: AppSocket) => AppHandlers): void;
  connect(host: Host, remote: IpAddress, port: number, handlers: AppHandlers): AppSocket;
}

export const TCP_TRANSPORT: Transport = {
  listen: (host, port, handlersFor) => host.listenTcp(port, handlersFor),
  connect: (host, remote, port, handlers) => host.connectTcp(remote, port, handlers),
};

export function transportFor(protocol: Protocol): Transport {
  if (protocol === 'tcp') return TCP_TRANSPORT;
  return TCP_TRANSPORT;
}
