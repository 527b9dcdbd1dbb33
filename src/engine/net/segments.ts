/**
 * Cutting one TCP segment into several and gluing in-order segments into
 * one, on the packet bytes, as segmentation offload (TSO) and receive
 * coalescing (LRO/GRO, resegmenting proxies) do: sequence numbers, IP
 * lengths and ids, and both checksums come out as a sender would have
 * written them. What the options then say is the point (RFC 8684 §3.3.1,
 * §6): a piece keeps a copy of all of them, a merged segment only the
 * first one's.
 */
import { fixChecksums, type TcpView } from './rewrite.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';

/** Where a TCP segment's parts are in its packet. */
export interface SegmentLayout {
  /** Offset of the payload (the end of the TCP header with its options). */
  payloadAt: number;
  /** End of the packet as its IP header gives it. */
  end: number;
  seq: number;
  flags: number;
}

export function segmentLayout(p: Uint8Array, v: TcpView): SegmentLayout {
  const t = v.ipHeaderLength;
  const end = v.version === 4 ? (p[2]! << 8) | p[3]! : 40 + ((p[4]! << 8) | p[5]!);
  return { payloadAt: t + (p[t + 12]! >> 4) * 4, end, seq: readU32(p, t + 4), flags: p[t + 13]! };
}

/**
 * Cuts a segment with more than `atBytes` of payload into pieces of at
 * most `atBytes`, each a copy of the headers and options. As TSO does, only
 * the last piece keeps FIN and PSH and only the first CWR, and IPv4 ids
 * count up from the original's. Returns the segment alone when there is
 * nothing to cut, or when it is a SYN, RST or urgent segment, which TSO
 * never gets.
 */
export function splitSegment(p: Uint8Array, v: TcpView, atBytes: number): Uint8Array[] {
  const l = segmentLayout(p, v);
  const payload = l.end - l.payloadAt;
  if (payload <= atBytes || l.flags & (TCP_FLAG.SYN | TCP_FLAG.RST | TCP_FLAG.URG)) return [p];
  const t = v.ipHeaderLength;
  const id = (p[4]! << 8) | p[5]!;
  const pieces: Uint8Array[] = [];
  for (let off = 0, i = 0; off < payload; off += atBytes, i++) {
    const n = Math.min(atBytes, payload - off);
    const q = new Uint8Array(l.payloadAt + n);
    q.set(p.subarray(0, l.payloadAt));
    q.set(p.subarray(l.payloadAt + off, l.payloadAt + off + n), l.payloadAt);
    setIpLength(q, v);
    if (v.version === 4) writeU16(q, 4, (id + i) & 0xffff);
    writeU32(q, t + 4, (l.seq + off) >>> 0);
    let flags = l.flags;
    if (off + n < payload) flags &= ~(TCP_FLAG.FIN | TCP_FLAG.PSH);
    if (off > 0) flags &= ~TCP_FLAG.CWR;
    q[t + 13] = flags;
    fixChecksums(q, v);
    pieces.push(q);
  }
  return pieces;
}

/**
 * `first` with `later`'s payload appended: the headers and options are
 * `first`'s, the acknowledgment number and window the newer `later`'s (a
 * coalescer passes on the latest), PSH if either had it. The caller checks
 * that `later` starts where `first` ends.
 */
export function appendSegment(first: Uint8Array, later: Uint8Array, v: TcpView): Uint8Array {
  const a = segmentLayout(first, v);
  const b = segmentLayout(later, v);
  const t = v.ipHeaderLength;
  const q = new Uint8Array(a.end + (b.end - b.payloadAt));
  q.set(first.subarray(0, a.end));
  q.set(later.subarray(b.payloadAt, b.end), a.end);
  setIpLength(q, v);
  q.set(later.subarray(t + 8, t + 12), t + 8); // acknowledgment number
  q.set(later.subarray(t + 14, t + 16), t + 14); // window
  q[t + 13] = a.flags | (b.flags & TCP_FLAG.PSH);
  fixChecksums(q, v);
  return q;
}

function setIpLength(q: Uint8Array, v: TcpView): void {
  if (v.version === 4) writeU16(q, 2, q.length);
  else writeU16(q, 4, q.length - 40);
}

const readU32 = (p: Uint8Array, at: number) => ((p[at]! << 24) | (p[at + 1]! << 16) | (p[at + 2]! << 8) | p[at + 3]!) >>> 0;

function writeU16(p: Uint8Array, at: number, n: number): void {
  p[at] = n >> 8;
  p[at + 1] = n & 0xff;
}

function writeU32(p: Uint8Array, at: number, n: number): void {
  writeU16(p, at, n >>> 16);
  writeU16(p, at + 2, n & 0xffff);
}
