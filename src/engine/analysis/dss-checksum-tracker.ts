/**
 * Checks DSS checksums in one direction of one subflow (RFC 8684 §3.3.1).
 * A mapping may span several segments: payload is accumulated in subflow
 * order from the mapping's first byte; retransmitted bytes are skipped.
 * Mappings cut short (snap length, end of capture, a replaced mapping) are
 * counted as unchecked, never as failures.
 */
import { DssChecksumAccumulator } from '../wire/dss-checksum.ts';
import { seqDiff } from '../wire/seq.ts';

interface PendingMapping {
  dsn: bigint;
  /** Relative subflow sequence number of the first mapped byte. */
  ssn: number;
  /** Data-level length as on the wire (DATA_FIN included). */
  dataLength: number;
  /** Payload bytes the mapping covers (data-level length minus DATA_FIN). */
  payloadLength: number;
  checksum: number;
  frame: number;
  acc: DssChecksumAccumulator;
  broken: boolean;
}

export type ChecksumOutcome = { frame: number; ok: boolean; expected: number; received: number } | { frame: number; unchecked: true };

export class DssChecksumTracker {
  private pending: PendingMapping | null = null;

  constructor(private readonly isn: number) {}

  /**
   * One segment: its mapping (if it carries one), its sequence number and
   * payload. Returns the outcomes of mappings completed or abandoned.
   */
  segment(
    frame: number,
    seq: number,
    payload: Uint8Array,
    payloadCut: boolean,
    mapping: { dsn: bigint; ssn: number; dataLength: number; checksum: number; dataFin: boolean } | null,
  ): ChecksumOutcome[] {
    const out: ChecksumOutcome[] = [];
    if (mapping) {
      const p = this.pending;
      const same = p && p.dsn === mapping.dsn && p.ssn === mapping.ssn && p.dataLength === mapping.dataLength;
      if (!same) {
        if (p) out.push({ frame: p.frame, unchecked: true });
        this.pending = {
          dsn: mapping.dsn,
          ssn: mapping.ssn,
          dataLength: mapping.dataLength,
          payloadLength: mapping.dataLength - (mapping.dataFin ? 1 : 0),
          checksum: mapping.checksum,
          frame,
          acc: new DssChecksumAccumulator(),
          broken: false,
        };
      }
    }
    const m = this.pending;
    if (!m) return out;
    // Where this segment's payload starts, relative to the mapping's next expected byte.
    const rel = (seq - this.isn) >>> 0;
    const next = (m.ssn + m.acc.bytesCovered) >>> 0;
    const skip = seqDiff(next, rel);
    if (skip < 0) {
      // A gap: bytes of the mapping are missing from the capture.
      if (payload.length > 0 && seqDiff(rel, (m.ssn + m.payloadLength) >>> 0) < 0) m.broken = true;
    } else if (skip < payload.length) {
      const want = m.payloadLength - m.acc.bytesCovered;
      m.acc.add(payload.subarray(skip, skip + Math.min(want, payload.length - skip)));
      if (payloadCut) m.broken = true;
    }
    if (m.broken) {
      out.push({ frame: m.frame, unchecked: true });
      this.pending = null;
    } else if (m.acc.bytesCovered >= m.payloadLength) {
      const expected = m.acc.result(m.dsn, m.ssn, m.dataLength);
      out.push({ frame: m.frame, ok: expected === m.checksum, expected, received: m.checksum });
      this.pending = null;
    }
    return out;
  }

  /** End of capture: an unfinished mapping is unchecked. */
  finish(): ChecksumOutcome[] {
    const p = this.pending;
    this.pending = null;
    return p ? [{ frame: p.frame, unchecked: true }] : [];
  }
}
