import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutStream, PatternChecker, PatternSource, patternByte } from './byte-stream.ts';

describe('pattern sources and checkers', () => {
  it('the checker accepts exactly the pattern, at any offset and alignment, and finds the first wrong byte', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 250 }), fc.integer({ min: 0, max: 3000 }), fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 3 }), fc.option(fc.nat()), (phase, skip, cuts, align, flip) => {
        const total = cuts.reduce((a, b) => a + b, 0);
        const buf = new Uint8Array(total + 8);
        const data = buf.subarray(align, align + total);
        new PatternSource(skip + total, phase).fill(data, 0, skip, total);
        for (let i = 0; i < total; i++) expect(data[i]).toBe(patternByte(phase, skip + i));
        const wrong = flip === null ? null : flip % total;
        if (wrong !== null) data[wrong]! ^= 0x20;
        const c = new PatternChecker((phase + skip) % 251);
        let at = 0;
        for (const n of cuts) {
          c.check(data.subarray(at, at + n));
          at += n;
        }
        expect(c.firstMismatch).toBe(wrong);
        expect(c.bytesChecked).toBe(total);
      }),
      { numRuns: 500 },
    );
  });

  it('an OutStream hands out what was written, in order, and can produce a range again', () => {
    const s = new OutStream();
    s.write(new PatternSource(1000, 7));
    s.write(new PatternSource(500, 9));
    const a = s.take(800)!;
    const b = s.take(800)!;
    expect([a.offset, a.len, b.offset, b.len]).toEqual([0, 800, 800, 700]);
    const out = new Uint8Array(700);
    b.fill(out, 0);
    for (let i = 0; i < 200; i++) expect(out[i]).toBe(patternByte(7, 800 + i));
    for (let i = 200; i < 700; i++) expect(out[i]).toBe(patternByte(9, i - 200));
    expect(s.take(10)).toBe(null);
  });
});
