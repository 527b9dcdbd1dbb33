import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { joinTimestamp, splitTimestamp, tsResolution } from './timestamp.ts';

/** Reference conversion, all in BigInt. */
function reference(hi: number, lo: number, code: number): { sec: number; nsec: number } {
  const n = BigInt(code & 0x7f);
  const u = code & 0x80 ? 1n << n : 10n ** n;
  const ts = (BigInt(hi) << 32n) | BigInt(lo);
  return { sec: Number(ts / u), nsec: Number(((ts % u) * 1_000_000_000n) / u) };
}

const split = (hi: number, lo: number, code: number) => {
  const out = { sec: 0, nsec: 0 };
  splitTimestamp(hi, lo, tsResolution(code), out);
  return out;
};

describe('pcapng timestamps', () => {
  it.each([
    [6, 0x00060a24, 0x18202240, 1700000000, 123456000],
    [9, 0x17979cfe, 0x3d85cd15, 1700000000, 123456789],
    [0x80 | 20, 0x0006553f, 0x10080000, 1700000000, 500000000],
    [0, 0, 1700000000, 1700000000, 0],
    [3, 0, 1500, 1, 500000000],
  ])('resolution code %i', (code, hi, lo, sec, nsec) => {
    expect(split(hi, lo, code)).toEqual({ sec, nsec });
  });

  it('uses the fast path for common resolutions only', () => {
    expect(tsResolution(6).fast).toBe(true);
    expect(tsResolution(9).fast).toBe(true);
    expect(tsResolution(10).fast).toBe(true);
    expect(tsResolution(0x80 | 23).fast).toBe(true);
    expect(tsResolution(12).fast).toBe(false);
    expect(tsResolution(0x80 | 30).fast).toBe(false);
  });

  it('agrees with BigInt arithmetic for every resolution code', () => {
    const codes = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0x80, max: 0x80 + 64 }), fc.constantFrom(6, 9, 0x80 | 23));
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff }), codes, (hi, lo, code) => {
        expect(split(hi, lo, code)).toEqual(reference(hi, lo, code));
      }),
      { numRuns: 3000 },
    );
  });

  it('joinTimestamp inverts splitTimestamp at the resolution', () => {
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), fc.nat({ max: 999_999_999 }), fc.constantFrom(6, 9, 0, 3, 0x80 | 10, 0x80 | 30), (sec, nsec, code) => {
        const res = tsResolution(code);
        const { hi, lo } = joinTimestamp(sec, nsec, res);
        const back = split(hi, lo, code);
        expect(back.sec).toBe(sec);
        // Both directions truncate: at most one unit (or 1 ns, for finer units) is lost.
        expect(nsec - back.nsec).toBeGreaterThanOrEqual(0);
        expect(nsec - back.nsec).toBeLessThanOrEqual(Math.ceil(1e9 / res.unitsPerSec));
        if (res.unitsPerSec === 1e9) expect(back.nsec).toBe(nsec);
      }),
    );
  });
});
