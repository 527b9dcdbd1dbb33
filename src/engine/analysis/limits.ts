/**
 * What capture analysis keeps, and how much of it. A capture may hold
 * millions of flows (a SYN flood) or tens of millions of damaged records;
 * the analyzer's memory is bounded by these limits, never by the file, and
 * whatever goes past a limit is counted, so the report says what it left out.
 */
import type { ProblemReport } from './report-types.ts';

export interface AnalysisLimits {
  /** MPTCP subflows tracked at once; past it the least recently seen is summarised and dropped. */
  maxLiveFlows: number;
  /** Capture seconds without a packet after which an open subflow is summarised and dropped. */
  idleTimeoutS: number;
  /** Capture seconds a closed subflow (FIN both ways, RST, MP_FASTCLOSE) lingers for its last ACKs. */
  closedLingerS: number;
  /** MPTCP connections listed in full in the report (the first ones); the rest are counted with their verdicts. */
  maxReportedConnections: number;
  /** Capture-level problems listed; the rest are counted by code. */
  maxProblems: number;
  /** Per connection: problems, events, ADD_ADDRs, REMOVE_ADDRs and subflows listed. */
  maxConnectionProblems: number;
  maxConnectionEvents: number;
  maxConnectionAddrs: number;
  maxSubflowsPerConnection: number;
  /** MP_JOIN SYNs waiting for a key that hashes to their token; the oldest is reported unknown past it. */
  maxPendingJoins: number;
  /** Recent plain TCP flows remembered so a retransmitted SYN is counted once. */
  plainFlowMemory: number;
}

export const DEFAULT_ANALYSIS_LIMITS: Readonly<AnalysisLimits> = Object.freeze({
  maxLiveFlows: 50_000,
  idleTimeoutS: 300,
  closedLingerS: 10,
  maxReportedConnections: 10_000,
  maxProblems: 1_000,
  maxConnectionProblems: 100,
  maxConnectionEvents: 1_000,
  maxConnectionAddrs: 256,
  maxSubflowsPerConnection: 256,
  maxPendingJoins: 10_000,
  plainFlowMemory: 4096,
});

/** Adds one to `counts[code]`. */
export function countCode(counts: Record<string, number>, code: string, n = 1): void {
  counts[code] = (counts[code] ?? 0) + n;
}

/**
 * The first `max` problems, then a count per code. The message is built
 * only for a problem that is kept: a file of tens of millions of damaged
 * records costs a counter increment per record.
 */
export class CappedProblems {
  readonly kept: ProblemReport[] = [];
  readonly omitted: Record<string, number> = {};
  total = 0;

  constructor(readonly max: number) {}

  add(frame: number | null, code: string, message: () => string): void {
    this.total++;
    if (this.kept.length < this.max) this.kept.push({ frame, code, message: message() });
    else countCode(this.omitted, code);
  }
}

/**
 * The newest `capacity` keys (a ring of them beside a Set): O(1) to add,
 * forgetting the oldest. (A Set alone, trimmed from its front, costs O(holes)
 * per trim in V8.)
 */
export class RecentKeys<K> {
  private readonly ring: K[] = [];
  private next = 0;
  private readonly set = new Set<K>();

  constructor(readonly capacity: number) {}

  has(k: K): boolean {
    return this.set.has(k);
  }

  /** Adds `k` (which must not be held). */
  add(k: K): void {
    if (this.capacity <= 0) return;
    if (this.ring.length < this.capacity) this.ring.push(k);
    else {
      this.set.delete(this.ring[this.next]!);
      this.ring[this.next] = k;
      this.next = (this.next + 1) % this.capacity;
    }
    this.set.add(k);
  }
}

/**
 * Members in the order they were added, with deletion anywhere and the
 * oldest at hand: an array queue beside a Set, deleted members skipped
 * lazily and the array compacted when stale ones outnumber live ones.
 */
export class FifoSet<T> {
  private queue: T[] = [];
  private head = 0;
  private readonly members = new Set<T>();

  get size(): number {
    return this.members.size;
  }

  add(x: T): void {
    this.members.add(x);
    this.queue.push(x);
    if (this.queue.length - this.head > 2 * this.members.size + 64) {
      this.queue = this.queue.slice(this.head).filter((y) => this.members.has(y));
      this.head = 0;
    }
  }

  delete(x: T): boolean {
    return this.members.delete(x);
  }

  oldest(): T | undefined {
    while (this.head < this.queue.length) {
      const x = this.queue[this.head]!;
      if (this.members.has(x)) return x;
      this.head++;
    }
    return undefined;
  }
}
