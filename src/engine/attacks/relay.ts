/**
 * The attacker's relay: subflows that reach its own address are passed on
 * to a real endpoint, and the answers passed back, rewriting only
 * addresses and ports (sequence numbers, options and payload untouched),
 * the way a NAT would. MP_JOIN's HMACs do not cover addresses, so both
 * ends verify each other through it (RFC 7430 §2, §6); from then on every
 * byte of that subflow goes through the attacker, which learns it all.
 */
import { formatEndpoint, ipEqual, type IpAddress } from '../wire/ip-address.ts';
import { craftSegment } from './craft.ts';
import type { AttackContext, ObservedPacket } from './strategy.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';

export interface Endpoint {
  addr: IpAddress;
  port: number;
}

interface Mapping {
  /** The host that connected to the attacker. */
  near: Endpoint;
  /** The port it connected to on the attacker's address. */
  listenPort: number;
  /** The attacker's port toward the far end. */
  relayPort: number;
  far: Endpoint;
  relayedData: boolean;
}

export class SubflowRelay {
  private readonly byNear = new Map<string, Mapping>();
  private readonly byRelayPort = new Map<number, Mapping>();

  constructor(
    private readonly own: IpAddress,
    /** Where a new subflow reaching the attacker is passed on to; null to ignore it. */
    private readonly farEndFor: (p: ObservedPacket) => Endpoint | null,
  ) {}

  /** Handles a packet to the attacker's own address; false when it belongs to no relayed subflow. */
  handle(ctx: AttackContext, p: ObservedPacket): boolean {
    const d = p.decoded;
    const h = d.tcp!.header;
    const back = this.byRelayPort.get(h.dstPort);
    if (back && ipEqual(d.ip.src, back.far.addr) && h.srcPort === back.far.port) {
      this.pass(ctx, p, back, { addr: this.own, port: back.listenPort }, back.near, 'back');
      return true;
    }
    const key = `${formatEndpoint(d.ip.src, h.srcPort)}>${h.dstPort}`;
    let m = this.byNear.get(key);
    if (!m) {
      if (!(h.flags & TCP_FLAG.SYN) || h.flags & TCP_FLAG.ACK) return false;
      const far = this.farEndFor(p);
      if (!far) return false;
      let relayPort = 40000 + ctx.rng.below(20000);
      while (this.byRelayPort.has(relayPort)) relayPort++;
      m = { near: { addr: d.ip.src, port: h.srcPort }, listenPort: h.dstPort, relayPort, far, relayedData: false };
      this.byNear.set(key, m);
      this.byRelayPort.set(relayPort, m);
      ctx.act('attacker-relay', `relays the subflow ${formatEndpoint(m.near.addr, m.near.port)} → ${formatEndpoint(this.own, m.listenPort)} to ${formatEndpoint(far.addr, far.port)} from its port ${relayPort}, rewriting only addresses and ports`, [p.id]);
    }
    this.pass(ctx, p, m, { addr: this.own, port: m.relayPort }, m.far, 'forth');
    return true;
  }

  private pass(ctx: AttackContext, p: ObservedPacket, m: Mapping, from: Endpoint, to: Endpoint, way: 'forth' | 'back'): void {
    const d = p.decoded;
    const h = d.tcp!.header;
    const payload = p.bytes.subarray(d.payloadOffset, d.payloadOffset + d.payloadLength);
    const bytes = craftSegment({ src: from.addr, dst: to.addr, srcPort: from.port, dstPort: to.port, seq: h.seq, ack: h.ack, flags: h.flags, window: h.window, options: h.options, payload });
    const id = ctx.inject(bytes, `relays packet #${p.id}`, { fromHome: true, quiet: true });
    if (id !== null && payload.length > 0 && !m.relayedData) {
      m.relayedData = true;
      ctx.act('attacker-relay-data', `application data now flows through it: packet #${p.id} (${payload.length} bytes, ${way === 'forth' ? 'toward' : 'back from'} ${formatEndpoint(m.far.addr, m.far.port)}) relayed as #${id}`, [p.id, id]);
    }
  }
}
