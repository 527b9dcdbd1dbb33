/**
 * A host played by a real stack outside the engine (a Linux network
 * namespace, in a live run). It is a node like any other on its links:
 * packets that reach it are handed to `deliver` (the live driver writes
 * them to the host's TUN device), and packets the real host sends are put
 * on its link with `send`, at the simulator's current time, so the links'
 * delay, bandwidth, loss and taps apply to them as to any other packet.
 */
import { LabError } from '../core/errors.ts';
import type { Link } from '../net/link.ts';
import type { NetNode } from '../net/node.ts';

export type Deliver = (iface: number, bytes: Uint8Array, packetId: number) => void;

export class OutsideHost implements NetNode {
  private readonly links: ({ link: Link; end: 0 | 1 } | undefined)[] = [];

  constructor(
    readonly id: string,
    private readonly deliver: Deliver,
  ) {}

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

  /** Interfaces with a link. */
  get linkedInterfaces(): number[] {
    return this.links.flatMap((l, i) => (l ? [i] : []));
  }
}
