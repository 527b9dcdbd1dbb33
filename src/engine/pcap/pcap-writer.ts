import { LabError } from '../core/errors.ts';

/**
 * Classic pcap writer (draft-ietf-opsawg-pcap): a 24-byte file header, then
 * a 16-byte header and the data for each record. Used for exporting runs.
 */
export interface PcapWriterOptions {
  linkType: number;
  /** Nanosecond timestamps (magic a1b23c4d) instead of microseconds. */
  nanosecond?: boolean;
  /** Default 262144; longer data is cut to it, keeping the original length. */
  snaplen?: number;
  /** Default true, the order nearly every capture tool writes. */
  littleEndian?: boolean;
}

export interface PcapRecordInput {
  tsSec: number;
  tsNsec: number;
  data: Uint8Array;
  /** Length on the wire; defaults to data.length. */
  originalLength?: number;
}

export const DEFAULT_SNAPLEN = 262144;

const isU32 = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 0xffffffff;

/**
 * @example
 * const w = new PcapWriter({ linkType: LINKTYPE_RAW });
 * const file = concat([w.header(), w.record({ tsSec: 1, tsNsec: 0, data: ipPacket })]);
 */
export class PcapWriter {
  readonly linkType: number;
  readonly nanosecond: boolean;
  readonly snaplen: number;
  readonly littleEndian: boolean;

  constructor(opts: PcapWriterOptions) {
    this.linkType = opts.linkType;
    this.nanosecond = opts.nanosecond ?? false;
    this.snaplen = opts.snaplen ?? DEFAULT_SNAPLEN;
    this.littleEndian = opts.littleEndian ?? true;
    if (!isU32(this.linkType)) throw new LabError('CAPTURE_BAD_RECORD', `link type ${this.linkType} is not a 32-bit value`);
    if (!isU32(this.snaplen) || this.snaplen === 0) throw new LabError('CAPTURE_BAD_RECORD', `snaplen ${this.snaplen} must be a positive 32-bit value`);
  }

  header(): Uint8Array {
    const out = new Uint8Array(24);
    const v = new DataView(out.buffer);
    const le = this.littleEndian;
    v.setUint32(0, this.nanosecond ? 0xa1b23c4d : 0xa1b2c3d4, le);
    v.setUint16(4, 2, le);
    v.setUint16(6, 4, le);
    // thiszone and sigfigs stay 0, as every modern writer leaves them.
    v.setUint32(16, this.snaplen, le);
    v.setUint32(20, this.linkType, le);
    return out;
  }

  /** Bytes `record(p)` will produce. */
  recordLength(p: PcapRecordInput): number {
    return 16 + Math.min(p.data.length, this.snaplen);
  }

  record(p: PcapRecordInput): Uint8Array {
    const out = new Uint8Array(this.recordLength(p));
    this.writeRecord(p, new DataView(out.buffer), out, 0);
    return out;
  }

  /** Writes the record for `p` at `pos` of `out` (viewed by `v`); returns the bytes written. */
  writeRecord(p: PcapRecordInput, v: DataView, out: Uint8Array, pos: number): number {
    const orig = p.originalLength ?? p.data.length;
    if (!isU32(p.tsSec)) throw new LabError('CAPTURE_BAD_RECORD', `timestamp seconds ${p.tsSec} do not fit an unsigned 32-bit field`);
    if (!Number.isInteger(p.tsNsec) || p.tsNsec < 0 || p.tsNsec >= 1e9) {
      throw new LabError('CAPTURE_BAD_RECORD', `timestamp nanoseconds ${p.tsNsec} are not in [0, 1e9)`);
    }
    if (!isU32(orig) || orig < p.data.length) {
      throw new LabError('CAPTURE_BAD_RECORD', `original length ${orig} is shorter than the ${p.data.length} bytes of data`);
    }
    const caplen = Math.min(p.data.length, this.snaplen);
    const le = this.littleEndian;
    v.setUint32(pos, p.tsSec, le);
    v.setUint32(pos + 4, this.nanosecond ? p.tsNsec : Math.floor(p.tsNsec / 1000), le);
    v.setUint32(pos + 8, caplen, le);
    v.setUint32(pos + 12, orig, le);
    out.set(caplen === p.data.length ? p.data : p.data.subarray(0, caplen), pos + 16);
    return 16 + caplen;
  }
}

/** A whole pcap file: header and every record, in one allocation. */
export function writePcap(packets: readonly PcapRecordInput[], opts: PcapWriterOptions): Uint8Array {
  const w = new PcapWriter(opts);
  let size = 24;
  for (const p of packets) size += w.recordLength(p);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  out.set(w.header(), 0);
  let pos = 24;
  for (const p of packets) pos += w.writeRecord(p, v, out, pos);
  return out;
}
