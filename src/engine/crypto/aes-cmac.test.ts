import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../core/hex.ts';
import { aesCmac, encryptBlock, expandKey } from './aes-cmac.ts';

describe('AES-128', () => {
  it('encrypts the FIPS-197 Appendix C.1 example', () => {
    const rk = expandKey(fromHex('000102030405060708090a0b0c0d0e0f'));
    expect(toHex(encryptBlock(rk, fromHex('00112233445566778899aabbccddeeff')))).toBe('69c4e0d86a7b0430d8cdb78070b4c55a');
  });

  it('expands the FIPS-197 Appendix A.1 key to its last round key', () => {
    expect(toHex(expandKey(fromHex('2b7e151628aed2a6abf7158809cf4f3c')).subarray(160))).toBe('d014f9a8c9ee2589e13f0cc8b6630ca6');
  });
});

describe('AES-CMAC (RFC 4493 §4)', () => {
  const key = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
  const msg = fromHex('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710');
  it.each([
    [0, 'bb1d6929e95937287fa37d129b756746'],
    [16, '070a16b46b4d4144f79bdd9dd04a287c'],
    [40, 'dfa66747de9ae63030ca32611497c827'],
    [64, '51f0bebf7e3b9d92fc49741779363cfe'],
  ])('a %i-byte message', (n, tag) => {
    expect(toHex(aesCmac(key, msg.subarray(0, n)))).toBe(tag);
  });
});
