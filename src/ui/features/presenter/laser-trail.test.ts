import { describe, expect, it } from 'vitest';
import { addPoint, pruneTrail, trailAlpha, TRAIL_MAX, TRAIL_MS } from './laser-trail.ts';

describe('the laser trail', () => {
  it('keeps the points younger than TRAIL_MS, oldest first', () => {
    let trail = addPoint([], { x: 0, y: 0, t: 0 });
    trail = addPoint(trail, { x: 5, y: 5, t: 100 });
    trail = addPoint(trail, { x: 9, y: 9, t: TRAIL_MS + 50 });
    expect(trail.map((p) => p.x)).toEqual([5, 9]);
    expect(pruneTrail(trail, 100 + TRAIL_MS)).toEqual([{ x: 9, y: 9, t: TRAIL_MS + 50 }]);
    expect(pruneTrail(trail, 10_000)).toEqual([]);
  });

  it('keeps at most TRAIL_MAX points', () => {
    let trail = addPoint([], { x: 0, y: 0, t: 0 });
    for (let i = 1; i < TRAIL_MAX * 2; i++) trail = addPoint(trail, { x: i, y: 0, t: i });
    expect(trail).toHaveLength(TRAIL_MAX);
    expect(trail[trail.length - 1]!.x).toBe(TRAIL_MAX * 2 - 1);
  });

  it('fades from opaque to clear over TRAIL_MS', () => {
    const p = { x: 0, y: 0, t: 1000 };
    expect(trailAlpha(p, 1000)).toBe(1);
    expect(trailAlpha(p, 1000 + TRAIL_MS / 2)).toBeCloseTo(0.5);
    expect(trailAlpha(p, 1000 + TRAIL_MS)).toBe(0);
    expect(trailAlpha(p, 5000)).toBe(0);
  });
});
