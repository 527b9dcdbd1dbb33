/**
 * The Internet checksum (RFC 1071) and the TCP pseudo-headers (RFC 9293 §3.1
 * for IPv4, RFC 8200 §8.1 for IPv6). Sums are kept unfolded (a plain number
 * that stays far below 2^53) so partial sums can be added in any order.
 */
import type { IpAddress } from './ip-address.ts';

/**
 * Adds the 16-bit big-endian words of bytes[start, end) to `sum`.
 * An odd final byte is padded with a zero byte, as RFC 1071 says.
 */
export function sum16(bytes: Uint8Array, start = 0, end = bytes.length, sum = 0): number {
  let i = start;
  // Long runs: add aligned 32-bit little-endian words, then fold and swap the bytes back
  // (RFC 1071 §2(B): the one's complement sum does not depend on byte order).
  if (end - start >= 64) {
    const abs = bytes.byteOffset + i;
    const lead = (4 - (abs & 3)) & 3;
    // Keep the big-endian word pairing: the aligned part must start at an even offset from `start`.
    if ((lead & 1) === 0) {
      for (let k = 0; k < lead; k += 2) sum += (bytes[i + k]! << 8) | bytes[i + k + 1]!;
      i += lead;
      const words = (end - i) >> 2;
      const w = new Uint32Array(bytes.buffer, bytes.byteOffset + i, words);
      let le = 0;
      for (let k = 0; k < words; k++) le += w[k]!;
      // fold the little-endian sum to 16 bits, then swap to big-endian order
      while (le > 0xffff) le = (le % 0x10000) + Math.floor(le / 0x10000);
      sum += ((le & 0xff) << 8) | (le >> 8);
      i += words * 4;
    }
  }
  const last = end - 1;
  for (; i < last; i += 2) sum += (bytes[i]! << 8) | bytes[i + 1]!;
  if (i === last) sum += bytes[i]! << 8;
  return sum;
}

/** Folds carries into 16 bits (not complemented). */
export function fold16(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/** Final checksum value to put on the wire: the complement of the folded sum. */
export function finishChecksum(sum: number): number {
  return ~fold16(sum) & 0xffff;
}

/** Swaps the two bytes of a folded 16-bit partial sum (for a piece starting at an odd offset, RFC 1071 §2(B)). */
export function swap16(folded: number): number {
  return ((folded & 0xff) << 8) | (folded >> 8);
}

export function internetChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return finishChecksum(sum16(bytes, start, end));
}

/** Sum of the TCP/UDP pseudo-header for either IP family. */
export function pseudoHeaderSum(src: IpAddress, dst: IpAddress, protocol: number, length: number): number {
  let sum = sum16(src.bytes) + sum16(dst.bytes) + protocol;
  // IPv4 carries a 16-bit length, IPv6 a 32-bit one: split it into words.
  sum += (length >>> 16) + (length & 0xffff);
  return sum;
}

/**
 * Checksum of a TCP segment (header + payload) with its checksum field taken
 * as zero, so the result can be compared with or written into that field.
 */
export function computeTcpChecksum(src: IpAddress, dst: IpAddress, segment: Uint8Array): number {
  let sum = pseudoHeaderSum(src, dst, 6, segment.length);
  sum = sum16(segment, 0, 16, sum);
  sum = sum16(segment, 18, segment.length, sum);
  return finishChecksum(sum);
}
