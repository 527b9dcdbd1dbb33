/**
 * The ChaCha20 stream cipher (RFC 8439 §2.4), for the tls mitigation's
 * record encryption: fast in plain JavaScript (32-bit adds, xors and
 * rotations in local variables, no allocation per block).
 */
import { cryptoCounters } from './hash.ts';

/** The keystream's words are little-endian; a Uint32Array's bytes are in the host's order. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

const C0 = 0x61707865;
const C1 = 0x3320646e;
const C2 = 0x79622d32;
const C3 = 0x6b206574;

function words(bytes: Uint8Array, count: number): Uint32Array {
  const v = new DataView(bytes.buffer, bytes.byteOffset, count * 4);
  const w = new Uint32Array(count);
  for (let i = 0; i < count; i++) w[i] = v.getUint32(i * 4, true);
  return w;
}

/** The 16 output words of one block, into `out` (RFC 8439 §2.3). */
function block(k: Uint32Array, n: Uint32Array, counter: number, out: Uint32Array): void {
  cryptoCounters.cipherBlocks++;
  let x0 = C0, x1 = C1, x2 = C2, x3 = C3;
  let x4 = k[0]!, x5 = k[1]!, x6 = k[2]!, x7 = k[3]!, x8 = k[4]!, x9 = k[5]!, x10 = k[6]!, x11 = k[7]!;
  let x12 = counter | 0, x13 = n[0]!, x14 = n[1]!, x15 = n[2]!;
  for (let i = 0; i < 10; i++) {
    // Column rounds, then diagonal rounds; each line is one step of a quarter round.
    x0 = (x0 + x4) | 0; x12 ^= x0; x12 = (x12 << 16) | (x12 >>> 16);
    x8 = (x8 + x12) | 0; x4 ^= x8; x4 = (x4 << 12) | (x4 >>> 20);
    x0 = (x0 + x4) | 0; x12 ^= x0; x12 = (x12 << 8) | (x12 >>> 24);
    x8 = (x8 + x12) | 0; x4 ^= x8; x4 = (x4 << 7) | (x4 >>> 25);
    x1 = (x1 + x5) | 0; x13 ^= x1; x13 = (x13 << 16) | (x13 >>> 16);
    x9 = (x9 + x13) | 0; x5 ^= x9; x5 = (x5 << 12) | (x5 >>> 20);
    x1 = (x1 + x5) | 0; x13 ^= x1; x13 = (x13 << 8) | (x13 >>> 24);
    x9 = (x9 + x13) | 0; x5 ^= x9; x5 = (x5 << 7) | (x5 >>> 25);
    x2 = (x2 + x6) | 0; x14 ^= x2; x14 = (x14 << 16) | (x14 >>> 16);
    x10 = (x10 + x14) | 0; x6 ^= x10; x6 = (x6 << 12) | (x6 >>> 20);
    x2 = (x2 + x6) | 0; x14 ^= x2; x14 = (x14 << 8) | (x14 >>> 24);
    x10 = (x10 + x14) | 0; x6 ^= x10; x6 = (x6 << 7) | (x6 >>> 25);
    x3 = (x3 + x7) | 0; x15 ^= x3; x15 = (x15 << 16) | (x15 >>> 16);
    x11 = (x11 + x15) | 0; x7 ^= x11; x7 = (x7 << 12) | (x7 >>> 20);
    x3 = (x3 + x7) | 0; x15 ^= x3; x15 = (x15 << 8) | (x15 >>> 24);
    x11 = (x11 + x15) | 0; x7 ^= x11; x7 = (x7 << 7) | (x7 >>> 25);
    x0 = (x0 + x5) | 0; x15 ^= x0; x15 = (x15 << 16) | (x15 >>> 16);
    x10 = (x10 + x15) | 0; x5 ^= x10; x5 = (x5 << 12) | (x5 >>> 20);
    x0 = (x0 + x5) | 0; x15 ^= x0; x15 = (x15 << 8) | (x15 >>> 24);
    x10 = (x10 + x15) | 0; x5 ^= x10; x5 = (x5 << 7) | (x5 >>> 25);
    x1 = (x1 + x6) | 0; x12 ^= x1; x12 = (x12 << 16) | (x12 >>> 16);
    x11 = (x11 + x12) | 0; x6 ^= x11; x6 = (x6 << 12) | (x6 >>> 20);
    x1 = (x1 + x6) | 0; x12 ^= x1; x12 = (x12 << 8) | (x12 >>> 24);
    x11 = (x11 + x12) | 0; x6 ^= x11; x6 = (x6 << 7) | (x6 >>> 25);
    x2 = (x2 + x7) | 0; x13 ^= x2; x13 = (x13 << 16) | (x13 >>> 16);
    x8 = (x8 + x13) | 0; x7 ^= x8; x7 = (x7 << 12) | (x7 >>> 20);
    x2 = (x2 + x7) | 0; x13 ^= x2; x13 = (x13 << 8) | (x13 >>> 24);
    x8 = (x8 + x13) | 0; x7 ^= x8; x7 = (x7 << 7) | (x7 >>> 25);
    x3 = (x3 + x4) | 0; x14 ^= x3; x14 = (x14 << 16) | (x14 >>> 16);
    x9 = (x9 + x14) | 0; x4 ^= x9; x4 = (x4 << 12) | (x4 >>> 20);
    x3 = (x3 + x4) | 0; x14 ^= x3; x14 = (x14 << 8) | (x14 >>> 24);
    x9 = (x9 + x14) | 0; x4 ^= x9; x4 = (x4 << 7) | (x4 >>> 25);
  }
  out[0] = x0 + C0; out[1] = x1 + C1; out[2] = x2 + C2; out[3] = x3 + C3;
  out[4] = x4 + k[0]!; out[5] = x5 + k[1]!; out[6] = x6 + k[2]!; out[7] = x7 + k[3]!;
  out[8] = x8 + k[4]!; out[9] = x9 + k[5]!; out[10] = x10 + k[6]!; out[11] = x11 + k[7]!;
  out[12] = x12 + (counter | 0); out[13] = x13 + n[0]!; out[14] = x14 + n[1]!; out[15] = x15 + n[2]!;
}

/** One 64-byte keystream block: 32-byte key, 12-byte nonce, block counter. */
export function chachaBlock(key: Uint8Array, nonce: Uint8Array, counter: number): Uint8Array {
  const out = new Uint32Array(16);
  block(words(key, 8), words(nonce, 3), counter, out);
  const bytes = new Uint8Array(64);
  const v = new DataView(bytes.buffer);
  for (let i = 0; i < 16; i++) v.setUint32(i * 4, out[i]!, true);
  return bytes;
}

/** XORs `data` in place with the keystream from block `counter` on. */
export function chacha20Xor(key: Uint8Array, nonce: Uint8Array, counter: number, data: Uint8Array): void {
  const k = words(key, 8);
  const n = words(nonce, 3);
  const ks = new Uint32Array(16);
  const ksBytes = new Uint8Array(ks.buffer);
  for (let at = 0, b = counter; at < data.length; at += 64, b++) {
    block(k, n, b, ks);
    if (!LITTLE_ENDIAN) for (let i = 0; i < 16; i++) new DataView(ks.buffer).setUint32(i * 4, ks[i]!, true);
    const len = Math.min(64, data.length - at);
    for (let i = 0; i < len; i++) data[at + i]! ^= ksBytes[i]!;
  }
}
