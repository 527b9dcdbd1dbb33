/**
 * AES-128 (FIPS-197) and AES-CMAC (RFC 4493), for the MAC-algorithm
 * what-if of security-model.md §5 (the IETF review of RFC 7430 asked
 * whether a cheaper MAC would do). Straightforward table-free code: it
 * runs for a few MACs per join, not for bulk data. Every block
 * encryption is counted, so costs can be compared with the HMACs'.
 */
import { cryptoCounters } from './hash.ts';

const SBOX = new Uint8Array(256);
(() => {
  // The S-box from the multiplicative inverse in GF(2^8) and the affine map (FIPS-197 §5.1.1).
  let p = 1;
  let q = 1;
  do {
    p = p ^ ((p << 1) & 0xff) ^ (p & 0x80 ? 0x1b : 0);
    q ^= q << 1;
    q ^= q << 2;
    q ^= q << 4;
    q &= 0xff;
    if (q & 0x80) q ^= 0x09;
    const x = q ^ ((q << 1) | (q >> 7)) ^ ((q << 2) | (q >> 6)) ^ ((q << 3) | (q >> 5)) ^ ((q << 4) | (q >> 4));
    SBOX[p] = (x ^ 0x63) & 0xff;
  } while (p !== 1);
  SBOX[0] = 0x63;
})();

const xtime = (b: number) => ((b << 1) ^ (b & 0x80 ? 0x1b : 0)) & 0xff;

/** The 11 round keys of AES-128 (FIPS-197 §5.2), 176 bytes. */
export function expandKey(key: Uint8Array): Uint8Array {
  if (key.length !== 16) throw new RangeError('AES-128 needs a 16-byte key');
  const w = new Uint8Array(176);
  w.set(key);
  let rcon = 1;
  for (let i = 16; i < 176; i += 4) {
    let t0 = w[i - 4]!;
    let t1 = w[i - 3]!;
    let t2 = w[i - 2]!;
    let t3 = w[i - 1]!;
    if (i % 16 === 0) {
      const tmp = t0;
      t0 = SBOX[t1]! ^ rcon;
      t1 = SBOX[t2]!;
      t2 = SBOX[t3]!;
      t3 = SBOX[tmp]!;
      rcon = xtime(rcon);
    }
    w[i] = w[i - 16]! ^ t0;
    w[i + 1] = w[i - 15]! ^ t1;
    w[i + 2] = w[i - 14]! ^ t2;
    w[i + 3] = w[i - 13]! ^ t3;
  }
  return w;
}

/** Encrypts one 16-byte block with expanded round keys. */
export function encryptBlock(roundKeys: Uint8Array, input: Uint8Array): Uint8Array {
  cryptoCounters.cipherBlocks++;
  const s = Uint8Array.from(input);
  for (let i = 0; i < 16; i++) s[i]! ^= roundKeys[i]!;
  for (let round = 1; round <= 10; round++) {
    for (let i = 0; i < 16; i++) s[i] = SBOX[s[i]!]!;
    // ShiftRows: row r of the column-major state rotates left by r.
    const t = Uint8Array.from(s);
    for (let c = 0; c < 4; c++) for (let r = 1; r < 4; r++) s[c * 4 + r] = t[((c + r) % 4) * 4 + r]!;
    if (round < 10) {
      for (let c = 0; c < 4; c++) {
        const a0 = s[c * 4]!;
        const a1 = s[c * 4 + 1]!;
        const a2 = s[c * 4 + 2]!;
        const a3 = s[c * 4 + 3]!;
        const all = a0 ^ a1 ^ a2 ^ a3;
        s[c * 4] = a0 ^ all ^ xtime(a0 ^ a1);
        s[c * 4 + 1] = a1 ^ all ^ xtime(a1 ^ a2);
        s[c * 4 + 2] = a2 ^ all ^ xtime(a2 ^ a3);
        s[c * 4 + 3] = a3 ^ all ^ xtime(a3 ^ a0);
      }
    }
    for (let i = 0; i < 16; i++) s[i]! ^= roundKeys[round * 16 + i]!;
  }
  return s;
}

/** Doubling in GF(2^128), for CMAC's subkeys (RFC 4493 §2.3). */
function double(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = ((b[i]! << 1) | (i < 15 ? b[i + 1]! >> 7 : 0)) & 0xff;
  if (b[0]! & 0x80) out[15]! ^= 0x87;
  return out;
}

/** AES-CMAC (RFC 4493 §2.4): a 16-byte tag of `message` under the 16-byte `key`. */
export function aesCmac(key: Uint8Array, message: Uint8Array): Uint8Array {
  const rk = expandKey(key);
  const l = encryptBlock(rk, new Uint8Array(16));
  const k1 = double(l);
  const k2 = double(k1);
  const n = Math.max(1, Math.ceil(message.length / 16));
  const complete = message.length > 0 && message.length % 16 === 0;
  const last = new Uint8Array(16);
  const tail = message.subarray((n - 1) * 16);
  last.set(tail);
  if (complete) for (let i = 0; i < 16; i++) last[i]! ^= k1[i]!;
  else {
    last[tail.length] = 0x80;
    for (let i = 0; i < 16; i++) last[i]! ^= k2[i]!;
  }
  let x: Uint8Array = new Uint8Array(16);
  for (let b = 0; b < n - 1; b++) {
    const y = new Uint8Array(16);
    for (let i = 0; i < 16; i++) y[i] = x[i]! ^ message[b * 16 + i]!;
    x = encryptBlock(rk, y);
  }
  for (let i = 0; i < 16; i++) last[i]! ^= x[i]!;
  return encryptBlock(rk, last);
}
