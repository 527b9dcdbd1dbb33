import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHex } from '../core/hex.ts';
import { LabError } from '../core/errors.ts';
import { concatBytes } from './concat.ts';
import { writePcap } from './pcap-writer.ts';
import { pcapngBlock, writePcapng } from './pcapng-writer.ts';
import { CaptureReader } from './reader.ts';
import type { CaptureProblem } from './types.ts';

// Whatever the bytes, the reader must end (vitest's timeout catches a hang),
// throw nothing but a LabError, and hand out only packets that are honest
// views of the file.

const frame = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 7 + n) & 0xff);
const VALID = [
  writePcap([40, 0, 1500, 3].map((n, i) => ({ tsSec: i, tsNsec: i, data: frame(n) })), { linkType: 1 }),
  writePcap([60, 9].map((n, i) => ({ tsSec: i, tsNsec: i, data: frame(n) })), { linkType: 101, nanosecond: true, littleEndian: false, snaplen: 64 }),
  concatBytes([
    writePcapng([{ linkType: 1, tsresol: 9 }, { linkType: 101 }], [20, 1500, 7].map((n, i) => ({ interfaceId: i % 2, tsSec: i, tsNsec: i, data: frame(n) }))),
    pcapngBlock(4, new Uint8Array(20)),
    pcapngBlock(3, concatBytes([fromHex('00000010'), frame(16)])),
    pcapngBlock(0x0bad, new Uint8Array(70000)),
    writePcapng([{ linkType: 276, tsresol: 0x80 | 10 }], [{ interfaceId: 0, tsSec: 5, tsNsec: 6, data: frame(24) }], { littleEndian: false }),
  ]),
];

function check(bytes: Uint8Array, chunk: number): { count: number; problems: CaptureProblem[]; error: LabError | null } {
  let count = 0;
  const problems: CaptureProblem[] = [];
  const r = new CaptureReader({
    packet: (p) => {
      count++;
      expect(p.frame).toBeGreaterThanOrEqual(count);
      expect(p.data.length).toBe(p.capturedLength);
      expect(p.tsNsec).toBeGreaterThanOrEqual(0);
      expect(p.tsNsec).toBeLessThan(1e9);
      expect(Number.isInteger(p.tsSec)).toBe(true);
      expect(p.fileOffset + p.capturedLength).toBeLessThanOrEqual(bytes.length);
      expect(p.data).toEqual(bytes.subarray(p.fileOffset, p.fileOffset + p.capturedLength));
    },
    problem: (p) => problems.push(p),
  });
  try {
    for (let i = 0; i < bytes.length; i += chunk) r.push(bytes.subarray(i, i + chunk));
    r.end();
  } catch (e) {
    if (!(e instanceof LabError)) throw e;
    expect(e.code).not.toBe('INTERNAL');
    return { count, problems, error: e };
  }
  for (const p of problems) {
    expect(p.code).toMatch(/^CAPTURE_/);
    expect(p.offset).toBeGreaterThanOrEqual(0);
    expect(p.offset).toBeLessThanOrEqual(bytes.length);
  }
  expect(r.packetsRead).toBe(count);
  return { count, problems, error: null };
}

const chunkSize = fc.oneof(fc.integer({ min: 1, max: 17 }), fc.integer({ min: 18, max: 100000 }));
const prefixes = fc.constantFrom(
  new Uint8Array(0),
  fromHex('d4c3b2a1 0200 0400 00000000 00000000 ffff0000 01000000'),
  fromHex('a1b23c4d 0002 0004 00000000 00000000 00000040 00000065'),
  fromHex('0a0d0d0a 1c000000 4d3c2b1a 0100 0000 ffffffffffffffff 1c000000'),
  fromHex('0a0d0d0a 1c000000 4d3c2b1a 0100 0000 ffffffffffffffff 1c000000 01000000 14000000 0100 0000 00000000 14000000'),
);

describe('CaptureReader fuzzing', () => {
  it('random bytes, bare or after a valid file header', () => {
    fc.assert(
      fc.property(prefixes, fc.uint8Array({ maxLength: 400 }), chunkSize, (prefix, tail, chunk) => {
        check(concatBytes([prefix, tail]), chunk);
      }),
      { numRuns: 3000 },
    );
  });

  it('random 32-bit words after a valid header (plausible lengths and types)', () => {
    const word = fc.oneof(fc.nat({ max: 0xffffffff }), fc.integer({ min: 0, max: 80 }), fc.constantFrom(1, 2, 3, 6, 0x0a0d0d0a, 0x1a2b3c4d, 0x4d3c2b1a));
    fc.assert(
      fc.property(prefixes, fc.array(word, { maxLength: 60 }), fc.boolean(), chunkSize, (prefix, words, le, chunk) => {
        const tail = new Uint8Array(words.length * 4);
        const v = new DataView(tail.buffer);
        words.forEach((w, i) => v.setUint32(i * 4, w, le));
        check(concatBytes([prefix, tail]), chunk);
      }),
      { numRuns: 3000 },
    );
  });

  // Files are picked by index so a failure prints a small counterexample.
  const fileIndex = fc.nat({ max: VALID.length - 1 });

  it('valid files with random bytes changed', () => {
    const mutation = fc.tuple(fc.nat(), fc.nat({ max: 255 }));
    fc.assert(
      fc.property(fileIndex, fc.array(mutation, { minLength: 1, maxLength: 8 }), chunkSize, (i, muts, chunk) => {
        const bytes = VALID[i]!.slice();
        for (const [at, value] of muts) bytes[at % bytes.length] = value;
        check(bytes, chunk);
      }),
      { numRuns: 1500 },
    );
  });

  it('valid files cut anywhere keep every complete packet and flag a cut inside a unit', () => {
    // Where each packet's record or block ends (the writers add no options).
    const ends = VALID.map((file, i) => {
      const ends: number[] = [];
      const r = new CaptureReader({ packet: (p) => ends.push(p.fileOffset + (i < 2 ? p.capturedLength : ((p.capturedLength + 3) & ~3) + 4)) });
      r.push(file);
      r.end();
      return ends;
    });
    fc.assert(
      fc.property(fileIndex, fc.nat(), chunkSize, (i, cutSeed, chunk) => {
        const file = VALID[i]!;
        const cut = cutSeed % (file.length + 1);
        const r = check(file.subarray(0, cut), chunk);
        if (r.error !== null) {
          expect(r.error.code).toMatch(/^CAPTURE_(EMPTY|TRUNCATED)$/);
          return;
        }
        expect(r.count).toBe(ends[i]!.filter((e) => e <= cut).length);
        expect(r.problems.filter((p) => p.code !== 'CAPTURE_TRUNCATED')).toEqual([]);
        expect(r.problems.length).toBeLessThanOrEqual(1);
        // In classic pcap every byte after the header belongs to a record.
        if (i < 2) expect(r.problems.length).toBe(cut === 24 || ends[i]!.includes(cut) ? 0 : 1);
      }),
      { numRuns: 1500 },
    );
  });
});
