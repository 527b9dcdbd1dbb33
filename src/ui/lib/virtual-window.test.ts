import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_HEIGHT, computeWindow, scrollTopToReveal } from './virtual-window.ts';

describe('computeWindow', () => {
  it('draws only the rows in view plus overscan', () => {
    const w = computeWindow({ count: 1000, rowHeight: 20, viewportHeight: 200, scrollTop: 0, overscan: 2 });
    expect(w).toMatchObject({ first: 0, firstVisible: 0, totalHeight: 20_000, ratio: 1, offsetTop: 0, pageRows: 10 });
    expect(w.last).toBe(13); // 10 visible + 1 partial + 2 overscan

    const mid = computeWindow({ count: 1000, rowHeight: 20, viewportHeight: 200, scrollTop: 1010, overscan: 2 });
    expect(mid.firstVisible).toBe(50);
    expect(mid.first).toBe(48);
    expect(mid.offsetTop).toBe(48 * 20);
  });

  it('clamps at both ends and handles an empty list', () => {
    const end = computeWindow({ count: 100, rowHeight: 20, viewportHeight: 200, scrollTop: 1e9, overscan: 0 });
    expect(end.last).toBe(100);
    expect(end.firstVisible).toBe(90);
    const empty = computeWindow({ count: 0, rowHeight: 20, viewportHeight: 200, scrollTop: 0 });
    expect(empty).toMatchObject({ first: 0, last: 0, totalHeight: 0 });
  });

  it('compresses a million rows under the browser height limit and still reaches the last row', () => {
    const input = { count: 1_000_000, rowHeight: 22, viewportHeight: 440, overscan: 4 };
    const top = computeWindow({ ...input, scrollTop: 0 });
    expect(top.totalHeight).toBe(MAX_SCROLL_HEIGHT);
    expect(top.ratio).toBeGreaterThan(1);
    expect(top.last - top.first).toBeLessThan(40);

    const bottom = computeWindow({ ...input, scrollTop: MAX_SCROLL_HEIGHT - 440 });
    expect(bottom.last).toBe(1_000_000);
    // The last row's bottom edge sits exactly at the viewport's bottom.
    const lastRowTop = bottom.offsetTop + (999_999 - bottom.first) * 22;
    expect(lastRowTop + 22).toBeCloseTo(MAX_SCROLL_HEIGHT, 6);

    const half = computeWindow({ ...input, scrollTop: (MAX_SCROLL_HEIGHT - 440) / 2 });
    expect(Math.abs(half.firstVisible - 500_000)).toBeLessThan(20);
    // Drawn rows stay inside the spacer, around the viewport.
    expect(half.offsetTop).toBeGreaterThan((MAX_SCROLL_HEIGHT - 440) / 2 - 5 * 22);
  });
});

describe('scrollTopToReveal', () => {
  const base = { count: 1000, rowHeight: 20, viewportHeight: 200, scrollTop: 400 };
  it('does nothing for a row in view', () => {
    expect(scrollTopToReveal(25, base)).toBeNull();
  });
  it('scrolls up to a row above, or down to a row below, by the least amount', () => {
    expect(scrollTopToReveal(10, base)).toBe(200);
    expect(scrollTopToReveal(40, base)).toBe(40 * 20 + 20 - 200);
  });
  it('works in compressed lists', () => {
    const input = { count: 1_000_000, rowHeight: 22, viewportHeight: 440, scrollTop: 0 };
    const st = scrollTopToReveal(750_000, input)!;
    const w = computeWindow({ ...input, scrollTop: st, overscan: 0 });
    expect(w.firstVisible).toBeLessThanOrEqual(750_000);
    expect(w.last).toBeGreaterThan(750_000);
  });
});
