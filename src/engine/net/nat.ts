/**
 * A NAPT (RFC 3022) between an inside and an outside interface. Leaving:
 * the source becomes the public address and a port from its range (one
 * mapping per inside address and port, kept for the whole run); arriving on
 * the public address: mapped back, and anything without a mapping is
 * dropped. It rewrites IP and TCP headers only, like the NATs MPTCP has to
 * live with: ADD_ADDR and MP_JOIN contents pass untouched (RFC 8684 §3.2).
 */
import type { EventBody } from '../sim/events.ts';
import type { NatSpec } from '../scenario/types.ts';
import type { Simulation } from '../sim/simulation.ts';
import { formatEndpoint, type IpAddress } from '../wire/ip-address.ts';
import { addressKey, destinationKey } from './address-key.ts';
import type { Link } from './link.ts';
import type { NetNode } from './node.ts';
import { decrementTtl } from './router.ts';
import { fixChecksums, readAddress, readPort, tcpView, writeAddress, writePort } from './rewrite.ts';

const INSIDE = 0;
const OUTSIDE = 1;

export class Nat implements NetNode {
  readonly ports: { link: Link; end: 0 | 1 }[] = [];
  readonly routes = new Map<string, number>();
  private readonly outbound = new Map<string, number>();
  private readonly inbound = new Map<number, { addr: IpAddress; port: number }>();
  private nextPort: number;

  constructor(
    readonly sim: Simulation,
    readonly spec: NatSpec,
    readonly publicAddress: IpAddress,
  ) {
    this.nextPort = spec.portBase ?? 40000;
  }

  get id(): string {
    return this.spec.id;
  }

  attach(iface: number, link: Link, end: 0 | 1): void {
    this.ports[iface] = { link, end };
  }

  private event(body: Extract<EventBody, { kind: 'nat-mapping' | 'nat-drop' }>, packetId: number): void {
    this.sim.trace.event({ ...body, timeUs: this.sim.now, host: this.id, packets: [packetId] });
  }

  receive(iface: number, bytes: Uint8Array, packetId: number): void {
    const copy = decrementTtl(bytes);
    if (!copy) return;
    const v = tcpView(copy);
    if (!v) return;
    if (iface === INSIDE) {
      const src = readAddress(copy, v, 'src');
      const sport = readPort(copy, v, 'src');
      const key = `${addressKey(src)}/${sport}`;
      let pub = this.outbound.get(key);
      if (pub === undefined) {
        pub = this.nextPort++;
        this.outbound.set(key, pub);
        this.inbound.set(pub, { addr: src, port: sport });
        this.event({ kind: 'nat-mapping', inside: formatEndpoint(src, sport), outside: formatEndpoint(this.publicAddress, pub) }, packetId);
      }
      writeAddress(copy, v, 'src', this.publicAddress);
      writePort(copy, v, 'src', pub);
      fixChecksums(copy, v);
      this.forward(copy, OUTSIDE, packetId);
      return;
    }
    const dst = destinationKey(copy);
    const dport = readPort(copy, v, 'dst');
    const back = dst === addressKey(this.publicAddress) ? this.inbound.get(dport) : undefined;
    if (!back) {
      this.event({ kind: 'nat-drop', to: formatEndpoint(readAddress(copy, v, 'dst'), dport) }, packetId);
      return;
    }
    writeAddress(copy, v, 'dst', back.addr);
    writePort(copy, v, 'dst', back.port);
    fixChecksums(copy, v);
    this.forward(copy, INSIDE, packetId);
  }

  private forward(p: Uint8Array, side: number, packetId: number): void {
    const key = destinationKey(p);
    const out = (key !== null ? this.routes.get(key) : undefined) ?? side;
    const port = this.ports[out];
    if (port) port.link.send(port.end, p, packetId);
  }
}
