import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finishChecksum, sum16 } from '../wire/checksum.ts';
import { decrementTtl } from './router.ts';

/** An IPv4 header with a valid checksum, from any 20 bytes. */
function header(bytes: number[], ttl: number): Uint8Array {
  const b = Uint8Array.from(bytes);
  b[0] = 0x45;
  b[8] = ttl;
  b[10] = 0;
  b[11] = 0;
  const c = finishChecksum(sum16(b, 0, 20));
  b[10] = c >> 8;
  b[11] = c & 0xff;
  return b;
}

describe('decrementTtl', () => {
  it('updates the IPv4 checksum incrementally (RFC 1624) to what a full recomputation gives, on a copy', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 20, maxLength: 20 }), fc.integer({ min: 2, max: 255 }), (bytes, ttl) => {
        const before = header(bytes, ttl);
        const original = before.slice();
        const after = decrementTtl(before)!;
        expect(before).toEqual(original);
        expect(after[8]).toBe(ttl - 1);
        const check = after.slice();
        check[10] = 0;
        check[11] = 0;
        expect((after[10]! << 8) | after[11]!).toBe(finishChecksum(sum16(check, 0, 20)));
      }),
      { numRuns: 2000 },
    );
  });

  it('drops a packet whose TTL or hop limit would reach 0', () => {
    expect(decrementTtl(header(new Array(20).fill(0), 1))).toBeNull();
    const v6 = new Uint8Array(40);
    v6[0] = 0x60;
    v6[7] = 1;
    expect(decrementTtl(v6)).toBeNull();
    v6[7] = 9;
    expect(decrementTtl(v6)![7]).toBe(8);
  });
});
