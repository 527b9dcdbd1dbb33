import { describe, expect, it } from 'vitest';
import { FOLLOW_EDGE, FOLLOW_LEAD, followWindow } from './follow-playhead.ts';

const END = 1_000_000;
const view = { t0: 100_000, t1: 200_000 };

describe('following the moment', () => {
  it('leaves the window alone while the moment is inside it, before the edge', () => {
    expect(followWindow(view, 100_000, END, true)).toBe(view);
    expect(followWindow(view, 100_000 + FOLLOW_EDGE * 100_000, END, true)).toBe(view);
  });

  it('turns the page while playing once the moment passes the edge, keeping the span', () => {
    const next = followWindow(view, 190_000, END, true);
    expect(next.t0).toBeCloseTo(190_000 - FOLLOW_LEAD * 100_000);
    expect(next.t1 - next.t0).toBeCloseTo(100_000);
  });

  it('brings back a moment that jumped behind the window (a replay from the start)', () => {
    expect(followWindow(view, 0, END, true)).toEqual({ t0: 0, t1: 100_000 });
    expect(followWindow(view, 50_000, END, true)).toEqual({ t0: 50_000 - FOLLOW_LEAD * 100_000, t1: 150_000 - FOLLOW_LEAD * 100_000 });
  });

  it('paused, moves only for a moment out of view, and centres it', () => {
    expect(followWindow(view, 195_000, END, false)).toBe(view);
    expect(followWindow(view, 500_000, END, false)).toEqual({ t0: 450_000, t1: 550_000 });
  });

  it('stays within the run, and at its end stops moving', () => {
    const atEnd = { t0: END - 100_000, t1: END };
    expect(followWindow(atEnd, END - 1, END, true)).toBe(atEnd);
    expect(followWindow(view, END, END, false)).toEqual(atEnd);
    expect(followWindow(view, 960_000, END, true)).toEqual(atEnd);
  });

  it('does nothing when the whole run is shown, or for a moment that is not a number', () => {
    const whole = { t0: 0, t1: END };
    expect(followWindow(whole, 500_000, END, true)).toBe(whole);
    expect(followWindow(view, Number.POSITIVE_INFINITY, END, true)).toBe(view);
    expect(followWindow(view, Number.NaN, END, true)).toBe(view);
  });
});
