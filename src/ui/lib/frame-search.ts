/**
 * Searches over a timeline's frames, which are sorted by when they left:
 * the timeline, the replay and the topology's packets in flight all find
 * their frames this way.
 */
import type { TimelineData } from '../../engine/index.ts';

type Starts = Pick<TimelineData, 'startUs' | 'count'>;

/** Index of the first frame that left at or after `us` (`strict`: after it); `count` when none did. */
export function firstStart(t: Starts, us: number, strict = false): number {
  let lo = 0;
  let hi = t.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = t.startUs[mid]!;
    if (v < us || (strict && v === us)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The longest time any frame spent on its link (µs): frames that left before `now - maxFlight` have all arrived by `now`. */
export function maxFlight(t: Pick<TimelineData, 'startUs' | 'endUs' | 'count'>): number {
  let m = 0;
  for (let i = 0; i < t.count; i++) m = Math.max(m, t.endUs[i]! - t.startUs[i]!);
  return m;
}
