import { describe, expect, it } from 'vitest';
import type { SurfaceState } from '../../store/types.ts';
import { etaMs, leftText, surfaceProgressText } from './progress-text.ts';

const state = (over: Partial<SurfaceState>): SurfaceState =>
  ({ rows: [], places: [], skipped: [], total: 211, done: 50, workers: 2, running: true, startedAt: 1000, elapsedMs: null, cancelled: false, fromCache: false, error: null, result: null, version: 'v', ...over }) as SurfaceState;

describe('surface progress text', () => {
  it('estimates the time left at the pace so far', () => {
    // 50 rows in 2 s: 161 more take 6.44 s.
    expect(etaMs(state({}), 3000)).toBeCloseTo(6440);
    expect(etaMs(state({ done: 0 }), 3000)).toBeNull();
    expect(leftText(6440)).toBe('about 7 s left');
    expect(leftText(400)).toBe('under a second left');
    expect(leftText(200_000)).toBe('about 4 min left');
  });

  it('counts rows, seconds and the time left while running', () => {
    expect(surfaceProgressText(state({}), 3000)).toBe('50 of 211 rows · 2.0 s · about 7 s left');
    expect(surfaceProgressText(state({ done: 0 }), 1500)).toBe('0 of 211 rows · 0.5 s · estimating the time left');
    expect(surfaceProgressText(state({ total: 0, done: 0 }), 1200)).toBe('Planning the sweep · 0.2 s');
  });

  it('sums up a finished, cached, cancelled or failed sweep', () => {
    expect(surfaceProgressText(state({ running: false, done: 211, elapsedMs: 5840 }), 0)).toBe('211 rows in 5.8 s with 2 workers');
    expect(surfaceProgressText(state({ running: false, done: 211, elapsedMs: 5840, workers: 1, fromCache: true }), 0)).toBe('211 rows, from the cache (swept in 5.8 s)');
    expect(surfaceProgressText(state({ running: false, cancelled: true }), 0)).toBe('Partial map: cancelled at 50 of 211 rows');
    expect(surfaceProgressText(state({ running: false, error: 'boom' }), 0)).toBe('Partial map: stopped at 50 of 211 rows');
  });
});
