/**
 * 32-bit sequence-number arithmetic (RFC 9293 §3.4: comparisons are modulo
 * 2^32) and the 32-to-64-bit DSN expansion of RFC 8684 §3.3.1.
 */
export function seqAdd(a: number, b: number): number {
  return (a + b) >>> 0;
}

/** a − b as a signed distance in (−2^31, 2^31]. */
export function seqDiff(a: number, b: number): number {
  return ((a - b) | 0);
}

export const seqLt = (a: number, b: number): boolean => seqDiff(a, b) < 0;
export const seqLeq = (a: number, b: number): boolean => seqDiff(a, b) <= 0;
export const seqGt = (a: number, b: number): boolean => seqDiff(a, b) > 0;
export const seqGeq = (a: number, b: number): boolean => seqDiff(a, b) >= 0;

const TWO32 = 1n << 32n;

/**
 * Promotes a 32-bit DSN or DATA_ACK to 64 bits, choosing the value closest to
 * `reference` (the last full value seen), so a wrap of the low half increments
 * the high half (RFC 8684 §3.3.1; Linux `__mptcp_expand_seq`).
 */
export function expandSeq32(reference: bigint, low32: number): bigint {
  const base = reference & ~(TWO32 - 1n);
  let candidate = base | BigInt(low32 >>> 0);
  const half = 1n << 31n;
  if (candidate - reference > half) candidate -= TWO32;
  else if (reference - candidate > half) candidate += TWO32;
  return BigInt.asUintN(64, candidate);
}
