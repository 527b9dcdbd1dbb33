/**
 * What MPTCP's protocol objects (connection, subflow, path manager) hand
 * out while they run, and all they can reach beyond themselves: trace
 * events, subflows that have something to send, and the routing question a
 * join needs answered. The stack wires it to its host; the objects hold no
 * host, read no clock (every entry point takes `now`) and keep their timers
 * in tables the driver reads with `nextTimeoutUs()` and fires with
 * `handleTimeout(now)` (quinn-proto's model, as `tcp/tcp-endpoint.ts`).
 */
import type { EventBody } from '../sim/events.ts';
import type { TcpEndpoint } from '../tcp/tcp-endpoint.ts';
import type { IpAddress } from '../wire/ip-address.ts';

export interface MptcpOutput {
  /** A trace event, with the packets that caused it. */
  event(body: EventBody, packets?: number[]): void;
  /** The endpoint has output, or room to fill: its driver services it once the current call returns. */
  wake(ep: TcpEndpoint): void;
  /** The local address the host's routes would send from to reach `dst` (a join's source), or null. */
  sourceFor(dst: IpAddress): IpAddress | null;
}
