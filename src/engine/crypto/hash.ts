/**
 * Synchronous hashes through @noble/hashes: the simulator's event loop is
 * synchronous, so WebCrypto's promises do not fit. Every call is counted so
 * the cost of the MAC algorithms can be compared.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 as nobleSha1 } from '@noble/hashes/legacy.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

export type HashAlgorithm = 'sha1' | 'sha256';

export interface HashCounters {
  hashes: number;
  hmacs: number;
}

/** Operation counters, for cost comparisons; reset by whoever measures. */
export const hashCounters: HashCounters = { hashes: 0, hmacs: 0 };

export function digest(alg: HashAlgorithm, data: Uint8Array): Uint8Array {
  hashCounters.hashes++;
  return alg === 'sha1' ? nobleSha1(data) : nobleSha256(data);
}

export function hmacDigest(alg: HashAlgorithm, key: Uint8Array, message: Uint8Array): Uint8Array {
  hashCounters.hmacs++;
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
