import { describe, expect, it } from 'vitest';
import { freeSpot } from './free-spot.ts';

describe('freeSpot', () => {
  it('keeps a free point, and steps away from taken ones', () => {
    expect(freeSpot({ x: 10, y: 10 }, [{ x: 100, y: 10 }])).toEqual({ x: 10, y: 10 });
    expect(freeSpot({ x: 10, y: 10 }, [{ x: 20, y: 20 }])).toEqual({ x: 60, y: 60 });
    expect(freeSpot({ x: 0, y: 0 }, [{ x: 0, y: 0 }, { x: 50, y: 50 }])).toEqual({ x: 100, y: 100 });
  });
});
