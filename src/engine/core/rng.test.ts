import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';
import { StreamDigest } from './digest.ts';

describe('Rng', () => {
  it('is deterministic for a seed and path', () => {
    const a = Rng.root(42).fork('host:client');
    const b = Rng.root(42).fork('host:client');
    expect(Array.from({ length: 5 }, () => a.u32())).toEqual(Array.from({ length: 5 }, () => b.u32()));
  });

  it('forked streams do not depend on draws made elsewhere', () => {
    const root = Rng.root(7);
    const before = root.fork('link:l1').u32();
    const other = root.fork('attacker:a1');
    for (let i = 0; i < 100; i++) other.u32();
    root.u32();
    expect(root.fork('link:l1').u32()).toBe(before);
  });

  it('differs by seed and by id', () => {
    expect(Rng.root(1).fork('x').u32()).not.toBe(Rng.root(2).fork('x').u32());
    expect(Rng.root(1).fork('x').u32()).not.toBe(Rng.root(1).fork('y').u32());
  });

  it('below(n) is in range and roughly uniform', () => {
    const r = Rng.root(3).fork('t');
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 20000; i++) counts[r.below(10)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(1700);
    for (let i = 0; i < 1000; i++) {
      const f = r.float();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
    }
  });
});

describe('StreamDigest', () => {
  it('is stable and sensitive to every byte', () => {
    const a = new StreamDigest().bytes(Uint8Array.of(1, 2, 3, 4, 5)).hex();
    expect(new StreamDigest().bytes(Uint8Array.of(1, 2, 3, 4, 5)).hex()).toBe(a);
    expect(new StreamDigest().bytes(Uint8Array.of(1, 2, 3, 4, 6)).hex()).not.toBe(a);
    expect(new StreamDigest().bytes(Uint8Array.of(1, 2, 3, 4)).hex()).not.toBe(new StreamDigest().bytes(Uint8Array.of(1, 2, 3, 4, 0)).hex());
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });
});
