import { STOP } from './unit-parser.ts';
import type { Truncation, UnitParser } from './unit-parser.ts';
import type { PacketSink } from './sink.ts';
import {
  BT_EPB,
  BT_IDB,
  BT_OPB,
  BT_SHB,
  BT_SPB,
  BYTE_ORDER_MAGIC,
  blockName,
  decodeIdb,
  isDecodedBlock,
  isPacketBlock,
  minBlockLength,
} from './pcapng-blocks.ts';
import type { PcapngInterfaceInfo } from './pcapng-blocks.ts';
import { splitTimestamp } from './timestamp.ts';
import type { SecNsec } from './timestamp.ts';

/**
 * pcapng reader state machine. Decoded blocks (SHB, IDB, EPB, SPB, OPB) are
 * one unit each, so the trailing length is checked before anything is
 * believed. Other blocks up to SMALL_SKIP bytes are one unit too; larger ones
 * are a 12-byte head, streamed-over body and 4-byte trailer, so memory stays
 * bounded whatever their size.
 *
 * Invariants: `le` and `ifaces` belong to the current section (a new SHB
 * resets both); framing errors stop the read, per-packet errors skip one packet.
 */
const MAX_DECODED_BLOCK = 1 << 20;
const SMALL_SKIP = 1 << 16;
const BLOCK_HEAD = 12;

const isShb = (b: Uint8Array, pos: number): boolean =>
  b[pos] === 0x0a && b[pos + 1] === 0x0d && b[pos + 2] === 0x0d && b[pos + 3] === 0x0a;

export class PcapngParser implements UnitParser {
  headerDone = false;
  private le = false;
  private ifaces: PcapngInterfaceInfo[] = [];
  /** A large skipped block whose trailer is still to come. */
  private pending: { start: number; type: number; length: number } | null = null;
  private readonly ts: SecNsec = { sec: 0, nsec: 0 };
  private readonly sink: PacketSink;

  get midUnit(): boolean {
    return this.pending !== null;
  }

  constructor(sink: PacketSink) {
    this.sink = sink;
  }

  need(b: Uint8Array, v: DataView, pos: number, avail: number, offset: number): number {
    if (this.pending !== null) return 4;
    if (avail < BLOCK_HEAD) return BLOCK_HEAD;
    let le = this.le;
    let type: number;
    if (isShb(b, pos)) {
      // The SHB's own byte-order magic says how to read its length (and the section).
      type = BT_SHB;
      const bom = v.getUint32(pos + 8, false);
      if (bom === BYTE_ORDER_MAGIC) le = false;
      else if (bom === 0x4d3c2b1a) le = true;
      else return this.bad(offset, `section header block at byte ${offset} has byte-order magic ${bom.toString(16).padStart(8, '0')}, expected 1a2b3c4d`);
    } else {
      type = v.getUint32(pos, le);
    }
    const len = v.getUint32(pos + 4, le);
    const name = blockName(type);
    if (len % 4 !== 0 || len < 12) {
      return this.bad(offset, `${name} at byte ${offset} has length ${len}; block lengths are multiples of 4 and at least 12`);
    }
    if (len < minBlockLength(type)) {
      return this.bad(offset, `${name} at byte ${offset} has length ${len}, shorter than the ${minBlockLength(type)} bytes its fixed fields need`);
    }
    if (isDecodedBlock(type)) {
      if (len > MAX_DECODED_BLOCK) {
        return this.bad(offset, `${name} at byte ${offset} claims ${len} bytes, more than the ${MAX_DECODED_BLOCK}-byte limit; the file is corrupt from here`);
      }
      return len;
    }
    return len <= SMALL_SKIP ? len : BLOCK_HEAD;
  }

  consume(b: Uint8Array, v: DataView, pos: number, len: number, offset: number): number {
    if (this.pending !== null) {
      const p = this.pending;
      this.pending = null;
      const trailer = v.getUint32(pos, this.le);
      if (trailer !== p.length) this.badTrailer(p.type, p.start, p.length, trailer);
      return 0;
    }
    const shb = isShb(b, pos);
    if (shb) this.le = v.getUint32(pos + 8, false) !== BYTE_ORDER_MAGIC;
    const le = this.le;
    const type = shb ? BT_SHB : v.getUint32(pos, le);
    const length = v.getUint32(pos + 4, le);
    if (len < length) {
      // Head of a large skipped block: stream over the body, check the trailer after.
      this.pending = { start: offset, type, length };
      return length - BLOCK_HEAD - 4;
    }
    const trailer = v.getUint32(pos + len - 4, le);
    if (trailer !== len) {
      this.badTrailer(type, offset, len, trailer);
      return 0;
    }
    switch (type) {
      case BT_SHB:
        this.section(v, pos, offset);
        break;
      case BT_IDB:
        this.interface(v, pos, len, offset);
        break;
      case BT_EPB:
        this.timedPacket(b, v, pos, len, offset, v.getUint32(pos + 8, le));
        break;
      case BT_OPB:
        this.timedPacket(b, v, pos, len, offset, v.getUint16(pos + 8, le));
        break;
      case BT_SPB:
        this.simplePacket(b, v, pos, len, offset);
        break;
      default:
        break; // NRB, ISB, DSB, custom and future blocks: not needed here
    }
    return 0;
  }

  truncation(b: Uint8Array, have: number, offset: number, fileLength: number): Truncation {
    if (this.pending !== null) {
      const p = this.pending;
      return {
        frame: null,
        offset: p.start,
        message: `file ends at byte ${fileLength} inside a ${blockName(p.type)} (block starts at byte ${p.start} and is ${p.length} bytes long)`,
      };
    }
    if (have < BLOCK_HEAD) {
      return {
        frame: null,
        offset,
        message: `file ends at byte ${fileLength} inside a block header (block starts at byte ${offset}, ${have} of ${BLOCK_HEAD} header bytes present)`,
      };
    }
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const le = isShb(b, 0) ? v.getUint32(8, false) !== BYTE_ORDER_MAGIC : this.le;
    const type = isShb(b, 0) ? BT_SHB : v.getUint32(0, le);
    const frame = isPacketBlock(type) ? this.sink.frame + 1 : null;
    const what = frame === null ? '' : ` of frame ${frame}`;
    return {
      frame,
      offset,
      message: `file ends at byte ${fileLength} inside the ${blockName(type)}${what} (block starts at byte ${offset} and needs ${v.getUint32(4, le)} bytes, ${have} present)`,
    };
  }

  private bad(offset: number, message: string): number {
    this.sink.problem(null, 'CAPTURE_BAD_BLOCK', message, offset, true);
    return STOP;
  }

  private badTrailer(type: number, start: number, length: number, trailer: number): void {
    this.bad(start, `${blockName(type)} at byte ${start}: trailing length ${trailer} does not match leading length ${length}`);
  }

  private section(v: DataView, pos: number, offset: number): void {
    const major = v.getUint16(pos + 12, this.le);
    const minor = v.getUint16(pos + 14, this.le);
    if (major !== 1) {
      this.bad(offset, `section header block at byte ${offset} has pcapng version ${major}.${minor}; only 1.x is defined`);
      return;
    }
    // Interface ids are numbered per section.
    this.ifaces = [];
    this.headerDone = true;
  }

  private interface(v: DataView, pos: number, len: number, offset: number): void {
    const { iface, badOption } = decodeIdb(v, pos, len, this.le);
    if (badOption !== null) {
      this.sink.problem(null, 'CAPTURE_BAD_BLOCK', `interface description block at byte ${offset}: ${badOption}; defaults used`, offset, false);
    }
    this.ifaces.push(iface);
  }

  /** EPB and OPB share a layout after the interface id: ts high, ts low, caplen, len, data. */
  private timedPacket(b: Uint8Array, v: DataView, pos: number, len: number, offset: number, ifid: number): void {
    const frame = this.sink.nextFrame();
    const le = this.le;
    const caplen = v.getUint32(pos + 20, le);
    if (caplen > len - 32) {
      this.packetProblem(frame, offset, `captured length ${caplen} does not fit in its ${len}-byte block`);
      return;
    }
    const iface = this.ifaces[ifid];
    if (iface === undefined) {
      this.packetProblem(frame, offset, `names interface ${ifid}, but the section defines ${this.ifaces.length} interface(s)`);
      return;
    }
    splitTimestamp(v.getUint32(pos + 12, le), v.getUint32(pos + 16, le), iface.res, this.ts);
    this.sink.packet({
      frame,
      tsSec: this.ts.sec + iface.tsOffsetSec,
      tsNsec: this.ts.nsec,
      interfaceId: ifid,
      linkType: iface.linkType,
      capturedLength: caplen,
      originalLength: v.getUint32(pos + 24, le),
      data: b.subarray(pos + 28, pos + 28 + caplen),
      fileOffset: offset + 28,
    });
  }

  private simplePacket(b: Uint8Array, v: DataView, pos: number, len: number, offset: number): void {
    const frame = this.sink.nextFrame();
    const iface = this.ifaces[0];
    if (iface === undefined) {
      this.packetProblem(frame, offset, 'needs interface 0, but the section defines no interface');
      return;
    }
    const origlen = v.getUint32(pos + 8, this.le);
    // pcapng §4.4: the SPB has no captured-length field; it is implied.
    let caplen = Math.min(origlen, len - 16);
    if (iface.snaplen > 0) caplen = Math.min(caplen, iface.snaplen);
    this.sink.packet({
      frame,
      tsSec: 0,
      tsNsec: 0,
      interfaceId: 0,
      linkType: iface.linkType,
      capturedLength: caplen,
      originalLength: origlen,
      data: b.subarray(pos + 12, pos + 12 + caplen),
      fileOffset: offset + 12,
    });
  }

  private packetProblem(frame: number, offset: number, what: string): void {
    this.sink.problem(frame, 'CAPTURE_BAD_RECORD', `packet block at byte ${offset} (frame ${frame}) ${what}; packet skipped`, offset, false);
  }
}
