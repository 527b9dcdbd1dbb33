/** Pure helpers of playback: speeds, and finding packets around a moment. */
import type { TimelineData } from '../../engine/index.ts';
import { firstStart } from '../lib/frame-search.ts';

/** Simulated seconds per real second the speed menu offers. */
export const SPEEDS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1] as const;

/** The speed that replays a run in about ten seconds. */
export function defaultSpeed(endUs: number): number {
  const wanted = endUs / 1e6 / 10;
  let best: number = SPEEDS[0];
  for (const s of SPEEDS) if (Math.abs(Math.log(s / wanted)) < Math.abs(Math.log(best / wanted))) best = s;
  return best;
}

/** Frames (1-based) that had left by `us`: those with start ≤ us. */
export function framesSentBy(t: Pick<TimelineData, 'startUs' | 'count'>, us: number): number {
  return firstStart(t, us, true);
}

/**
 * The frame a step lands on: the next or previous frame when the selected
 * one is at the moment (frames sent at the same µs are stepped one by one),
 * else the first that starts after the moment (forward) or the last that
 * starts before it (back); null at either end.
 */
export function stepFrame(t: Pick<TimelineData, 'startUs' | 'count'>, nowUs: number, direction: 1 | -1, selected: number | null = null): number | null {
  if (selected !== null && selected >= 1 && selected <= t.count && t.startUs[selected - 1] === nowUs) {
    const next = selected + direction;
    return next >= 1 && next <= t.count ? next : null;
  }
  if (direction === 1) {
    const i = firstStart(t, nowUs, true);
    return i < t.count ? i + 1 : null;
  }
  const i = firstStart(t, nowUs) - 1;
  return i >= 0 ? i + 1 : null;
}
