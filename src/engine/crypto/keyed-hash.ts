/**
 * A host's keyed hash for values it must be able to recompute but nobody
 * else can predict (SYN cookies, stateless-join nonces, table slots):
 * SHA-256 over a local secret and the fields, cut to 32 bits. Linux uses
 * SipHash and jhash for these; what matters here is that the value is keyed
 * and that computing it is counted as hash work.
 */
import { sha256 } from './hash.ts';

export function keyedHash32(secret: Uint8Array, fields: readonly (number | Uint8Array)[]): number {
  const parts: number[] = [...secret];
  for (const f of fields) {
    if (typeof f === 'number') parts.push((f >>> 24) & 0xff, (f >>> 16) & 0xff, (f >>> 8) & 0xff, f & 0xff);
    else parts.push(...f);
  }
  const d = sha256(Uint8Array.from(parts));
  return ((d[0]! << 24) | (d[1]! << 16) | (d[2]! << 8) | d[3]!) >>> 0;
}
