/**
 * The analyzer's live MPTCP subflows, bounded. A Map finds a flow by key;
 * two intrusive lists order the flows: every flow in the order it was
 * (re)queued, and closed flows in closing order. Nothing moves on the hot
 * path: a packet only stamps its flow (`touch`, `lastSeenS`). A sweep, run
 * once per second of capture time, and eviction, whenever the table is over
 * its cap, walk a list from the front: a flow stamped since it was queued
 * goes to the back (a second chance), an unstamped one is dropped if it has
 * been quiet long enough (closed: `closedLingerS`; open: `idleTimeoutS`),
 * and otherwise the walk stops, since everything behind it was queued later.
 * Each requeue is paid for by a packet, so the cost is O(1) per packet,
 * amortised. (Lists, not a Map's insertion order: V8 leaves deleted entries
 * as holes a new iterator must skip, so "the first entry" of a Map used as a
 * queue costs O(holes).)
 *
 * Over the cap, a closed flow goes first, then the least recently queued
 * flow not stamped since (LRU, approximately, as CLOCK does it).
 */
import type { AnalysisLimits } from './limits.ts';

export type DropReason = 'closed' | 'idle' | 'evicted' | 'end';

export interface FlowEntry {
  readonly key: string;
  /** The analyzer's packet count at this flow's latest packet. */
  touch: number;
  /** `touch` when the flow was last put at the back of its queue. */
  queuedTouch: number;
  /** Capture time of the flow's latest packet, in seconds. */
  lastSeenS: number;
  closed: boolean;
  closingTouch: number;
  /** Links of the two lists, owned by FlowTable (fields of the entry, not an object of their own: one allocation less per flow). */
  prev: FlowEntry | null;
  next: FlowEntry | null;
  closingPrev: FlowEntry | null;
  closingNext: FlowEntry | null;
}

/** A doubly linked list threaded through entries; `p`/`n` name which pair of links it uses. */
class List {
  head: FlowEntry | null = null;
  tail: FlowEntry | null = null;
  constructor(
    private readonly p: 'prev' | 'closingPrev',
    private readonly n: 'next' | 'closingNext',
  ) {}

  push(e: FlowEntry): void {
    e[this.p] = this.tail;
    e[this.n] = null;
    if (this.tail) this.tail[this.n] = e;
    else this.head = e;
    this.tail = e;
  }

  unlink(e: FlowEntry): void {
    const prev = e[this.p];
    const next = e[this.n];
    if (prev) prev[this.n] = next;
    else this.head = next;
    if (next) next[this.p] = prev;
    else this.tail = prev;
    e[this.p] = null;
    e[this.n] = null;
  }
}

export class FlowTable<T extends FlowEntry> {
  private readonly byKey = new Map<string, T>();
  private readonly queue = new List('prev', 'next');
  private readonly closing = new List('closingPrev', 'closingNext');
  /** Largest number of flows held at once. */
  peak = 0;

  constructor(
    private readonly limits: Pick<AnalysisLimits, 'maxLiveFlows' | 'idleTimeoutS' | 'closedLingerS'>,
    private readonly onDrop: (e: T, reason: DropReason) => void,
  ) {}

  get size(): number {
    return this.byKey.size;
  }

  get(key: string): T | undefined {
    return this.byKey.get(key);
  }

  /** Adds a flow (the key must be free: remove the old one first). */
  add(e: T): void {
    e.queuedTouch = e.touch;
    this.byKey.set(e.key, e);
    this.queue.push(e);
    while (this.byKey.size > Math.max(1, this.limits.maxLiveFlows)) this.evictOne(e);
    if (this.byKey.size > this.peak) this.peak = this.byKey.size;
  }

  markClosed(e: T): void {
    if (e.closed || this.byKey.get(e.key) !== e) return;
    e.closed = true;
    e.closingTouch = e.touch;
    this.closing.push(e);
  }

  remove(e: T, reason: DropReason): void {
    if (this.byKey.get(e.key) !== e) return;
    this.byKey.delete(e.key);
    this.queue.unlink(e);
    if (e.closed) this.closing.unlink(e);
    this.onDrop(e, reason);
  }

  /** Drops flows quiet for longer than their timeout at capture time `nowS`. */
  sweep(nowS: number): void {
    const linger = this.limits.closedLingerS;
    for (let e = this.closing.head as T | null; e; e = this.closing.head as T | null) {
      if (e.touch !== e.closingTouch) {
        this.closing.unlink(e);
        e.closingTouch = e.touch;
        this.closing.push(e);
      } else if (nowS - e.lastSeenS >= linger) this.remove(e, 'closed');
      else break;
    }
    const idle = this.limits.idleTimeoutS;
    for (let e = this.queue.head as T | null; e; e = this.queue.head as T | null) {
      if (e.touch !== e.queuedTouch) this.requeue(e);
      else if (nowS - e.lastSeenS >= (e.closed ? linger : idle)) this.remove(e, e.closed ? 'closed' : 'idle');
      else break;
    }
  }

  /** Drops every flow (the end of the capture), oldest first. */
  drain(): void {
    for (let e = this.queue.head as T | null; e; e = this.queue.head as T | null) this.remove(e, 'end');
  }

  private requeue(e: T): void {
    this.queue.unlink(e);
    e.queuedTouch = e.touch;
    this.queue.push(e);
  }

  /** Drops one flow, never `keep` (the flow being added). */
  private evictOne(keep: T): void {
    const closed = this.closing.head as T | null;
    if (closed && closed !== keep) {
      this.remove(closed, 'closed');
      return;
    }
    for (;;) {
      const e = this.queue.head as T;
      if (e.touch !== e.queuedTouch || e === keep) this.requeue(e);
      else {
        this.remove(e, 'evicted');
        return;
      }
    }
  }
}
