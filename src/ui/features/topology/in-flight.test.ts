import { describe, expect, it } from 'vitest';
import type { TimelineData } from '../../../engine/index.ts';
import { framesInFlight } from './in-flight.ts';
import { maxFlight } from '../../lib/frame-search.ts';

function timeline(spans: [number, number][]): TimelineData {
  const n = spans.length;
  return {
    lanes: [],
    links: ['l'],
    subflows: [],
    attackers: [],
    count: n,
    startUs: Float64Array.from(spans.map((s) => s[0])),
    endUs: Float64Array.from(spans.map((s) => s[1])),
    fromLane: new Uint16Array(n),
    toLane: new Uint16Array(n),
    link: new Uint16Array(n),
    fate: new Uint8Array(n),
    subflow: new Int16Array(n).fill(-1),
    attacker: new Int16Array(n).fill(-1),
    marks: new Uint16Array(n),
    dsn: new Float64Array(n),
    dataLength: new Uint32Array(n),
    endOfRunUs: 1000,
  };
}

describe('framesInFlight', () => {
  // A long frame first, short ones after, a dropped one (start = end) and two that start together.
  const t = timeline([[0, 100], [10, 20], [15, 15], [30, 40], [30, 45], [60, 70]]);

  it('knows the longest flight', () => {
    expect(maxFlight(t)).toBe(100);
  });

  it('returns the frames with start <= now < end, never dropped ones', () => {
    const max = maxFlight(t);
    expect(framesInFlight(t, 0, max)).toEqual([0]);
    expect(framesInFlight(t, 15, max)).toEqual([0, 1]);
    expect(framesInFlight(t, 20, max)).toEqual([0]);
    expect(framesInFlight(t, 30, max)).toEqual([0, 3, 4]);
    expect(framesInFlight(t, 42, max)).toEqual([0, 4]);
    expect(framesInFlight(t, 100, max)).toEqual([]);
    expect(framesInFlight(t, -1, max)).toEqual([]);
  });

  it('stops at the cap', () => {
    expect(framesInFlight(t, 30, maxFlight(t), 2)).toEqual([0, 3]);
  });
});
