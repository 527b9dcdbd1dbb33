/**
 * A host played by a real stack outside the engine (a Linux network
 * namespace, in a live run). It is a node like any other on its links:
 * packets that reach it are handed to `deliver` (the live driver writes
 * them to the host's TUN device), and packets the real host sends are put
 * on its link with `send`, at the simulator's current time, so the links'
 * delay, bandwidth, loss and taps apply to them as to any other packet.
 */
import { LabError } from '../core/errors.ts';
import { addressKey } from '../net/address-key.ts';
import type { Link } from '../net/link.ts';
import type { AddressHolder, NetNode } from '../net/node.ts';
import type { IpAddress } from '../wire/ip-address.ts';

export type Deliver = (iface: number, bytes: Uint8Array, packetId: number) => void;

export class OutsideHost implements NetNode, AddressHolder {
  private readonly links: ({ link: Link; end: 0 | 1 } | undefined)[] = [];
  /** Its addresses by interface, from the scenario (the real host is given the same ones). */
  readonly interfaces: readonly { readonly addresses: readonly IpAddress[] }[];
  private readonly owned: ReadonlySet<string>;

  constructor(
    readonly id: string,
    addresses: readonly (readonly IpAddress[])[],
    private readonly deliver: Deliver,
  ) {
    this.interfaces = addresses.map((a) => ({ addresses: a }));
    this.owned = new Set(addresses.flat().map(addressKey));
  }

  ownsAddress(a: IpAddress): boolean {
    return this.owned.has(addressKey(a));
  }

  attach(iface: number, link: Link, end: 0 | 1): void {
    this.links[iface] = { link, end };
  }

  receive(iface: number, bytes: Uint8Array, packetId: number): void {
    this.deliver(iface, bytes, packetId);
  }

  /** Puts bytes the real host sent on interface `iface` on that interface's link now. */
  send(iface: number, bytes: Uint8Array): void {
    const at = this.links[iface];
    if (!at) throw new LabError('INTERNAL', `${this.id} has no link on interface ${iface}`);
    at.link.send(at.end, bytes);
  }
}
