/**
 * What a link delivers to: hosts, routers, NATs and middleboxes all receive
 * packets on a numbered interface.
 */
import type { Link } from './link.ts';

export interface NetNode {
  readonly id: string;
  /** Called once per interface when links are built. */
  attach(iface: number, link: Link, end: 0 | 1): void;
  /** A packet arrives on `iface` at the current simulated time. */
  receive(iface: number, bytes: Uint8Array, packetId: number): void;
}
