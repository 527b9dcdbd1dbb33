import { describe, expect, it } from 'vitest';
import { DataReassembly } from './data-reassembly.ts';

const bytes = (n: number, v: number) => new Uint8Array(n).fill(v);

describe('connection-level reassembly', () => {
  it('delivers held chunks in DSN order, trimming overlaps', () => {
    const r = new DataReassembly();
    r.insert(20n, bytes(10, 2));
    r.insert(10n, bytes(15, 1));
    expect(r.take(10n)).toEqual(bytes(15, 1));
    expect(r.take(25n)).toEqual(bytes(5, 2));
    expect(r.take(30n)).toBeNull();
  });

  it('of two chunks at the same DSN keeps the longer, so a short one cannot leave a hole', () => {
    const r = new DataReassembly();
    r.insert(100n, bytes(24, 9));
    r.insert(100n, bytes(1424, 1));
    expect(r.bytesHeld).toBe(1424);
    expect(r.take(100n)).toEqual(bytes(1424, 1));
  });

  it('keeps the one it holds when the new copy is no longer (first come, first kept)', () => {
    const r = new DataReassembly();
    r.insert(100n, bytes(1424, 9));
    r.insert(100n, bytes(1424, 1));
    expect(r.take(100n)).toEqual(bytes(1424, 9));
  });
});
