/**
 * A router: forwards by destination address along the routes the topology
 * computed, decrementing the TTL / hop limit (and fixing the IPv4 header
 * checksum) in its own copy of the bytes.
 */
import type { Simulation } from '../sim/simulation.ts';
import { fold16 } from '../wire/checksum.ts';
import { destinationKey } from './address-key.ts';
import { decodePacket } from '../wire/packet.ts';
import { formatIp } from '../wire/ip-address.ts';
import type { Link } from './link.ts';
import type { NetNode } from './node.ts';

export class Router implements NetNode {
  readonly ports: { link: Link; end: 0 | 1 }[] = [];
  /** Destination address key → interface index. */
  readonly routes = new Map<string, number>();
  readonly ownAddresses = new Set<string>();
  /** Addresses behind this router that are not forwarded but handed to a receiver (an attacker's own machine). */
  readonly localDelivery = new Map<string, (bytes: Uint8Array, packetId: number) => void>();

  constructor(
    readonly sim: Simulation,
    readonly id: string,
  ) {}

  attach(iface: number, link: Link, end: 0 | 1): void {
    this.ports[iface] = { link, end };
  }

  receive(_iface: number, bytes: Uint8Array, packetId: number): void {
    const key = destinationKey(bytes);
    if (key === null) return;
    if (this.ownAddresses.has(key)) {
      this.localDelivery.get(key)?.(bytes, packetId);
      return;
    }
    const out = this.routes.get(key);
    if (out === undefined) {
      this.sim.trace.event({ timeUs: this.sim.now, host: this.id, kind: 'router-no-route', destination: destinationText(bytes), packets: [packetId] });
      return;
    }
    const copy = decrementTtl(bytes);
    if (!copy) {
      this.sim.trace.event({ timeUs: this.sim.now, host: this.id, kind: 'router-ttl-expired', destination: destinationText(bytes), packets: [packetId] });
      return;
    }
    const p = this.ports[out]!;
    p.link.send(p.end, copy, packetId); // one packet keeps one id across hops
  }
}

/** A copy with TTL / hop limit one less (null when it would reach 0). */
export function decrementTtl(bytes: Uint8Array): Uint8Array | null {
  const v = bytes[0]! >> 4;
  const at = v === 4 ? 8 : 7;
  if (bytes[at]! <= 1) return null;
  const copy = bytes.slice();
  copy[at] = copy[at]! - 1;
  if (v === 4) {
    // RFC 1624's incremental update (HC' = ~(~HC + ~m + m')) for the TTL/protocol word, as routers do.
    const before = (bytes[8]! << 8) | bytes[9]!;
    const after = (copy[8]! << 8) | copy[9]!;
    const c = ~fold16((~((bytes[10]! << 8) | bytes[11]!) & 0xffff) + (~before & 0xffff) + after) & 0xffff;
    copy[10] = c >> 8;
    copy[11] = c & 0xff;
  }
  return copy;
}

/** The destination address of a packet, for events. */
function destinationText(bytes: Uint8Array): string {
  const d = decodePacket(bytes);
  return d.ok ? formatIp(d.value.ip.dst) : 'an undecodable destination';
}
