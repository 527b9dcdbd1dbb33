import { describe, expect, it } from 'vitest';
import { fromHex, hex32, hex64, toHex, be64, readBe64 } from './hex.ts';

describe('hex', () => {
  it('round-trips bytes', () => {
    expect(toHex(fromHex('00ff10ab'))).toBe('00ff10ab');
    expect(toHex(fromHex('0x00 FF:10'))).toBe('00ff10');
  });
  it('pads 64- and 32-bit values', () => {
    expect(hex64(0x1n)).toBe('0000000000000001');
    expect(hex32(0xabc)).toBe('00000abc');
    expect(readBe64(be64(0x0102030405060708n))).toBe(0x0102030405060708n);
  });
  it('rejects odd or non-hex text', () => {
    expect(() => fromHex('abc')).toThrow(/not a hex string/);
    expect(() => fromHex('zz')).toThrow(/not a hex string/);
  });
});
