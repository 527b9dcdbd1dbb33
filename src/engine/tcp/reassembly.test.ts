import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seqAdd, seqDiff } from '../wire/seq.ts';
import { Reassembly } from './reassembly.ts';

describe('Reassembly', () => {
  it('gives back the whole stream, in order, whatever the arrival order (and across a sequence wrap)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.infiniteStream(fc.nat()), (n, size, base, rnd) => {
        const stream = Uint8Array.from({ length: n * size }, (_, i) => i & 0xff);
        const order = Array.from({ length: n }, (_, i) => i);
        const it = rnd[Symbol.iterator]();
        for (let i = n - 1; i > 0; i--) {
          const j = it.next().value! % (i + 1);
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        const r = new Reassembly();
        let rcvNxt = base >>> 0;
        const out: number[] = [];
        for (const k of order) {
          const seq = seqAdd(base, k * size);
          const payload = stream.subarray(k * size, (k + 1) * size);
          if (seqDiff(seq, rcvNxt) > 0) {
            r.insert(seq, payload, false, rcvNxt);
            // Every held byte is described by the SACK blocks.
            const blocks = r.sackBlocks(100);
            const covered = blocks.reduce((t, b) => t + seqDiff(b.right, b.left), 0);
            expect(covered).toBe(r.bytesHeld);
            continue;
          }
          if (seqDiff(seq, rcvNxt) === 0) {
            out.push(...payload);
            rcvNxt = seqAdd(rcvNxt, payload.length);
            for (let s = r.takeNext(rcvNxt); s; s = r.takeNext(rcvNxt)) {
              out.push(...s.payload);
              rcvNxt = seqAdd(rcvNxt, s.payload.length);
            }
          }
        }
        expect(out).toEqual(Array.from(stream));
        expect(r.size).toBe(0);
        expect(r.sackBlocks(4)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('puts the block holding the latest arrival first (RFC 2018 §4)', () => {
    const r = new Reassembly();
    r.insert(300, new Uint8Array(100), false, 0);
    r.insert(100, new Uint8Array(100), false, 0);
    r.insert(600, new Uint8Array(100), false, 0);
    r.insert(200, new Uint8Array(100), false, 0);
    expect(r.sackBlocks(3)).toEqual([
      { left: 100, right: 400 },
      { left: 600, right: 700 },
    ]);
  });
});
