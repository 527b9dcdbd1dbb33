import type { ErrorCode } from '../core/errors.ts';

/** The two capture file formats the reader understands. */
export type CaptureFormat = 'pcap' | 'pcapng';

/**
 * One captured packet as the reader hands it to `handlers.packet`.
 *
 * `data` is a view into the reader's input chunk or its internal carry
 * buffer: it is valid only during the callback. Copy (`data.slice()`) what
 * you keep. The object itself is fresh each time and may be kept.
 */
export interface CapturedPacket {
  /** 1-based ordinal among the file's packet records, as Wireshark numbers frames. */
  frame: number;
  /** Seconds since the epoch. */
  tsSec: number;
  /** Nanoseconds within the second, 0 ≤ tsNsec < 1e9. */
  tsNsec: number;
  /** pcapng interface id; 0 for classic pcap. */
  interfaceId: number;
  /** LINKTYPE_* value of the packet's interface. */
  linkType: number;
  capturedLength: number;
  /** capturedLength < originalLength means the packet was cut by the snap length. */
  originalLength: number;
  /** The captured link-layer bytes; valid only during the callback. */
  data: Uint8Array;
  /** Byte offset in the file of data[0]. */
  fileOffset: number;
}

/**
 * Something wrong in the file that does not end the read by throwing.
 * `frame` is the packet it concerns (null for file-level problems); `offset`
 * is the byte offset in the file of the record or block concerned.
 */
export interface CaptureProblem {
  frame: number | null;
  code: ErrorCode;
  message: string;
  offset: number;
}

export interface CaptureHandlers {
  packet(p: CapturedPacket): void;
  problem?(p: CaptureProblem): void;
}
