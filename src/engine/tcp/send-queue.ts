/**
 * The sender's scoreboard (RFC 6675): every chunk sent and not yet
 * cumulatively acknowledged, with SACKed and lost marks, and running byte
 * counts so that "pipe" (the data still in the network) costs nothing to
 * read. Loss follows RFC 6675's IsLost with DupThresh 3: a chunk is lost
 * once three SACKed chunks lie above it (or when a timeout or NewReno says
 * so).
 *
 * Indices are positions in `items`; the acknowledged prefix is dropped
 * lazily (`head`), so acknowledging is O(1) amortized, and loss marking
 * moves a monotonic pointer.
 */
import { seqAdd, seqGeq, seqGt, seqLeq, seqLt } from '../wire/seq.ts';
import type { SackBlock } from '../wire/tcp-options.ts';
import type { SentChunk } from './types.ts';

export interface TrackedChunk extends SentChunk {
  sacked: boolean;
  lost: boolean;
  /** Retransmitted since it was marked lost. */
  rexmit: boolean;
  /** Position of its latest transmission among all of this queue's transmissions. */
  sentOrder: number;
}

export const DUP_THRESH = 3;

const endOf = (c: SentChunk) => seqAdd(c.seq, c.len + (c.fin ? 1 : 0));

export class SendQueue {
  private items: TrackedChunk[] = [];
  private head = 0;
  /** First chunk never sent. */
  private unsentIdx = 0;
  /** Every non-SACKed chunk below this index has been considered for loss. */
  private lossMarkedTo = 0;
  /** Lowest index that may hold a lost chunk not yet retransmitted. */
  private lossScan = 0;
  private highestSacked = -1;
  sackedBytes = 0;
  /** Bytes marked lost and not retransmitted (out of the pipe). */
  lostBytes = 0;
  /** Transmissions so far (numbers `sentOrder`). */
  private sends = 0;
  /** The DupThresh highest `sentOrder`s among SACKed chunks, lowest first. */
  private readonly topSackedOrders: number[] = [];
  /** Retransmissions in the order they were sent, until SACKed, acknowledged or found lost again. */
  private rexmits: { c: TrackedChunk; order: number }[] = [];
  private rexmitHead = 0;

  get isEmpty(): boolean {
    return this.head >= this.items.length;
  }

  /** Chunks not yet cumulatively acknowledged, oldest first. */
  outstanding(): TrackedChunk[] {
    return this.items.slice(this.head);
  }

  first(): TrackedChunk | undefined {
    return this.items[this.head];
  }

  last(): TrackedChunk | undefined {
    return this.items[this.items.length - 1];
  }

  push(c: SentChunk): TrackedChunk {
    const t = c as TrackedChunk;
    t.sacked = false;
    t.lost = false;
    t.rexmit = false;
    t.sentOrder = 0;
    this.items.push(t);
    return t;
  }

  /** The next chunk never sent, if one is queued. */
  nextUnsent(): TrackedChunk | undefined {
    return this.items[this.unsentIdx];
  }

  markSent(c: TrackedChunk): void {
    c.sentOrder = ++this.sends;
    if (c === this.items[this.unsentIdx]) this.unsentIdx++;
    if (c.lost && !c.rexmit && !c.sacked) {
      c.rexmit = true;
      this.lostBytes -= c.len;
      this.rexmits.push({ c, order: c.sentOrder });
    }
  }

  /** The lowest chunk marked lost and not retransmitted yet (RFC 6675 NextSeg rule 1). */
  nextLost(): TrackedChunk | undefined {
    const items = this.items;
    let i = Math.max(this.lossScan, this.head);
    const end = this.unsentIdx;
    while (i < end) {
      const c = items[i]!;
      if (c.lost && !c.rexmit && !c.sacked) {
        this.lossScan = i;
        return c;
      }
      i++;
    }
    this.lossScan = i;
    return undefined;
  }

  /** Drops chunks wholly below `ack`; returns them. */
  release(ack: number): TrackedChunk[] {
    const items = this.items;
    const start = this.head;
    let i = start;
    while (i < this.unsentIdx && seqLeq(endOf(items[i]!), ack)) {
      const c = items[i]!;
      if (c.sacked) this.sackedBytes -= c.len;
      else if (c.lost && !c.rexmit) this.lostBytes -= c.len;
      i++;
    }
    const done = items.slice(start, i);
    this.head = i;
    this.compact();
    return done;
  }

  private compact(): void {
    const h = this.head;
    if (h < 1024 || h * 2 < this.items.length) return;
    this.items = this.items.slice(h);
    this.unsentIdx -= h;
    this.lossMarkedTo = Math.max(0, this.lossMarkedTo - h);
    this.lossScan = Math.max(0, this.lossScan - h);
    this.highestSacked = Math.max(-1, this.highestSacked - h);
    this.head = 0;
  }

  /**
   * Marks chunks the SACK blocks cover, then applies IsLost. Returns true
   * when something new was SACKed.
   */
  applySack(blocks: readonly SackBlock[], sndUna: number): boolean {
    let news = false;
    const items = this.items;
    for (const b of blocks) {
      // RFC 2018: ignore blocks below SND.UNA or that make no sense.
      if (!seqLt(b.left, b.right) || seqLeq(b.right, sndUna)) continue;
      for (let i = this.indexAtOrAfter(b.left); i < this.unsentIdx; i++) {
        const c = items[i]!;
        if (!seqLeq(endOf(c), b.right)) break;
        if (c.sacked || seqLt(c.seq, b.left)) continue;
        if (c.lost && !c.rexmit) this.lostBytes -= c.len;
        c.sacked = true;
        this.sackedBytes += c.len;
        this.noteSackedOrder(c.sentOrder);
        if (i > this.highestSacked) this.highestSacked = i;
        news = true;
      }
    }
    if (news) {
      this.markLossesBelowSacked();
      this.markLostRetransmissions();
    }
    return news;
  }

  private noteSackedOrder(order: number): void {
    const top = this.topSackedOrders;
    if (top.length === DUP_THRESH && order <= top[0]!) return;
    top.push(order);
    top.sort((a, b) => a - b);
    if (top.length > DUP_THRESH) top.shift();
  }

  /**
   * A retransmission is lost too once DupThresh chunks sent after it are
   * SACKed (the idea of Linux's lost-retransmit detection and of RACK, RFC
   * 8985): without this, a lost retransmission, after a timeout when no
   * fast recovery may start (RFC 6675 §5.1), waits for the next timeout.
   */
  private markLostRetransmissions(): void {
    if (this.topSackedOrders.length < DUP_THRESH) return;
    const bar = this.topSackedOrders[0]!;
    const r = this.rexmits;
    const first = this.items[this.head];
    while (this.rexmitHead < r.length && r[this.rexmitHead]!.order < bar) {
      const { c, order } = r[this.rexmitHead++]!;
      // Still that transmission (not resent or marked lost since), not SACKed, not acknowledged.
      if (c.sentOrder === order && c.rexmit && !c.sacked && first !== undefined && seqGeq(c.seq, first.seq)) this.markLost(c);
    }
    if (this.rexmitHead > 1024 && this.rexmitHead * 2 > r.length) {
      this.rexmits = r.slice(this.rexmitHead);
      this.rexmitHead = 0;
    }
  }

  private indexAtOrAfter(seq: number): number {
    let lo = this.head;
    let hi = this.unsentIdx;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seqLt(this.items[mid]!.seq, seq)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** IsLost (RFC 6675 §4): a chunk with DupThresh SACKed chunks above it. */
  private markLossesBelowSacked(): void {
    let seen = 0;
    let p = this.highestSacked;
    while (p >= this.head && seen < DUP_THRESH) {
      if (this.items[p]!.sacked) seen++;
      if (seen < DUP_THRESH) p--;
    }
    if (seen < DUP_THRESH) return;
    for (let i = Math.max(this.lossMarkedTo, this.head); i < p; i++) this.markLost(this.items[i]!);
    if (p > this.lossMarkedTo) this.lossMarkedTo = p;
  }

  markLost(c: TrackedChunk): void {
    if (c.sacked || (c.lost && !c.rexmit) || c.transmissions === 0) return;
    c.lost = true;
    c.rexmit = false;
    this.lostBytes += c.len;
    const idx = this.items.indexOf(c, this.head);
    if (idx >= 0 && idx < this.lossScan) this.lossScan = idx;
  }

  /** Retransmission timeout: everything outstanding and not SACKed is lost (RFC 6675 §5.1). */
  markAllLost(): void {
    for (let i = this.head; i < this.unsentIdx; i++) {
      const c = this.items[i]!;
      if (c.sacked) continue;
      if (!c.lost || c.rexmit) {
        c.lost = true;
        c.rexmit = false;
        this.lostBytes += c.len;
      }
    }
    this.lossScan = this.head;
    this.lossMarkedTo = this.unsentIdx;
  }

  /** True when the first outstanding chunk counts as lost by SACK information. */
  firstIsLost(): boolean {
    const c = this.items[this.head];
    return c !== undefined && c.lost;
  }

  /** End (next sequence number) of the highest chunk sent. */
  highestSentEnd(fallback: number): number {
    const c = this.items[this.unsentIdx - 1];
    return c && this.unsentIdx > this.head ? endOf(c) : fallback;
  }

  /** Whether `seq` is beyond everything sent. */
  beyondSent(seq: number, fallback: number): boolean {
    return seqGt(seq, this.highestSentEnd(fallback));
  }
}
