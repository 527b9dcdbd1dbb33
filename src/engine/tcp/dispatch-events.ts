/**
 * The driver's side of an endpoint's events (quinn-proto's `poll()` loop):
 * after any call into an endpoint returns, its queued events go to its
 * upper, in order, and only then does it send, so what it sends (a DATA_ACK,
 * the keys of a third ACK) reflects everything the upper learned.
 */
import type { TcpEndpoint } from './tcp-endpoint.ts';

/** Hands every queued event to the endpoint's upper; handling one may queue more, which follow. */
export function dispatchTcpEvents(ep: TcpEndpoint, now: number): void {
  const upper = ep.upper;
  if (!upper) return;
  for (let e = ep.poll(); e; e = ep.poll()) upper.handle(ep, e, now);
}

/** Events to the upper, then whatever the windows allow on the wire, then the events sending caused. */
export function serviceEndpoint(ep: TcpEndpoint, now: number): void {
  dispatchTcpEvents(ep, now);
  ep.pump(now);
  dispatchTcpEvents(ep, now);
}
