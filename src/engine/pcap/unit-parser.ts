/**
 * The contract between the streaming driver (reader.ts) and a format parser.
 *
 * The driver cuts the byte stream into units (a file header, a record, a
 * block) and hands each one, whole and contiguous, to `consume`. It learns a
 * unit's size from `need`, asked again as more bytes arrive: first the size of
 * the unit's fixed header, then, once that is present, the whole unit's size.
 * `need` never shrinks below the bytes already buffered for the unit.
 */
export interface UnitParser {
  /** True once the file header (pcap header or first section header) is read. */
  readonly headerDone: boolean;
  /** True while a unit is open with no bytes buffered (a skipped block awaiting its trailer). */
  readonly midUnit: boolean;
  /**
   * Bytes the next unit needs, given the `avail` bytes at `b[pos..]` (file
   * offset `offset`). A value > avail means "wait for more". STOP means a
   * fatal problem was reported to the sink.
   */
  need(b: Uint8Array, v: DataView, pos: number, avail: number, offset: number): number;
  /** Handles the whole unit `b[pos..pos+len)`; returns how many following bytes to skip unread. */
  consume(b: Uint8Array, v: DataView, pos: number, len: number, offset: number): number;
  /** Describes a file that ended inside the unit starting at `offset` (`have` bytes buffered). */
  truncation(b: Uint8Array, have: number, offset: number, fileLength: number): Truncation;
}

export interface Truncation {
  frame: number | null;
  offset: number;
  message: string;
}

export const STOP = -1;
