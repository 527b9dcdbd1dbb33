/**
 * Which subflow carries the next data (RFC 8684 §3.3.8 leaves it to the
 * implementation). Subflows pull when their windows open; the scheduler
 * says whether this subflow should take data now.
 *
 * - lowest-rtt (Linux's default): the usable subflow with the smallest
 *   smoothed RTT that has room; backup subflows only when no regular one is
 *   usable.
 * - round-robin: usable subflows in turn.
 * - redundant: every usable subflow sends every byte.
 */
import type { SchedulerId } from '../scenario/types.ts';

export interface SchedulableSubflow {
  readonly id: number;
  /** Established, fully joined, not closing. */
  readonly usable: boolean;
  readonly backup: boolean;
  readonly srttUs: number;
  /** Could send a full segment now. */
  readonly hasRoom: boolean;
}

export interface Scheduler {
  readonly id: SchedulerId;
  /** May `who` take the next data? */
  mayTake(who: SchedulableSubflow, all: readonly SchedulableSubflow[]): boolean;
  /** `who` took a chunk. */
  took(who: SchedulableSubflow): void;
}

/** The subflows that may carry data at all: regular ones, or backups when no regular one is usable. */
export function eligible(all: readonly SchedulableSubflow[]): SchedulableSubflow[] {
  const usable = all.filter((s) => s.usable);
  const regular = usable.filter((s) => !s.backup);
  return regular.length ? regular : usable;
}

/** `eligible(all).includes(who)` without allocating (this runs for every segment). */
function isEligible(who: SchedulableSubflow, all: readonly SchedulableSubflow[], regularUsable: boolean): boolean {
  return who.usable && (!who.backup || !regularUsable) && all.includes(who);
}

function anyRegularUsable(all: readonly SchedulableSubflow[]): boolean {
  for (const s of all) if (s.usable && !s.backup) return true;
  return false;
}

class LowestRtt implements Scheduler {
  readonly id = 'lowest-rtt' as const;
  mayTake(who: SchedulableSubflow, all: readonly SchedulableSubflow[]): boolean {
    const regular = anyRegularUsable(all);
    if (!isEligible(who, all, regular)) return false;
    const rtt = who.srttUs;
    for (const s of all) {
      if (s === who || !s.usable || (regular && s.backup)) continue;
      const r = s.srttUs;
      if ((r < rtt || (r === rtt && s.id < who.id)) && s.hasRoom) return false;
    }
    return true;
  }
  took(): void {}
}

class RoundRobin implements Scheduler {
  readonly id = 'round-robin' as const;
  private last = -1;
  mayTake(who: SchedulableSubflow, all: readonly SchedulableSubflow[]): boolean {
    const candidates = eligible(all).filter((s) => s.hasRoom || s === who);
    if (!candidates.includes(who)) return false;
    // The first candidate after the one that took last.
    const next = candidates.find((s) => s.id > this.last) ?? candidates[0]!;
    return next === who;
  }
  took(who: SchedulableSubflow): void {
    this.last = who.id;
  }
}

class Redundant implements Scheduler {
  readonly id = 'redundant' as const;
  mayTake(who: SchedulableSubflow, all: readonly SchedulableSubflow[]): boolean {
    return isEligible(who, all, anyRegularUsable(all));
  }
  took(): void {}
}

export function makeScheduler(id: SchedulerId): Scheduler {
  return id === 'round-robin' ? new RoundRobin() : id === 'redundant' ? new Redundant() : new LowestRtt();
}
