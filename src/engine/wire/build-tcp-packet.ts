/**
 * Builds one IPv4 or IPv6 TCP packet straight into a buffer of the exact
 * size: headers, options, payload, lengths and checksums. The simulator's
 * hosts send every segment through here, so it allocates once and copies
 * nothing twice.
 */
import { FixedWriter } from '../core/bytes.ts';
import { LabError } from '../core/errors.ts';
import { finishChecksum, pseudoHeaderSum, sum16 } from './checksum.ts';
import type { IpAddress } from './ip-address.ts';
import { encodeTcpOptions, tcpOptionsByteLength, type TcpOption } from './tcp-options.ts';

export interface TcpSegmentSpec {
  src: IpAddress;
  dst: IpAddress;
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: number;
  window: number;
  /** Already padded to a multiple of 4 bytes (NOPs where Linux puts them). */
  options: readonly TcpOption[];
  payloadLength: number;
  /** Writes the payload at buf[at, at + payloadLength). */
  fillPayload?: (buf: Uint8Array, at: number) => void;
  /** IPv4 identification / IPv6 flow label. */
  ipId: number;
  ttl: number;
}

export function buildTcpPacket(s: TcpSegmentSpec): Uint8Array {
  const optLen = tcpOptionsByteLength(s.options);
  if (optLen % 4 !== 0 || optLen > 40) {
    throw new LabError('INTERNAL', `TCP options take ${optLen} bytes: must be a multiple of 4 up to 40`);
  }
  const v4 = s.src.family === 4;
  const ipLen = v4 ? 20 : 40;
  const tcpLen = 20 + optLen + s.payloadLength;
  const buf = new Uint8Array(ipLen + tcpLen);
  const w = new FixedWriter(buf);
  if (v4) {
    w.u8(0x45).u8(0).u16(ipLen + tcpLen).u16(s.ipId & 0xffff).u16(0x4000); // DF, as Linux sets it
    w.u8(s.ttl).u8(6).u16(0).bytes(s.src.bytes).bytes(s.dst.bytes);
    const c = finishChecksum(sum16(buf, 0, 20));
    buf[10] = c >> 8;
    buf[11] = c & 0xff;
  } else {
    w.u32((0x60000000 | (s.ipId & 0xfffff)) >>> 0).u16(tcpLen).u8(6).u8(s.ttl);
    w.bytes(s.src.bytes).bytes(s.dst.bytes);
  }
  w.u16(s.srcPort).u16(s.dstPort).u32(s.seq).u32(s.ack);
  w.u8(((20 + optLen) / 4) << 4 | ((s.flags >> 8) & 1)).u8(s.flags & 0xff);
  w.u16(s.window).u16(0).u16(0);
  encodeTcpOptions(s.options, w);
  if (s.payloadLength > 0) s.fillPayload?.(buf, ipLen + 20 + optLen);
  const sum = sum16(buf, ipLen, buf.length, pseudoHeaderSum(s.src, s.dst, 6, tcpLen));
  const c = finishChecksum(sum);
  buf[ipLen + 16] = c >> 8;
  buf[ipLen + 17] = c & 0xff;
  return buf;
}
