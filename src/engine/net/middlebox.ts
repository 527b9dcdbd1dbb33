/**
 * A bump in the wire between two interfaces that edits TCP segments as
 * deployed middleboxes do (RFC 8684 §3.7 discusses both):
 * - strip-mptcp: every MPTCP option (kind 30) is overwritten with NOPs, so
 *   MPTCP falls back to TCP; with `stripOnly: 'syn-ack'`, only on SYN/ACKs
 *   (RFC 8684 §3.1); with `stripData`, only on data segments in one
 *   direction from a given time on (late fallback, RFC 8684 §3.7);
 * - rewrite-payload: a byte string in the payload is replaced by another of
 *   the same length (an application-level gateway), which DSS checksums
 *   exist to catch;
 * - drop-handshake: the first copy of the handshake segments it names (SYN,
 *   SYN/ACK, third ACK) is lost on each four-tuple, so a scenario can lose
 *   exactly those (RFC 6298 §5.7, RFC 5681 §3.1) where a loss rate would
 *   only make them likely;
 * - split-segments: segments longer than `splitAtBytes` leave in pieces,
 *   each with a copy of the options, as TSO cuts them (`segments.ts`);
 * - coalesce-segments: in-order data segments of a flow arriving within
 *   `coalesceWithinUs` leave as one, with the first one's options only
 *   (`coalescer.ts`). RFC 8684 §3.3.1 and §6 discuss both.
 */
import type { MiddleboxSpec } from '../scenario/types.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { Link } from './link.ts';
import type { NetNode } from './node.ts';
import { decrementTtl } from './router.ts';
import { fixChecksums, readAddress, readPort, tcpView, type TcpView } from './rewrite.ts';
import { formatIp } from '../wire/ip-address.ts';
import { Coalescer } from './coalescer.ts';
import { segmentLayout, splitSegment } from './segments.ts';

type HandshakeSegment = 'syn' | 'syn-ack' | 'third-ack';
const SYN = 0x02;
const ACK = 0x10;

export class Middlebox implements NetNode {
  readonly ports: { link: Link; end: 0 | 1 }[] = [];
  private readonly match: Uint8Array;
  private readonly replace: Uint8Array;
  /** drop-handshake: per four-tuple (as the client sends it), how far its handshake has got and what was lost. */
  private readonly handshakes = new Map<string, { synAckSeen: boolean; done: boolean; lost: Set<HandshakeSegment> }>();
  /** coalesce-segments: the segments held for merging. */
  private readonly coalescer: Coalescer | null;

  constructor(
    readonly sim: Simulation,
    readonly spec: MiddleboxSpec,
  ) {
    this.match = ascii(spec.match ?? '');
    this.replace = ascii(spec.replace ?? '');
    this.coalescer =
      spec.kind === 'coalesce-segments'
        ? new Coalescer(sim, spec.id, spec.coalesceWithinUs ?? 1, (out, bytes, id) => this.sendOn(out, bytes, id), (out) => this.ports[out]?.link.spec.mtuBytes ?? 0)
        : null;
  }

  get id(): string {
    return this.spec.id;
  }

  attach(iface: number, link: Link, end: 0 | 1): void {
    this.ports[iface] = { link, end };
  }

  receive(iface: number, bytes: Uint8Array, packetId: number): void {
    const copy = decrementTtl(bytes);
    if (!copy) return;
    const v = tcpView(copy);
    const outIface = iface === 0 ? 1 : 0;
    if (v && this.spec.kind === 'split-segments') {
      this.sendSplit(outIface, copy, v, packetId);
      return;
    }
    if (v && this.coalescer) {
      this.coalescer.take(outIface, copy, v, packetId);
      return;
    }
    if (v && this.spec.kind === 'drop-handshake') {
      const segment = this.handshakeSegment(copy, v);
      if (segment && this.spec.drop?.includes(segment)) {
        this.sim.trace.event({ timeUs: this.sim.now, host: this.id, packets: [packetId], kind: 'middlebox-drop', segment });
        return;
      }
    } else if (v) {
      const at = { timeUs: this.sim.now, host: this.id, packets: [packetId] };
      if (this.spec.kind === 'strip-mptcp') {
        const options = this.strips(iface, copy, v.ipHeaderLength) ? stripMptcp(copy, v.ipHeaderLength) : 0;
        if (options > 0) {
          fixChecksums(copy, v);
          this.sim.trace.event({ ...at, kind: 'middlebox-strip-mptcp', options });
        }
      } else {
        const occurrences = this.rewritePayload(copy, v.ipHeaderLength);
        if (occurrences > 0) {
          fixChecksums(copy, v);
          this.sim.trace.event({ ...at, kind: 'middlebox-rewrite-payload', occurrences, match: this.spec.match ?? '' });
        }
      }
    }
    this.sendOn(outIface, copy, packetId);
  }

  private sendOn(iface: number, bytes: Uint8Array, packetId: number): void {
    const out = this.ports[iface];
    if (out) out.link.send(out.end, bytes, packetId);
  }

  /** split-segments: the pieces leave back to back; the first keeps the packet's id, the others get new ones. */
  private sendSplit(out: number, p: Uint8Array, v: TcpView, packetId: number): void {
    const pieces = splitSegment(p, v, this.spec.splitAtBytes ?? 65535);
    const ids = pieces.map((_, i) => (i === 0 ? packetId : this.sim.packetId()));
    if (pieces.length > 1) {
      const bytes = pieces.reduce((n, q) => n + q.length - segmentLayout(q, v).payloadAt, 0);
      this.sim.trace.event({ timeUs: this.sim.now, host: this.id, packets: ids, kind: 'middlebox-split', pieces: pieces.length, bytes });
    }
    pieces.forEach((q, i) => this.sendOn(out, q, ids[i]!));
  }

  /**
   * drop-handshake: which handshake segment this is, the first time it passes
   * on its four-tuple (null for anything else, retransmissions included). The
   * third ACK is the client's first segment without SYN after a SYN/ACK.
   */
  private handshakeSegment(p: Uint8Array, v: TcpView): HandshakeSegment | null {
    const flags = p[v.ipHeaderLength + 13]!;
    const end = (which: 'src' | 'dst') => `${formatIp(readAddress(p, v, which))}:${readPort(p, v, which)}`;
    // Keyed as the client sends: a SYN/ACK is turned around; the server's other segments find no entry.
    const key = flags & SYN && flags & ACK ? `${end('dst')}>${end('src')}` : `${end('src')}>${end('dst')}`;
    let h = this.handshakes.get(key);
    let segment: HandshakeSegment | null = null;
    if (flags & SYN) {
      segment = flags & ACK ? 'syn-ack' : 'syn';
      if (!h) this.handshakes.set(key, (h = { synAckSeen: false, done: false, lost: new Set() }));
      if (segment === 'syn-ack') h.synAckSeen = true;
    } else if (h && !h.done && h.synAckSeen && flags & ACK) {
      segment = 'third-ack';
      h.done = true;
    }
    if (!segment || !h || h.lost.has(segment)) return null;
    h.lost.add(segment);
    return segment;
  }

  /** strip-mptcp: whether this segment loses its options (all do, unless `stripOnly` or `stripData` narrows it). */
  private strips(iface: number, p: Uint8Array, t: number): boolean {
    if (this.spec.stripOnly === 'syn-ack') return (p[t + 13]! & (SYN | ACK)) === (SYN | ACK);
    const only = this.spec.stripData;
    if (!only) return true;
    const fromA = iface === 0;
    if (this.sim.now < only.fromUs || fromA !== (only.direction === 'a-to-b')) return false;
    return only.segments === 'all' || p.length > t + (p[t + 12]! >> 4) * 4; // has payload
  }

  /** Rewrites every occurrence of the match in the payload; returns how many. */
  private rewritePayload(p: Uint8Array, t: number): number {
    const m = this.match;
    if (m.length === 0) return 0;
    const start = t + (p[t + 12]! >> 4) * 4;
    let hits = 0;
    for (let i = start; i + m.length <= p.length; i++) {
      let j = 0;
      while (j < m.length && p[i + j] === m[j]) j++;
      if (j === m.length) {
        p.set(this.replace, i);
        hits++;
        i += m.length - 1;
      }
    }
    return hits;
  }
}

/** Overwrites MPTCP options with NOPs; returns how many it overwrote. */
export function stripMptcp(p: Uint8Array, t: number): number {
  const end = t + (p[t + 12]! >> 4) * 4;
  let i = t + 20;
  let stripped = 0;
  while (i < end && i < p.length) {
    const kind = p[i]!;
    if (kind === 0) break;
    if (kind === 1) {
      i++;
      continue;
    }
    const len = p[i + 1] ?? 0;
    if (len < 2 || i + len > end) break;
    if (kind === 30) {
      p.fill(1, i, i + len);
      stripped++;
    }
    i += len;
  }
  return stripped;
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}
