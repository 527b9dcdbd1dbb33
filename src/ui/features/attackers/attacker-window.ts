/** An attacker's location in words, and checking the window a partial-time attacker holds its place in. */
import type { AttackerSpec, TimeWindow } from '../../../engine/index.ts';

const ms = (us: number) => (us / 1000).toFixed(1);

/** "on-path", "partial-time on-path 35.0–250.0 ms" or "off-path". */
export function locationText(a: Pick<AttackerSpec, 'location' | 'window'>): string {
  if (a.location === 'partial-time-on-path') return a.window ? `partial-time on-path ${ms(a.window.fromUs)}–${ms(a.window.toUs)} ms` : 'partial-time on-path';
  return a.location;
}

/** The window a checkbox turns on: the first half of the run. */
export const defaultWindow = (durationUs: number): TimeWindow => ({ fromUs: 0, toUs: Math.round(durationUs / 2) });

/** A window of times in ms (text), in µs: 0 <= from < to < the run's end; or why not. */
export function parseWindow(fromMs: string, toMs: string, durationUs: number): { ok: true; window: TimeWindow } | { ok: false; reason: string } {
  const from = fromMs.trim() === '' ? NaN : Math.round(Number(fromMs) * 1000);
  const to = toMs.trim() === '' ? NaN : Math.round(Number(toMs) * 1000);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return { ok: false, reason: 'The window needs a number of ms for both ends.' };
  if (from < 0) return { ok: false, reason: 'The window cannot start before the run (0 ms).' };
  if (to <= from) return { ok: false, reason: 'The window must end after it starts.' };
  if (to >= durationUs) return { ok: false, reason: `The window must end before the run does (${ms(durationUs)} ms).` };
  return { ok: true, window: { fromUs: from, toUs: to } };
}
