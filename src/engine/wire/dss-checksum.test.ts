import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { be64 } from '../core/hex.ts';
import { u16, u32, u64 } from '../testing/arbitraries.ts';
import { dssChecksum, DssChecksumAccumulator } from './dss-checksum.ts';

/** Straightforward reference: build the whole buffer and take the RFC 1071 sum. */
function reference(dsn: bigint, ssn: number, len: number, payload: Uint8Array): number {
  const buf = new Uint8Array(payload.length + 16 + (payload.length % 2));
  buf.set(payload, 0);
  const ph = new Uint8Array(16);
  ph.set(be64(dsn), 0);
  new DataView(ph.buffer).setUint32(8, ssn);
  new DataView(ph.buffer).setUint16(12, len);
  // the pseudo-header is added on a 16-bit boundary, as a separate sum
  let sum = 0;
  for (let i = 0; i < payload.length; i += 2) sum += (payload[i]! << 8) | (payload[i + 1] ?? 0);
  for (let i = 0; i < 16; i += 2) sum += (ph[i]! << 8) | ph[i + 1]!;
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 65536);
  return ~sum & 0xffff;
}

describe('DSS checksum', () => {
  it('matches a plain reference computation', () => {
    fc.assert(
      fc.property(u64, u32, u16, fc.uint8Array({ maxLength: 300 }), (dsn, ssn, len, payload) => {
        expect(dssChecksum(dsn, ssn, len, payload)).toBe(reference(dsn, ssn, len, payload));
      }),
    );
  });

  it('gives the same result when the mapping arrives in pieces of any (odd) size', () => {
    fc.assert(
      fc.property(u64, u32, fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1 }), (dsn, ssn, payload, cuts) => {
        const acc = new DssChecksumAccumulator();
        let at = 0;
        for (const c of cuts) {
          if (at >= payload.length) break;
          acc.add(payload.subarray(at, Math.min(payload.length, at + c)));
          at += c;
        }
        if (at < payload.length) acc.add(payload.subarray(at));
        expect(acc.result(dsn, ssn, payload.length)).toBe(dssChecksum(dsn, ssn, payload.length, payload));
      }),
    );
  });

  it('a receiver that adds the received checksum gets zero', () => {
    const payload = new TextEncoder().encode('hello, multipath');
    const c = dssChecksum(0x1122334455667788n, 1, payload.length, payload);
    const acc = new DssChecksumAccumulator();
    acc.add(payload);
    // Adding the checksum itself as data makes the final complement zero.
    acc.add(Uint8Array.of(c >> 8, c & 0xff));
    expect(acc.result(0x1122334455667788n, 1, payload.length)).toBe(0);
  });
});
