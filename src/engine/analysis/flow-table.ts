/**
 * The analyzer's live MPTCP subflows, bounded. A Map keyed by flow is both
 * the lookup and a queue in the order flows were (re)queued; a second Map
 * queues closed flows in closing order. Nothing moves on the hot path: a
 * packet only stamps its flow (`touch`, `lastSeenS`). A sweep, run once per
 * second of capture time and whenever the table is over its cap, walks each
 * queue from the front: a flow stamped since it was queued goes to the back
 * (a second chance), an unstamped one is dropped if it has been quiet long
 * enough (closed: `closedLingerS`; open: `idleTimeoutS`), and otherwise the
 * walk stops, since everything behind it was queued later. Each requeue is
 * paid for by a packet, so the cost is O(1) per packet, amortised.
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
}

export class FlowTable<T extends FlowEntry> {
  private readonly open = new Map<string, T>();
  private readonly closing = new Map<string, T>();
  /** Largest number of flows held at once. */
  peak = 0;

  constructor(
    private readonly limits: Pick<AnalysisLimits, 'maxLiveFlows' | 'idleTimeoutS' | 'closedLingerS'>,
    private readonly onDrop: (e: T, reason: DropReason) => void,
  ) {}

  get size(): number {
    return this.open.size;
  }

  get(key: string): T | undefined {
    return this.open.get(key);
  }

  /** Adds a flow (the key must be free: remove the old one first). */
  add(e: T): void {
    e.queuedTouch = e.touch;
    this.open.set(e.key, e);
    while (this.open.size > this.limits.maxLiveFlows) this.evictOne(e);
    if (this.open.size > this.peak) this.peak = this.open.size;
  }

  markClosed(e: T): void {
    if (e.closed || this.open.get(e.key) !== e) return;
    e.closed = true;
    e.closingTouch = e.touch;
    this.closing.set(e.key, e);
  }

  remove(e: T, reason: DropReason): void {
    if (this.open.get(e.key) !== e) return;
    this.open.delete(e.key);
    if (e.closed) this.closing.delete(e.key);
    this.onDrop(e, reason);
  }

  /** Drops flows quiet for longer than their timeout at capture time `nowS`. */
  sweep(nowS: number): void {
    const linger = this.limits.closedLingerS;
    for (;;) {
      const e = first(this.closing);
      if (!e) break;
      if (e.touch !== e.closingTouch) {
        this.closing.delete(e.key);
        e.closingTouch = e.touch;
        this.closing.set(e.key, e);
      } else if (nowS - e.lastSeenS >= linger) this.remove(e, 'closed');
      else break;
    }
    const idle = this.limits.idleTimeoutS;
    for (;;) {
      const e = first(this.open);
      if (!e) break;
      if (e.touch !== e.queuedTouch) this.requeue(e);
      else if (nowS - e.lastSeenS >= (e.closed ? linger : idle)) this.remove(e, e.closed ? 'closed' : 'idle');
      else break;
    }
  }

  /** Drops every flow (the end of the capture). */
  drain(): void {
    for (const e of [...this.open.values()]) this.remove(e, 'end');
  }

  private requeue(e: T): void {
    this.open.delete(e.key);
    e.queuedTouch = e.touch;
    this.open.set(e.key, e);
  }

  /** Drops one flow, never `keep` (the flow being added). */
  private evictOne(keep: T): void {
    const closed = first(this.closing);
    if (closed) {
      this.remove(closed, 'closed');
      return;
    }
    for (;;) {
      const e = first(this.open)!;
      if (e.touch !== e.queuedTouch || e === keep) this.requeue(e);
      else {
        this.remove(e, 'evicted');
        return;
      }
    }
  }
}

function first<T>(m: Map<string, T>): T | undefined {
  for (const v of m.values()) return v;
  return undefined;
}
