import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.ts';

describe('EventQueue', () => {
  it('pops by time, then by insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
        const q = new EventQueue<number>();
        times.forEach((t, i) => q.push(t, i));
        const out: [number, number][] = [];
        for (let e = q.pop(); e; e = q.pop()) out.push([e.time, e.item]);
        const expected = times.map((t, i) => [t, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(out).toEqual(expected);
      }),
    );
  });

  it('interleaves pushes and pops correctly', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(-1)), { maxLength: 300 }), (ops) => {
        const q = new EventQueue<number>();
        const model: [number, number][] = [];
        let seq = 0;
        for (const op of ops) {
          if (op < 0) {
            model.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
            const want = model.shift();
            const got = q.pop();
            expect(got ? [got.time, got.item] : undefined).toEqual(want);
          } else {
            q.push(op, seq);
            model.push([op, seq++]);
          }
        }
        expect(q.size).toBe(model.length);
      }),
    );
  });
});
