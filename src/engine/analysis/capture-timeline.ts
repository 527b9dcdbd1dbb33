/**
 * A capture as a ladder diagram's data, the same `TimelineData` a simulated
 * run gives, with the network it implies (`capture-topology.ts`). Fed frame
 * by frame from the analyzer's hook, it keeps a few numbers per frame in
 * typed columns (no bytes, no objects), so a capture of millions of packets
 * costs tens of bytes per packet; subflows and hosts are known only once the
 * analysis has finished (a join may name a key seen later), so lanes, links
 * and subflow numbers are settled in `finish`.
 *
 * A capture sees each packet once, at the capture point, not when it left
 * and arrived: an arrow starts at the frame's timestamp and lasts half the
 * handshake RTT of its subflow (SYN to the ACK that completes the handshake,
 * measured at the capture point, which is a full round trip wherever that
 * point is), or of another subflow on the same path; without one measured,
 * it is drawn flat (it arrives as it leaves).
 */
import type { CapturedPacket } from '../pcap/types.ts';
import type { IpAddress } from '../wire/ip-address.ts';
import type { DecodedPacket } from '../wire/packet.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import { packetMarks } from '../runner/packet-marks.ts';
import { MARK, type TimelineData } from '../runner/timeline-codes.ts';
import type { Scenario } from '../scenario/types.ts';
import { inferTopology, type ObservedSubflow } from './capture-topology.ts';
import type { SubflowState } from './model.ts';

/** A capture's ladder and the network inferred from its addresses (valid for drawing, never run). */
export interface CaptureRun {
  scenario: Scenario;
  timeline: TimelineData;
}

/** Lane pairs × subflow colours the ladder's thinning table may hold (8 bytes each). */
const MAX_LADDER_CELLS = 4_000_000;

function grow<T extends Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array>(a: T, n: number): T {
  if (n <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(n);
  next.set(a);
  return next;
}

function sameAddress(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface SubflowTrack extends ObservedSubflow {
  /** The SYN sender's latest SYN before the SYN/ACK (a retransmitted SYN restarts the measure). */
  synUs: number;
  synAckSeen: boolean;
}

export class CaptureTimelineBuilder {
  private time = new Float64Array(1024);
  private src = new Int32Array(1024);
  private dst = new Int32Array(1024);
  /** Local subflow id, -1 for frames of no MPTCP subflow. */
  private flow = new Int32Array(1024);
  /** 1 when the frame was sent by its subflow's SYN sender. */
  private fromSynSender = new Uint8Array(1024);
  private marks = new Uint16Array(1024);
  /** The mapping's DSN modulo 2^32 (NaN without a mapping). */
  private dsnLow = new Float64Array(1024);
  private dataLength = new Uint32Array(1024);
  private count = 0;
  private t0: { sec: number; nsec: number } | null = null;

  private readonly addressIds = new Map<number | string, number>();
  private readonly addresses: IpAddress[] = [];
  private readonly subflowIds = new Map<SubflowState, number>();
  private readonly subflows: SubflowTrack[] = [];

  /** Arrows kept at most (about 35 bytes each here, 41 in the ladder's data): the ladder draws the first ones. */
  private readonly maxFrames: number;

  constructor(options: { maxFrames?: number } = {}) {
    this.maxFrames = Math.max(0, options.maxFrames ?? Number.MAX_SAFE_INTEGER);
  }

  get size(): number {
    return this.count;
  }

  /** Records one frame; call from the analyzer's onPacket hook, in frame order. Frames past `maxFrames` are ignored. */
  add(p: CapturedPacket, decoded: DecodedPacket | null, sf: SubflowState | null): void {
    if (this.count >= this.maxFrames) return;
    const i = this.count++;
    if (this.count > this.time.length) this.reserve(this.count);
    this.t0 ??= { sec: p.tsSec, nsec: p.tsNsec };
    const t = (p.tsSec - this.t0.sec) * 1e6 + (p.tsNsec - this.t0.nsec) / 1e3;
    // Frames stay in file order; one stamped earlier than the frame before it is drawn at that frame's time, so searches by time hold.
    this.time[i] = i > 0 ? Math.max(t, this.time[i - 1]!) : Math.max(0, t);
    this.src[i] = decoded ? this.addressId(decoded.ip.src) : -1;
    this.dst[i] = decoded ? this.addressId(decoded.ip.dst) : -1;
    this.flow[i] = -1;
    this.dsnLow[i] = Number.NaN;
    const read = decoded ? packetMarks(decoded) : null;
    if (!read) return;
    this.marks[i] = read.marks;
    if (read.mapping) {
      this.dsnLow[i] = Number(BigInt.asUintN(32, read.mapping.dsn));
      this.dataLength[i] = read.mapping.dataLength;
    }
    if (!sf) return;
    const h = decoded!.tcp!.header;
    const fromSyn = h.srcPort === sf.client.port && sameAddress(decoded!.ip.src.bytes, sf.client.addr.bytes);
    const id = this.subflowId(sf, i, fromSyn ? this.src[i]! : this.dst[i]!, fromSyn ? this.dst[i]! : this.src[i]!);
    this.flow[i] = id;
    this.fromSynSender[i] = fromSyn ? 1 : 0;
    this.measure(this.subflows[id]!, this.time[i]!, h.flags, fromSyn);
    this.subflows[id]!.bits += p.originalLength * 8;
    this.subflows[id]!.lastUs = this.time[i]!;
  }

  private reserve(wanted: number): void {
    const n = Math.min(this.maxFrames, Math.max(wanted, this.time.length * 2));
    this.time = grow(this.time, n);
    this.src = grow(this.src, n);
    this.dst = grow(this.dst, n);
    this.flow = grow(this.flow, n);
    this.fromSynSender = grow(this.fromSynSender, n);
    this.marks = grow(this.marks, n);
    this.dsnLow = grow(this.dsnLow, n);
    this.dataLength = grow(this.dataLength, n);
  }

  /** The last two addresses looked up: most frames go back and forth between the same two. */
  private recentKey: (number | string)[] = [-1, -1];
  private recentId = [-1, -1];

  private addressId(a: IpAddress): number {
    const b = a.bytes;
    const key = a.family === 4 ? ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0 : Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    if (this.recentKey[0] === key) return this.recentId[0]!;
    if (this.recentKey[1] === key) return this.recentId[1]!;
    let id = this.addressIds.get(key);
    if (id === undefined) {
      id = this.addresses.length;
      this.addressIds.set(key, id);
      // The decoded address may view the reader's buffer: keep a copy.
      this.addresses.push({ family: a.family, bytes: b.slice() } as IpAddress);
    }
    this.recentKey[1] = this.recentKey[0]!;
    this.recentId[1] = this.recentId[0]!;
    this.recentKey[0] = key;
    this.recentId[0] = id;
    return id;
  }

  private subflowId(sf: SubflowState, frameIndex: number, synSenderAddress: number, synReceiverAddress: number): number {
    let id = this.subflowIds.get(sf);
    if (id === undefined) {
      id = this.subflows.length;
      this.subflowIds.set(sf, id);
      this.subflows.push({ state: sf, firstFrame: frameIndex + 1, synSenderAddress, synReceiverAddress, rttUs: Number.NaN, bits: 0, firstUs: this.time[frameIndex]!, lastUs: this.time[frameIndex]!, synUs: Number.NaN, synAckSeen: false });
    }
    return id;
  }

  /** The handshake RTT: the SYN sender's last SYN to its first ACK after the SYN/ACK (the third ACK, or the join's ACK). */
  private measure(s: SubflowTrack, t: number, flags: number, fromSyn: boolean): void {
    if (!Number.isNaN(s.rttUs)) return;
    const syn = (flags & TCP_FLAG.SYN) !== 0;
    const ack = (flags & TCP_FLAG.ACK) !== 0;
    if (syn && !ack && fromSyn && !s.synAckSeen) s.synUs = t;
    else if (syn && ack && !fromSyn) s.synAckSeen = true;
    else if (!syn && ack && fromSyn && s.synAckSeen && !Number.isNaN(s.synUs)) s.rttUs = t - s.synUs;
  }

  /**
   * The ladder and the inferred network; call after the analysis finished
   * (it settles which connection each join belongs to). Null when the
   * capture holds no MPTCP subflow (there are no hosts to draw), or so many
   * hosts and subflows that no ladder could show them.
   */
  finish(): CaptureRun | null {
    if (this.subflows.length === 0) return null;
    const n = this.count;
    const topo = inferTopology(this.subflows, this.addresses, this.hasOtherTraffic());
    // The ladder thins its arrows with a table per (lane pair, subflow): beyond this a capture of
    // thousands of hosts and subflows could not be drawn (nor read); it keeps its packet list.
    if (topo.lanes.length ** 2 * (topo.subflows.length + 1) > MAX_LADDER_CELLS || topo.subflows.length > 0x7fff) return null;
    const out: TimelineData = {
      lanes: topo.lanes,
      links: [],
      subflows: topo.subflows,
      attackers: [],
      count: n,
      startUs: this.time.slice(0, n),
      endUs: new Float64Array(n),
      fromLane: new Uint16Array(n),
      toLane: new Uint16Array(n),
      link: new Uint16Array(n),
      // A capture shows what reached the capture point: every frame counts as delivered.
      fate: new Uint8Array(n),
      subflow: new Int16Array(n),
      attacker: new Int16Array(n).fill(-1),
      marks: this.marks.slice(0, n),
      dsn: new Float64Array(n).fill(Number.NaN),
      dataLength: this.dataLength.slice(0, n),
      endOfRunUs: 0,
    };
    const dsnBase = new Map<string, number>();
    let end = 0;
    for (let i = 0; i < n; i++) {
      const src = this.src[i]!;
      const dst = this.dst[i]!;
      const f = this.flow[i]!;
      out.fromLane[i] = topo.laneOfAddress(src);
      out.toLane[i] = topo.laneOfAddress(dst);
      out.subflow[i] = f;
      const link = f >= 0 ? topo.linkOfSubflow[f]! : topo.linkOfPair(src, dst);
      out.link[i] = link;
      const half = f >= 0 && !Number.isNaN(this.subflows[f]!.rttUs) ? this.subflows[f]!.rttUs / 2 : topo.halfRttOfLink[link] ?? 0;
      out.endUs[i] = out.startUs[i]! + half;
      end = Math.max(end, out.endUs[i]!);
      if (out.marks[i]! & MARK.DSS_MAP && f >= 0) {
        // Relative to the first DSN its sender used in the connection, so each direction starts at 0 (as in a simulated run).
        const key = `${topo.connectionOfSubflow[f]}:${topo.sideOf(f, this.fromSynSender[i] === 1)}`;
        const raw = this.dsnLow[i]!;
        const base = dsnBase.get(key) ?? raw;
        dsnBase.set(key, base);
        out.dsn[i] = (raw - base) | 0;
      }
    }
    out.endOfRunUs = end;
    // Read after the frames: a frame outside every path adds the "other" link.
    out.links = topo.links;
    return { scenario: topo.scenario, timeline: out };
  }

  /** Whether some frame has an address (or none: not IP) that no subflow used; such ends go on an "other traffic" lane. */
  private hasOtherTraffic(): boolean {
    const onSubflows = new Set<number>();
    for (const s of this.subflows) {
      onSubflows.add(s.synSenderAddress);
      onSubflows.add(s.synReceiverAddress);
    }
    for (let i = 0; i < this.count; i++) if (!onSubflows.has(this.src[i]!) || !onSubflows.has(this.dst[i]!)) return true;
    return false;
  }
}
