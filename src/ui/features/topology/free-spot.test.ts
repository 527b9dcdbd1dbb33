import { describe, expect, it } from 'vitest';
import { freeSpot } from './free-spot.ts';

describe('freeSpot', () => {
  it('keeps a free point', () => {
    expect(freeSpot({ x: 10, y: 10 }, [{ x: 200, y: 10 }])).toEqual({ x: 10, y: 10 });
  });

  it('moves to the nearest spot that clears every node, trying below first', () => {
    expect(freeSpot({ x: 0, y: 0 }, [{ x: 0, y: 0 }])).toEqual({ x: 0, y: 120 });
    const s = freeSpot({ x: 0, y: 0 }, [{ x: 0, y: 0 }, { x: 0, y: 120 }, { x: 0, y: -120 }]);
    for (const q of [{ x: 0, y: 0 }, { x: 0, y: 120 }, { x: 0, y: -120 }]) expect(Math.hypot(q.x - s.x, q.y - s.y)).toBeGreaterThanOrEqual(110);
  });
});
