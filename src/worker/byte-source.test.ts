import { describe, expect, it } from 'vitest';
import { blobSource, memorySource, planReads } from './byte-source.ts';

describe('byte sources', () => {
  const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);

  it('reads ranges of bytes in memory, clamped to the file', async () => {
    const s = memorySource(bytes);
    expect(s.size).toBe(100);
    expect(Array.from(await s.read(10, 13))).toEqual([10, 11, 12]);
    expect(Array.from(await s.read(98, 200))).toEqual([98, 99]);
  });

  it('reads ranges of a Blob without reading the rest', async () => {
    const s = blobSource(new Blob([bytes]));
    expect(s.size).toBe(100);
    expect(Array.from(await s.read(40, 44))).toEqual([40, 41, 42, 43]);
    expect(Array.from(await s.read(-5, 2))).toEqual([0, 1]);
    expect((await s.read(99, 500)).length).toBe(1);
  });
});

describe('planReads', () => {
  it('reads spans close together as one slice, in file order, keeping each span’s index', () => {
    const spans = [
      { offset: 1000, length: 60 },
      { offset: 0, length: 60 },
      { offset: 76, length: 60 },
      { offset: 10_000_000, length: 60 },
    ];
    expect(planReads(spans, 64, 1 << 20)).toEqual([
      { start: 0, end: 136, members: [1, 2] },
      { start: 1000, end: 1060, members: [0] },
      { start: 10_000_000, end: 10_000_060, members: [3] },
    ]);
  });

  it('bounds a slice’s length, and puts a span longer than that in a slice of its own', () => {
    const spans = Array.from({ length: 10 }, (_, i) => ({ offset: i * 100, length: 100 }));
    expect(planReads(spans, 0, 300).map((r) => r.members)).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
    expect(planReads([{ offset: 0, length: 5000 }], 0, 300)).toEqual([{ start: 0, end: 5000, members: [0] }]);
  });
});
