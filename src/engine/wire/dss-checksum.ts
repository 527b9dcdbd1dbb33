/**
 * The DSS checksum (RFC 8684 §3.3.1, Figure 10): the Internet checksum over
 * the payload the mapping covers plus a pseudo-header of the full 64-bit DSN
 * (even when the option carries 32 bits), the relative subflow sequence
 * number, the data-level length (DATA_FIN included) and two zero bytes.
 * Linux: `__mptcp_make_csum` in net/mptcp/options.c.
 */
import { be64 } from '../core/hex.ts';
import { finishChecksum, fold16, sum16, swap16 } from './checksum.ts';

export function dssPseudoHeaderSum(dsn: bigint, ssn: number, dataLength: number): number {
  const d = be64(dsn);
  let sum = sum16(d);
  sum += (ssn >>> 16) + (ssn & 0xffff);
  sum += dataLength & 0xffff;
  return sum;
}

/** The checksum to send for a mapping whose payload is `payload` (all of it). */
export function dssChecksum(dsn: bigint, ssn: number, dataLength: number, payload: Uint8Array): number {
  return finishChecksum(sum16(payload) + dssPseudoHeaderSum(dsn, ssn, dataLength));
}

/**
 * Accumulates the payload sum of a mapping that arrives in pieces. A piece
 * that starts at an odd offset of the mapping has its partial sum byte-swapped
 * (RFC 1071 §2(B); Linux `csum_block_add`).
 */
export class DssChecksumAccumulator {
  private sum = 0;
  private covered = 0;

  /** Adds the next `bytes` of the mapping, in order. */
  add(bytes: Uint8Array): void {
    const part = fold16(sum16(bytes));
    this.sum += this.covered % 2 === 1 ? swap16(part) : part;
    this.covered += bytes.length;
  }

  get bytesCovered(): number {
    return this.covered;
  }

  /** The checksum the mapping should carry. */
  result(dsn: bigint, ssn: number, dataLength: number): number {
    return finishChecksum(this.sum + dssPseudoHeaderSum(dsn, ssn, dataLength));
  }
}
