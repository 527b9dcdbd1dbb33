/**
 * The receiver's out-of-order store: segments above RCV.NXT kept in
 * sequence order until the hole below them fills, and the SACK blocks
 * (RFC 2018) that describe them, the block holding the latest arrival
 * first. The merged ranges are kept up to date on every insert, so building
 * SACK blocks for an ACK costs the number of holes, not of segments.
 */
import { seqAdd, seqDiff } from '../wire/seq.ts';
import type { SackBlock } from '../wire/tcp-options.ts';

interface Held {
  seq: number;
  payload: Uint8Array;
  fin: boolean;
}

export class Reassembly {
  private held: Held[] = [];
  private head = 0;
  /** Disjoint, sorted [left, right) ranges of held data. */
  private ranges: { left: number; right: number }[] = [];
  private latest: number | null = null;
  bytesHeld = 0;

  get size(): number {
    return this.held.length - this.head;
  }

  clear(): void {
    this.held = [];
    this.head = 0;
    this.ranges = [];
    this.bytesHeld = 0;
    this.latest = null;
  }

  /** Keeps a segment that starts above `rcvNxt` (a copy: the packet's buffer is not ours). */
  insert(seq: number, payload: Uint8Array, fin: boolean, rcvNxt: number): void {
    const rel = seqDiff(seq, rcvNxt);
    const h = this.held;
    let i = h.length;
    while (i > this.head && seqDiff(h[i - 1]!.seq, rcvNxt) > rel) i--;
    this.latest = seq;
    if (i > this.head && h[i - 1]!.seq === seq && h[i - 1]!.payload.length >= payload.length) return;
    const item = { seq, payload: payload.slice(), fin };
    if (i === h.length) h.push(item);
    else h.splice(i, 0, item);
    this.bytesHeld += payload.length;
    this.addRange(seq, seqAdd(seq, payload.length), rcvNxt);
  }

  private addRange(left: number, right: number, base: number): void {
    const r = this.ranges;
    const l = seqDiff(left, base);
    const rr = seqDiff(right, base);
    // Find the first range whose end reaches `left`.
    let i = r.length;
    while (i > 0 && seqDiff(r[i - 1]!.right, base) >= l) i--;
    let newLeft = left;
    let newRight = right;
    let j = i;
    while (j < r.length && seqDiff(r[j]!.left, base) <= rr) {
      if (seqDiff(r[j]!.left, base) < seqDiff(newLeft, base)) newLeft = r[j]!.left;
      if (seqDiff(r[j]!.right, base) > seqDiff(newRight, base)) newRight = r[j]!.right;
      j++;
    }
    r.splice(i, j - i, { left: newLeft, right: newRight });
  }

  /** The next segment that starts at or below `rcvNxt` (trimmed to start there), or null. Skips copies wholly below. */
  takeNext(rcvNxt: number): { payload: Uint8Array; fin: boolean } | null {
    const h = this.held;
    while (this.head < h.length) {
      const s = h[this.head]!;
      const rel = seqDiff(s.seq, rcvNxt);
      if (rel > 0) return null;
      this.head++;
      this.bytesHeld -= s.payload.length;
      if (this.head > 256 && this.head * 2 > h.length) {
        this.held = h.slice(this.head);
        this.head = 0;
      }
      const end = rel + s.payload.length;
      const taken = end > 0 || (end === 0 && s.fin) ? { payload: s.payload.subarray(-rel), fin: s.fin } : null;
      this.trimRanges(seqAdd(rcvNxt, Math.max(0, end)));
      if (taken) return taken;
    }
    if (this.size === 0) this.ranges = [];
    return null;
  }

  /** Drops range parts below `upTo` (delivered). */
  private trimRanges(upTo: number): void {
    const r = this.ranges;
    while (r.length && seqDiff(r[0]!.right, upTo) <= 0) r.shift();
    if (r.length && seqDiff(r[0]!.left, upTo) < 0) r[0] = { left: upTo, right: r[0]!.right };
  }

  /** Up to `max` SACK blocks, the one holding the latest arrival first, then from the highest down. */
  sackBlocks(max: number): SackBlock[] {
    const ranges = this.ranges;
    if (max <= 0 || ranges.length === 0) return [];
    const latest = this.latest;
    let firstIdx = -1;
    if (latest !== null) {
      for (let i = 0; i < ranges.length; i++) {
        if (seqDiff(latest, ranges[i]!.left) >= 0 && seqDiff(latest, ranges[i]!.right) < 0) {
          firstIdx = i;
          break;
        }
      }
    }
    const out: SackBlock[] = [];
    if (firstIdx >= 0) out.push(ranges[firstIdx]!);
    for (let i = ranges.length - 1; i >= 0 && out.length < max; i--) if (i !== firstIdx) out.push(ranges[i]!);
    return out;
  }
}
