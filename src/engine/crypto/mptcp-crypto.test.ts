import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { be64, fromHex, hex32, hex64, toHex } from '../core/hex.ts';
import { ipv4 } from '../wire/ip-address.ts';
import { addAddrHmac, idsnFromKey, joinAckHmac, joinSynAckHmac, tokenFromKey } from './mptcp-crypto.ts';
import { hmacDigest } from './hash.ts';

// Known answers from ../shared/reference/mptcp-protocol.md §2, computed there with Python hashlib/hmac.
describe('token and IDSN', () => {
  it('v1 (SHA-256) for key 0x0102030405060708', () => {
    expect(hex32(tokenFromKey(1, 0x0102030405060708n))).toBe('66840dda');
    expect(hex64(idsnFromKey(1, 0x0102030405060708n))).toBe('f5a101d3d29d6f72');
  });
  it('v0 (SHA-1) for key 0x0102030405060708', () => {
    expect(hex32(tokenFromKey(0, 0x0102030405060708n))).toBe('dd5783bc');
    expect(hex64(idsnFromKey(0, 0x0102030405060708n))).toBe('3a95ed6e4ebb4ad5');
  });
  it('agrees with node:crypto for any key', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (key) => {
        const d256 = createHash('sha256').update(be64(key)).digest();
        const d1 = createHash('sha1').update(be64(key)).digest();
        expect(hex32(tokenFromKey(1, key))).toBe(d256.subarray(0, 4).toString('hex'));
        expect(hex64(idsnFromKey(1, key))).toBe(d256.subarray(24, 32).toString('hex'));
        expect(hex32(tokenFromKey(0, key))).toBe(d1.subarray(0, 4).toString('hex'));
        expect(hex64(idsnFromKey(0, key))).toBe(d1.subarray(12, 20).toString('hex'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('MP_JOIN HMACs', () => {
  const keyA = 0x0102030405060708n;
  const keyB = 0x1112131415161718n;
  const nonceA = 0xaabbccdd;
  const nonceB = 0x11223344;

  it('v1 SYN/ACK truncated HMAC puts the responder first', () => {
    expect(hex64(joinSynAckHmac(1, keyB, keyA, nonceB, nonceA))).toBe('72bea43c69c0c206');
  });
  it('v1 third-ACK HMAC puts the initiator first and keeps 160 bits', () => {
    expect(toHex(joinAckHmac(1, keyA, keyB, nonceA, nonceB))).toBe('c2986b9ffe33dedc10955fc5c9c31544e3ac05c0');
  });
  it('v0 uses the whole HMAC-SHA1', () => {
    const key = Buffer.concat([be64(keyA), be64(keyB)]);
    const msg = Buffer.from('aabbccdd11223344', 'hex');
    const expected = createHmac('sha1', key).update(msg).digest('hex');
    expect(toHex(joinAckHmac(0, keyA, keyB, nonceA, nonceB))).toBe(expected);
    expect(hex64(joinSynAckHmac(0, keyA, keyB, nonceA, nonceB))).toBe(expected.slice(0, 16));
  });
});

describe('ADD_ADDR HMAC (v1)', () => {
  const keyA = 0x0102030405060708n;
  const keyB = 0x1112131415161718n;
  it('without a port hashes two zero bytes and keeps the rightmost 64 bits', () => {
    expect(hex64(addAddrHmac(keyA, keyB, 2, ipv4(192, 0, 2, 1)))).toBe('70ad4a43448c31c4');
  });
  it('with a port', () => {
    expect(hex64(addAddrHmac(keyA, keyB, 2, ipv4(192, 0, 2, 1), 8080))).toBe('02b83debb08a5eec');
  });
});

describe('HMAC-SHA256 with a 16-byte key (Linux crypto self-test vectors)', () => {
  const vectors: [string, string, string][] = [
    ['0b0b0b0b0b0b0b0b', '48692054', '8385e24fb4235ac37556b6b886db106284a1da671699f46db1f235ec622dcafa'],
    ['aaaaaaaaaaaaaaaa', 'dddddddd', '2c5e219164ff1dca1c4a92318d847bb6b9d44492984e1eb71aff9022f71046e9'],
    ['0102030405060708', 'cdcdcdcd', 'e73b9ba9969969cefb04aa0d6df18ec2fcc075b6f23b4d8c4da736a5dbbc6e7d'],
  ];
  for (const [key, msg, mac] of vectors) {
    it(`key "${key}"`, () => {
      const enc = new TextEncoder();
      expect(toHex(hmacDigest('sha256', enc.encode(key), enc.encode(msg)))).toBe(mac);
    });
  }
  it('matches WebCrypto (async cross-check)', async () => {
    const key = fromHex('0102030405060708 1112131415161718');
    const msg = fromHex('aabbccdd11223344');
    const k = await globalThis.crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', k, msg));
    expect(toHex(hmacDigest('sha256', key, msg))).toBe(toHex(mac));
  });
});
