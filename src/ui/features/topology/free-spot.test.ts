import { describe, expect, it } from 'vitest';
import { freeSpot, segmentDistance } from './free-spot.ts';

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

describe('freeSpot off the links', () => {
  it('never puts a new node on a link: it moves until every link is well clear', () => {
    const link = { a: { x: -300, y: 0 }, b: { x: 300, y: 0 } };
    const s = freeSpot({ x: 0, y: 10 }, [{ x: -300, y: 0 }, { x: 300, y: 0 }], [link]);
    expect(segmentDistance(s, link)).toBeGreaterThanOrEqual(50);
    expect(s).toEqual({ x: 0, y: 70 });
  });

  it('measures the distance to a segment, not to its line', () => {
    const seg = { a: { x: 0, y: 0 }, b: { x: 10, y: 0 } };
    expect(segmentDistance({ x: 5, y: 3 }, seg)).toBe(3);
    expect(segmentDistance({ x: 13, y: 4 }, seg)).toBe(5);
  });
});
