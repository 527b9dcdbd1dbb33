/**
 * Synchronous hashes through @noble/hashes: the simulator's event loop is
 * synchronous, so WebCrypto's promises do not fit. Every call is counted so
 * the cost of the MAC algorithms can be compared.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 as nobleSha1 } from '@noble/hashes/legacy.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

export type HashAlgorithm = 'sha1' | 'sha256';

export interface CryptoCounters {
  hashes: number;
  hmacs: number;
  /** SHA-1/SHA-256 compression-function calls (64-byte blocks, padding included). */
  compressions: number;
  /** AES block encryptions. */
  cipherBlocks: number;
}

/**
 * Operation counters, for comparing the cost of MAC algorithms. Runs read
 * them before and after (the simulator is synchronous, so nothing else runs
 * in between).
 */
export const cryptoCounters: CryptoCounters = { hashes: 0, hmacs: 0, compressions: 0, cipherBlocks: 0 };
export const hashCounters = cryptoCounters;

/** Compression-function calls for hashing `length` bytes (Merkle–Damgård padding: 1 + 8 bytes at least). */
const blocks = (length: number) => Math.ceil((length + 9) / 64);

export function digest(alg: HashAlgorithm, data: Uint8Array): Uint8Array {
  cryptoCounters.hashes++;
  cryptoCounters.compressions += blocks(data.length);
  return alg === 'sha1' ? nobleSha1(data) : nobleSha256(data);
}

export function hmacDigest(alg: HashAlgorithm, key: Uint8Array, message: Uint8Array): Uint8Array {
  cryptoCounters.hmacs++;
  // Inner hash over the padded key block and the message, outer over the key block and the inner digest.
  cryptoCounters.compressions += blocks(64 + message.length) + blocks(64 + (alg === 'sha1' ? 20 : 32));
  return hmac(alg === 'sha1' ? nobleSha1 : nobleSha256, key, message);
}

export const sha1 = (data: Uint8Array): Uint8Array => digest('sha1', data);
export const sha256 = (data: Uint8Array): Uint8Array => digest('sha256', data);

/** SHA-256 of bytes as lowercase hex (fingerprints of exported files). */
export function sha256Hex(data: Uint8Array): string {
  let s = '';
  for (const b of nobleSha256(data)) s += b.toString(16).padStart(2, '0');
  return s;
}
