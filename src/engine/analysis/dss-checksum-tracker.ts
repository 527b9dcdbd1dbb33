/**
 * Checks DSS checksums in one direction of one subflow (RFC 8684 §3.3.1).
 * A mapping may span several segments: payload is accumulated in subflow
 * order from the mapping's first byte; retransmitted bytes are skipped.
 * Mappings cut short (snap length, end of capture, a replaced mapping) are
 * counted as unchecked, never as failures.
 *
 * Linux re-sends the last mapping of a stream with DATA_FIN added (same DSN
 * and SSN, data-level length + 1, a new checksum) on the segment that ends
 * it; like Linux's receiver (`get_mapping_status`: the DATA_FIN octet is
 * taken off before comparing maps) we treat it as the same mapping and check
 * both checksums over the same bytes.
 */
import { DssChecksumAccumulator } from '../wire/dss-checksum.ts';
import { seqDiff } from '../wire/seq.ts';

interface PendingMapping {
  dsn: bigint;
  /** Relative subflow sequence number of the first mapped byte. */
  ssn: number;
  /** Payload bytes the mapping covers (data-level length minus DATA_FIN). */
  payloadLength: number;
  /** Each form the mapping was sent in: the first, and any re-sent with DATA_FIN. */
  variants: { dataLength: number; checksum: number; frame: number }[];
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
    if (mapping && mapping.dataFin && mapping.dataLength === 1) {
      // A DATA_FIN alone covers no payload: its checksum is over the pseudo-header only, and
      // like Linux (MAPPING_DATA_FIN) it leaves the mapping in progress alone.
      const expected = new DssChecksumAccumulator().result(mapping.dsn, mapping.ssn, 1);
      out.push({ frame, ok: expected === mapping.checksum, expected, received: mapping.checksum });
      mapping = null;
    }
    if (mapping) {
      const p = this.pending;
      const payloadLength = mapping.dataLength - (mapping.dataFin ? 1 : 0);
      const same = p !== null && p.dsn === mapping.dsn && p.ssn === mapping.ssn && p.payloadLength === payloadLength;
      if (same && !p.variants.some((v) => v.dataLength === mapping.dataLength && v.checksum === mapping.checksum)) {
        p.variants.push({ dataLength: mapping.dataLength, checksum: mapping.checksum, frame });
      }
      if (!same) {
        if (p) for (const v of p.variants) out.push({ frame: v.frame, unchecked: true });
        this.pending = {
          dsn: mapping.dsn,
          ssn: mapping.ssn,
          payloadLength,
          variants: [{ dataLength: mapping.dataLength, checksum: mapping.checksum, frame }],
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
      for (const v of m.variants) out.push({ frame: v.frame, unchecked: true });
      this.pending = null;
    } else if (m.acc.bytesCovered >= m.payloadLength) {
      for (const v of m.variants) {
        const expected = m.acc.result(m.dsn, m.ssn, v.dataLength);
        out.push({ frame: v.frame, ok: expected === v.checksum, expected, received: v.checksum });
      }
      this.pending = null;
    }
    return out;
  }

  /** End of capture: an unfinished mapping is unchecked. */
  finish(): ChecksumOutcome[] {
    const p = this.pending;
    this.pending = null;
    return p ? p.variants.map((v) => ({ frame: v.frame, unchecked: true as const })) : [];
  }
}
