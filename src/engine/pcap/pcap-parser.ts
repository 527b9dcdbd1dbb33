import { STOP } from './unit-parser.ts';
import type { Truncation, UnitParser } from './unit-parser.ts';
import type { PacketSink } from './sink.ts';

/**
 * Classic libpcap files: a 24-byte file header, then records of a 16-byte
 * header (ts_sec, ts_usec or ts_nsec, caplen, len) and caplen bytes of data,
 * all in the byte order the magic number reveals
 * (draft-ietf-opsawg-pcap §4 and §5).
 */
export const PCAP_FILE_HEADER = 24;
export const PCAP_RECORD_HEADER = 16;
/** Largest caplen believed: Wireshark's limit for ordinary link types. */
export const MAX_CAPLEN = 262144;

export class PcapParser implements UnitParser {
  headerDone = false;
  readonly midUnit = false;
  linkType = 0;
  snaplen = 0;
  private maxCaplen = MAX_CAPLEN;
  private readonly le: boolean;
  private readonly nano: boolean;
  private readonly sink: PacketSink;

  constructor(sink: PacketSink, opts: { littleEndian: boolean; nanosecond: boolean }) {
    this.sink = sink;
    this.le = opts.littleEndian;
    this.nano = opts.nanosecond;
  }

  need(_b: Uint8Array, v: DataView, pos: number, avail: number, offset: number): number {
    if (!this.headerDone) return PCAP_FILE_HEADER;
    if (avail < PCAP_RECORD_HEADER) return PCAP_RECORD_HEADER;
    const caplen = v.getUint32(pos + 8, this.le);
    if (caplen > this.maxCaplen) {
      // caplen is the only framing a pcap file has: past a bad one, nothing can be trusted.
      this.sink.problem(
        this.sink.frame + 1,
        'CAPTURE_BAD_RECORD',
        `record at byte ${offset} claims ${caplen} captured bytes (limit ${this.maxCaplen} for snaplen ${this.snaplen}); the file is corrupt from here`,
        offset,
        true,
      );
      return STOP;
    }
    return PCAP_RECORD_HEADER + caplen;
  }

  consume(b: Uint8Array, v: DataView, pos: number, len: number, offset: number): number {
    const le = this.le;
    if (!this.headerDone) {
      this.snaplen = v.getUint32(pos + 16, le);
      // Low 16 bits are the link type; the bits above carry FCS length flags.
      this.linkType = v.getUint32(pos + 20, le) & 0xffff;
      // Twice the snap length is already suspicious, but never below a full 64 KiB packet.
      if (this.snaplen > 0) this.maxCaplen = Math.min(MAX_CAPLEN, Math.max(2 * this.snaplen, 65535));
      this.headerDone = true;
      return 0;
    }
    let sec = v.getUint32(pos, le);
    const sub = v.getUint32(pos + 4, le);
    let nsec = this.nano ? sub : sub * 1000;
    if (nsec >= 1e9) {
      // Some writers overflow the sub-second field; carry it so tsNsec stays < 1e9.
      sec += Math.floor(nsec / 1e9);
      nsec %= 1e9;
    }
    const caplen = len - PCAP_RECORD_HEADER;
    this.sink.packet({
      frame: this.sink.nextFrame(),
      tsSec: sec,
      tsNsec: nsec,
      interfaceId: 0,
      linkType: this.linkType,
      capturedLength: caplen,
      originalLength: v.getUint32(pos + 12, le),
      data: b.subarray(pos + PCAP_RECORD_HEADER, pos + len),
      fileOffset: offset + PCAP_RECORD_HEADER,
    });
    return 0;
  }

  truncation(b: Uint8Array, have: number, offset: number, fileLength: number): Truncation {
    const frame = this.sink.frame + 1;
    if (have < PCAP_RECORD_HEADER) {
      return {
        frame,
        offset,
        message: `file ends at byte ${fileLength} inside the record header of frame ${frame} (record starts at byte ${offset}, ${have} of ${PCAP_RECORD_HEADER} header bytes present)`,
      };
    }
    const caplen = new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(8, this.le);
    return {
      frame,
      offset,
      message: `file ends at byte ${fileLength} inside frame ${frame} (record starts at byte ${offset} and needs ${PCAP_RECORD_HEADER + caplen} bytes, ${have} present)`,
    };
  }
}
