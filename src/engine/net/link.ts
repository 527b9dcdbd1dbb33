/**
 * A full-duplex point-to-point link. Each direction serializes packets at
 * the link's bandwidth behind a drop-tail queue, loses them with the link's
 * loss rate (its own seeded stream), and delivers after the propagation
 * delay. A packet larger than the MTU is dropped. Every packet put on the
 * link is recorded in the trace with its fate. A link that is down drops
 * what is put on it; packets already queued or on the wire still arrive.
 */
import type { Rng } from '../core/rng.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { LinkSpec } from '../scenario/types.ts';
import type { NetNode } from './node.ts';
import type { PacketRecord } from '../sim/trace.ts';

/**
 * Something on the link that sees each packet as it is put on it (an
 * attacker's tap): it may let it pass, drop it, or replace its bytes. Taps
 * run in placement order; the first that does not pass wins.
 */
export interface LinkTap {
  onPacket(link: Link, from: 0 | 1, bytes: Uint8Array, packetId: number): TapVerdict;
}

export type TapVerdict = { kind: 'pass' } | { kind: 'drop'; reason: string } | { kind: 'replace'; bytes: Uint8Array };

interface Direction {
  /** When the transmitter is free again (fractional µs). */
  nextFree: number;
  /** End-of-transmission times of packets queued or in service, oldest first. */
  ends: number[];
  head: number;
  rng: Rng;
}

export class Link {
  readonly ends: [{ node: NetNode; iface: number } | null, { node: NetNode; iface: number } | null] = [null, null];
  private readonly dirs: [Direction, Direction];
  private readonly usPerByte: number;
  /** False while a `link-down` action holds: everything put on the link is dropped. */
  up = true;
  readonly taps: LinkTap[] = [];

  constructor(
    private readonly sim: Simulation,
    readonly spec: LinkSpec,
  ) {
    const rng = sim.rng.fork(`link:${spec.id}`);
    this.dirs = [
      { nextFree: 0, ends: [], head: 0, rng: rng.fork('a-to-b') },
      { nextFree: 0, ends: [], head: 0, rng: rng.fork('b-to-a') },
    ];
    this.usPerByte = 8e6 / spec.bandwidthBps;
  }

  get id(): string {
    return this.spec.id;
  }

  connect(end: 0 | 1, node: NetNode, iface: number): void {
    this.ends[end] = { node, iface };
    node.attach(iface, this, end);
  }

  private record(from: 0 | 1, id: number, bytes: Uint8Array, timeUs: number, fate: PacketRecord['fate'], reason?: string): void {
    const rec: PacketRecord = { id, timeUs, link: this.spec.id, from: this.ends[from]!.node.id, to: this.ends[from === 0 ? 1 : 0]!.node.id, length: bytes.length, fate };
    if (reason) rec.reason = reason;
    this.sim.trace.packet(rec, bytes);
  }

  /**
   * Puts a packet on the link from end `from` at the current time. `fate`
   * 'injected' marks a packet an attacker made.
   */
  send(from: 0 | 1, bytes: Uint8Array, packetId = this.sim.packetId(), fate: 'delivered' | 'injected' = 'delivered'): void {
    let outFate: PacketRecord['fate'] = fate;
    const taps = this.taps;
    for (let i = 0; i < taps.length; i++) {
      const v = taps[i]!.onPacket(this, from, bytes, packetId);
      if (v.kind === 'pass') continue;
      if (v.kind === 'drop') {
        this.record(from, packetId, bytes, this.sim.now, 'dropped', v.reason);
        return;
      }
      bytes = v.bytes;
      outFate = 'modified';
      break;
    }
    this.transmit(from, bytes, packetId, outFate);
  }

  private transmit(from: 0 | 1, bytes: Uint8Array, packetId: number, fate: PacketRecord['fate']): void {
    const sim = this.sim;
    const now = sim.now;
    const d = this.dirs[from];
    const target = this.ends[from === 0 ? 1 : 0]!;
    if (!this.up) {
      this.record(from, packetId, bytes, now, 'dropped', 'link-down');
      return;
    }
    if (bytes.length > this.spec.mtuBytes) {
      this.record(from, packetId, bytes, now, 'dropped', 'mtu');
      return;
    }
    const ends = d.ends;
    while (d.head < ends.length && ends[d.head]! <= now) d.head++;
    if (d.head > 1024 && d.head * 2 > ends.length) {
      d.ends = ends.slice(d.head);
      d.head = 0;
    }
    // One packet in service plus `queuePackets` waiting.
    if (d.ends.length - d.head > this.spec.queuePackets) {
      this.record(from, packetId, bytes, now, 'dropped', 'queue');
      return;
    }
    const start = Math.max(now, d.nextFree);
    const end = start + bytes.length * this.usPerByte;
    d.nextFree = end;
    d.ends.push(end);
    const startUs = Math.round(start);
    if (this.spec.lossRate > 0 && d.rng.chance(this.spec.lossRate)) {
      this.record(from, packetId, bytes, startUs, 'dropped', 'loss');
      return;
    }
    this.record(from, packetId, bytes, startUs, fate);
    sim.at(end + this.spec.delayUs, () => target.node.receive(target.iface, bytes, packetId));
  }
}
