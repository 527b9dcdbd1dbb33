/**
 * The DSS mappings a subflow received (RFC 8684 §3.3): kept in subflow
 * order, looked up for each byte TCP delivers and, with DSS checksums, the
 * bytes of a mapping held until its checksum can be checked. What follows an
 * unmapped byte or a failed checksum (fallback, reset, MP_FAIL) is the
 * subflow's decision (`subflow.ts`).
 */
import { DssChecksumAccumulator } from '../wire/dss-checksum.ts';

export interface ReceivedMapping {
  ssn: number;
  dsn: bigint;
  /** Payload bytes (the data-level length without a DATA_FIN). */
  len: number;
  /** With DSS checksums: the data-level length and checksum as sent, and the payload held until it verifies. */
  dataLength?: number;
  checksum?: number;
  acc?: DssChecksumAccumulator;
  held?: Uint8Array[];
  /** Offset in the mapping of the first byte the checksum sums (0 unless a forged mapping took the start). */
  start?: number;
}

/**
 * Mappings are kept in subflow order. Only an identical mapping is a
 * retransmission; a different one at the same SSN (the real segment after
 * a forged one took its first bytes) queues behind it and maps what TCP
 * delivers past the first, as Linux's get_mapping_status takes the next
 * skb's map once the current one is consumed (validate_mapping only asks
 * that it cover the next unread subflow byte).
 */
export function addMapping(list: ReceivedMapping[], m: ReceivedMapping): void {
  for (const x of list) if (x.ssn === m.ssn && x.dsn === m.dsn && x.len === m.len) return;
  let i = list.length;
  while (i > 0 && ((list[i - 1]!.ssn - m.ssn) | 0) > 0) i--;
  list.splice(i, 0, m);
}

/** The mapping that covers subflow byte `pos`, or undefined when none does. */
export function mappingAt(list: ReceivedMapping[], pos: number): ReceivedMapping | undefined {
  // Mappings wholly before `pos` are done with.
  while (list.length && ((list[0]!.ssn + list[0]!.len - pos) | 0) <= 0) list.shift();
  const m = list[0];
  return !m || ((m.ssn - pos) | 0) > 0 ? undefined : m;
}

/**
 * With DSS checksums a mapping's bytes are held until all have arrived and
 * the checksum verifies (RFC 8684 §3.3.1); only then does the connection
 * see them. Adds `piece` (at offset `at` in the mapping); once the mapping
 * is complete, returns its held bytes and the checksum they give.
 */
export function holdForChecksum(m: ReceivedMapping, at: number, piece: Uint8Array): { held: Uint8Array[]; expected: number } | null {
  // The sum starts at the first byte this mapping gets. That is its own first byte, unless another
  // mapping (a forged one) took the start: Linux then sums from the next unread byte on
  // (validate_data_csum), which cannot give the sender's checksum, and the mapping fails.
  m.start ??= at;
  m.acc ??= new DssChecksumAccumulator();
  m.held ??= [];
  if (at !== m.start + m.acc.bytesCovered) return null; // a retransmitted overlap: already counted
  m.acc.add(piece);
  m.held.push(piece.slice());
  if (m.start + m.acc.bytesCovered < m.len) return null;
  const expected = m.acc.result(m.dsn, m.ssn, m.dataLength!);
  const held = m.held;
  m.held = [];
  return { held, expected };
}
