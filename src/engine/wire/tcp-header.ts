/**
 * The TCP header (RFC 9293 §3.1) with its options decoded. `flags` holds the
 * nine flag bits from AE/NS (0x100) down to FIN (0x001); `reserved` the three
 * reserved bits of byte 12.
 */
import { readU16, readU32, type ByteReader, type Writer } from '../core/bytes.ts';
import { LabError, type Result, dataError } from '../core/errors.ts';
import type { MptcpDecodeContext } from './mptcp/types.ts';
import { decodeTcpOptions, encodeTcpOptions, tcpOptionsByteLength, type TcpOption, type WireProblem } from './tcp-options.ts';

export const TCP_FLAG = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80, AE: 0x100 } as const;

export interface TcpHeader {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  readonly reserved: number;
  readonly window: number;
  readonly checksum: number;
  readonly urgentPointer: number;
  readonly options: readonly TcpOption[];
}

export interface DecodedTcpHeader {
  readonly header: TcpHeader;
  /** Header length in bytes (data offset × 4). */
  readonly headerLength: number;
  /** Offsets of the options relative to the start of the TCP header. */
  readonly optionOffsets: readonly number[];
  readonly problems: readonly WireProblem[];
}

export const TCP_MIN_HEADER = 20;

export function decodeTcpHeader(r: ByteReader, ctx: MptcpDecodeContext = {}): Result<DecodedTcpHeader> {
  const b = r.bytes;
  const start = r.offset;
  if (b.length - start < TCP_MIN_HEADER) {
    return { ok: false, error: dataError('WIRE_TRUNCATED', `TCP header: needs 20 bytes at offset ${start}, only ${b.length - start} left`, start) };
  }
  const b12 = b[start + 12]!;
  const headerLength = (b12 >> 4) * 4;
  if (headerLength < TCP_MIN_HEADER) {
    return { ok: false, error: dataError('WIRE_BAD_LENGTH', `TCP header: data offset ${headerLength / 4} words is below 5 (offset ${start})`, start) };
  }
  // A capture's snap length may cut the options: decode what is there and say so.
  const wanted = headerLength - TCP_MIN_HEADER;
  const available = Math.min(wanted, b.length - start - TCP_MIN_HEADER);
  const area = b.subarray(start + TCP_MIN_HEADER, start + TCP_MIN_HEADER + available);
  const decoded = decodeTcpOptions(area, ctx, TCP_MIN_HEADER);
  if (available < wanted) {
    decoded.problems.push({
      code: 'WIRE_TRUNCATED',
      message: `TCP options: header says ${wanted} bytes of options, only ${available} captured`,
      offset: TCP_MIN_HEADER + available,
    });
  }
  r.skip(TCP_MIN_HEADER + available);
  const header: TcpHeader = {
    srcPort: readU16(b, start),
    dstPort: readU16(b, start + 2),
    seq: readU32(b, start + 4),
    ack: readU32(b, start + 8),
    flags: ((b12 & 1) << 8) | b[start + 13]!,
    reserved: (b12 >> 1) & 7,
    window: readU16(b, start + 14),
    checksum: readU16(b, start + 16),
    urgentPointer: readU16(b, start + 18),
    options: decoded.options,
  };
  return { ok: true, value: { header, headerLength, optionOffsets: decoded.offsets, problems: decoded.problems } };
}

/** Header length for these options; the options area must already be a multiple of 4 bytes. */
export function tcpHeaderByteLength(h: TcpHeader): number {
  return TCP_MIN_HEADER + tcpOptionsByteLength(h.options);
}

export function encodeTcpHeader(h: TcpHeader, w: Writer): void {
  const optLen = tcpOptionsByteLength(h.options);
  if (optLen % 4 !== 0 || optLen > 40) {
    throw new LabError('WIRE_BAD_LENGTH', `TCP options take ${optLen} bytes: must be a multiple of 4 up to 40 (pad with NOP or EOL)`);
  }
  const dataOffset = (TCP_MIN_HEADER + optLen) / 4;
  w.u16(h.srcPort).u16(h.dstPort).u32(h.seq).u32(h.ack);
  w.u8((dataOffset << 4) | ((h.reserved & 7) << 1) | ((h.flags >> 8) & 1));
  w.u8(h.flags & 0xff);
  w.u16(h.window).u16(h.checksum).u16(h.urgentPointer);
  encodeTcpOptions(h.options, w);
}

/** The nine flags, high bit first (Wireshark's order). */
export const TCP_FLAG_NAMES: readonly (readonly [number, string])[] = [
  [TCP_FLAG.AE, 'AE'],
  [TCP_FLAG.CWR, 'CWR'],
  [TCP_FLAG.ECE, 'ECE'],
  [TCP_FLAG.URG, 'URG'],
  [TCP_FLAG.ACK, 'ACK'],
  [TCP_FLAG.PSH, 'PSH'],
  [TCP_FLAG.RST, 'RST'],
  [TCP_FLAG.SYN, 'SYN'],
  [TCP_FLAG.FIN, 'FIN'],
];

/** "SYN, ACK" style text, in Wireshark's order. */
export function tcpFlagsText(flags: number): string {
  return TCP_FLAG_NAMES.filter(([bit]) => flags & bit)
    .map(([, n]) => n)
    .join(', ');
}
