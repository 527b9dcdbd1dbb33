/**
 * The coalesce-segments middlebox's memory: per flow (four-tuple and
 * direction), the data segment it holds and the in-order segments it has
 * appended to it. A held segment leaves when its time is up (a simulator
 * event, `withinUs` after it arrived), when the next segment of its flow
 * cannot be appended (out of order, no payload, SYN/FIN/RST/URG, or the
 * result would not fit the outgoing link's MTU), so nothing is lost and
 * nothing overtakes it.
 */
import type { Simulation } from '../sim/simulation.ts';
import { readAddress, readPort, type TcpView } from './rewrite.ts';
import { appendSegment, segmentLayout } from './segments.ts';
import { formatIp } from '../wire/ip-address.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';

interface Held {
  bytes: Uint8Array;
  /** Ids of the segments merged into it, the first one's (which it keeps) first. */
  ids: number[];
  out: number;
  v: TcpView;
  /** Sequence number the next in-order segment starts at. */
  next: number;
}

/** Segments that never merge: only plain in-order data does. */
const NOT_MERGED = TCP_FLAG.SYN | TCP_FLAG.FIN | TCP_FLAG.RST | TCP_FLAG.URG;

export class Coalescer {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly sim: Simulation,
    private readonly id: string,
    private readonly withinUs: number,
    /** Puts bytes on the link of interface `out`. */
    private readonly send: (out: number, bytes: Uint8Array, packetId: number) => void,
    private readonly mtuOf: (out: number) => number,
  ) {}

  /** Takes a TCP segment bound for interface `out`: holds it, merges it, or sends it on. */
  take(out: number, p: Uint8Array, v: TcpView, packetId: number): void {
    const key = flowKey(p, v);
    const l = segmentLayout(p, v);
    const payload = l.end - l.payloadAt;
    const h = this.held.get(key);
    const mergeable = payload > 0 && (l.flags & TCP_FLAG.ACK) !== 0 && (l.flags & NOT_MERGED) === 0;
    if (h && mergeable && l.seq === h.next && h.bytes.length + payload <= this.mtuOf(out)) {
      h.bytes = appendSegment(h.bytes, p, v);
      h.ids.push(packetId);
      h.next = (h.next + payload) >>> 0;
      return;
    }
    if (h) this.flush(key, h);
    if (!mergeable) {
      this.send(out, p, packetId);
      return;
    }
    const fresh: Held = { bytes: p, ids: [packetId], out, v, next: (l.seq + payload) >>> 0 };
    this.held.set(key, fresh);
    this.sim.at(this.sim.now + this.withinUs, () => {
      if (this.held.get(key) === fresh) this.flush(key, fresh);
    });
  }

  private flush(key: string, h: Held): void {
    this.held.delete(key);
    if (h.ids.length > 1) {
      const l = segmentLayout(h.bytes, h.v);
      this.sim.trace.event({ timeUs: this.sim.now, host: this.id, packets: h.ids, kind: 'middlebox-coalesce', segments: h.ids.length, bytes: l.end - l.payloadAt });
    }
    this.send(h.out, h.bytes, h.ids[0]!);
  }
}

function flowKey(p: Uint8Array, v: TcpView): string {
  const end = (which: 'src' | 'dst') => `${formatIp(readAddress(p, v, which))}:${readPort(p, v, which)}`;
  return `${end('src')}>${end('dst')}`;
}
