/**
 * What a link delivers to: hosts, routers, NATs and middleboxes all receive
 * packets on a numbered interface.
 */
import type { IpAddress } from '../wire/ip-address.ts';
import type { Link } from './link.ts';

export interface NetNode {
  readonly id: string;
  /** Called once per interface when links are built. */
  attach(iface: number, link: Link, end: 0 | 1): void;
  /** A packet arrives on `iface` at the current simulated time. */
  receive(iface: number, bytes: Uint8Array, packetId: number): void;
}

/**
 * A host as the network sees it from outside: its addresses by interface.
 * Engine hosts and hosts real stacks play (a live run's `OutsideHost`) both
 * are one, so an attacker finds either's link the same way.
 */
export interface AddressHolder {
  readonly interfaces: readonly { readonly addresses: readonly IpAddress[] }[];
  ownsAddress(a: IpAddress): boolean;
}
