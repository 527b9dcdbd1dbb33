import { afterEach, describe, expect, it, vi } from 'vitest';
import { rowBatches } from './row-batches.ts';

afterEach(() => vi.useRealTimers());

describe('rowBatches', () => {
  it('puts the rows of one interval on screen together, and flush sends what is queued at once', () => {
    vi.useFakeTimers();
    const seen: number[][] = [];
    const b = rowBatches<string>((batch) => seen.push(batch.map((x) => x.index)), 250);
    b.add(0, 'a');
    b.add(3, 'b');
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(250);
    expect(seen).toEqual([[0, 3]]);
    b.add(1, 'c');
    b.flush();
    expect(seen).toEqual([[0, 3], [1]]);
    // Nothing queued: neither the timer nor a flush sends an empty batch.
    vi.advanceTimersByTime(1000);
    b.flush();
    expect(seen).toEqual([[0, 3], [1]]);
  });
});
