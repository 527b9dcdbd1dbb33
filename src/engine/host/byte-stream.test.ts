import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutStream, PatternChecker, PatternSource, applicationRun, patternByte } from './byte-stream.ts';

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

describe('applicationRun', () => {
  it('finds the application bytes in a capture of them, wherever they start', () => {
    const buf = new Uint8Array(100);
    new PatternSource(1000, 17).fill(buf, 0, 333, 100);
    expect(applicationRun(buf)).toEqual({ at: 0, length: 100 });
    const framed = new Uint8Array(120);
    framed.set([23, 3, 3, 0, 100]);
    framed.set(buf, 5);
    expect(applicationRun(framed)).toEqual({ at: 5, length: 100 });
  });

  it('finds none in text, in ciphertext, or in a run shorter than asked for', () => {
    expect(applicationRun(Uint8Array.from('INJECTED BY THE ATTACKER', (c) => c.charCodeAt(0)))).toBeNull();
    let x = 7;
    const noise = Uint8Array.from({ length: 4096 }, () => (x = (x * 1103515245 + 12345) >>> 0) >>> 24);
    expect(applicationRun(noise)).toBeNull();
    const short = new Uint8Array(10);
    new PatternSource(100, 3).fill(short, 0, 0, 10);
    expect(applicationRun(short)).toBeNull();
  });
});
