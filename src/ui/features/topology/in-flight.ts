/**
 * Frames on the wire at a moment: startUs <= now < endUs. Frames are sorted
 * by start, and none lasts longer than `maxFlight`, so only the frames
 * that started in [now - max, now] need a look (two binary searches).
 */
import type { TimelineData } from '../../../engine/index.ts';
import { firstStart } from '../../lib/frame-search.ts';

export const MAX_MARKS = 500;

/** Indices (frame - 1) of the frames in flight at `nowUs`, in start order, at most `cap`. */
export function framesInFlight(t: TimelineData, nowUs: number, maxUs: number, cap = MAX_MARKS): number[] {
  const out: number[] = [];
  const end = firstStart(t, nowUs, true);
  for (let i = firstStart(t, nowUs - maxUs); i < end && out.length < cap; i++) {
    if (t.endUs[i]! > nowUs) out.push(i);
  }
  return out;
}
