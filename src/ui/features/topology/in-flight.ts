/**
 * Frames on the wire at a moment: startUs <= now < endUs. Frames are sorted
 * by start, and none lasts longer than `maxFlightUs`, so only the frames
 * that started in [now - max, now] need a look (two binary searches).
 */
import type { TimelineData } from '../../../engine/index.ts';

export const MAX_MARKS = 500;

/** The longest time any frame spent on its link (µs). */
export function maxFlightUs(t: TimelineData): number {
  let max = 0;
  for (let i = 0; i < t.count; i++) max = Math.max(max, t.endUs[i]! - t.startUs[i]!);
  return max;
}

/** First index whose start is >= `us` (`strict`: > `us`). */
function searchStart(t: TimelineData, us: number, strict: boolean): number {
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

/** Indices (frame - 1) of the frames in flight at `nowUs`, in start order, at most `cap`. */
export function framesInFlight(t: TimelineData, nowUs: number, maxUs: number, cap = MAX_MARKS): number[] {
  const out: number[] = [];
  const end = searchStart(t, nowUs, true);
  for (let i = searchStart(t, nowUs - maxUs, false); i < end && out.length < cap; i++) {
    if (t.endUs[i]! > nowUs) out.push(i);
  }
  return out;
}
