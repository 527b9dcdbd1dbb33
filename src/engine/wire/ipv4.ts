/**
 * IPv4 header (RFC 791). Options are kept as raw bytes: nothing in this
 * project interprets them, but they must survive a decode/encode round trip.
 */
import { ByteWriter, readU16, type ByteReader, type Writer } from '../core/bytes.ts';
import { LabError, type Result, dataError } from '../core/errors.ts';
import { internetChecksum } from './checksum.ts';
import type { IpAddress } from './ip-address.ts';

export interface Ipv4Header {
  readonly version: 4;
  /** DSCP and ECN bits (the old TOS byte). */
  readonly tos: number;
  readonly totalLength: number;
  readonly identification: number;
  /** The three flag bits: 0b010 = Don't Fragment, 0b001 = More Fragments. */
  readonly flags: number;
  readonly fragmentOffset: number;
  readonly ttl: number;
  readonly protocol: number;
  readonly checksum: number;
  readonly src: IpAddress;
  readonly dst: IpAddress;
  readonly options: Uint8Array;
}

export const IPV4_MIN_HEADER = 20;

export function ipv4HeaderByteLength(h: Ipv4Header): number {
  return IPV4_MIN_HEADER + h.options.length;
}

/** Decodes the header at the reader's position; the payload is left unread. */
export function decodeIpv4(r: ByteReader): Result<Ipv4Header> {
  const b = r.bytes;
  const start = r.offset;
  const left = b.length - start;
  if (left < IPV4_MIN_HEADER) {
    return { ok: false, error: dataError('WIRE_TRUNCATED', `IPv4 header: needs 20 bytes at offset ${start}, only ${left} left`, start) };
  }
  const vihl = b[start]!;
  const version = vihl >> 4;
  if (version !== 4) return { ok: false, error: dataError('WIRE_UNKNOWN_VERSION', `IPv4 header: version is ${version}, not 4 (offset ${start})`, start) };
  const ihl = (vihl & 0x0f) * 4;
  if (ihl < IPV4_MIN_HEADER) return { ok: false, error: dataError('WIRE_BAD_LENGTH', `IPv4 header: header length ${ihl} is below 20 (offset ${start})`, start) };
  if (left < ihl) return { ok: false, error: dataError('WIRE_TRUNCATED', `IPv4 header with options: needs ${ihl} bytes at offset ${start}, only ${left} left`, start) };
  r.skip(ihl);
  const ff = readU16(b, start + 6);
  return {
    ok: true,
    value: {
      version: 4,
      tos: b[start + 1]!,
      totalLength: readU16(b, start + 2),
      identification: readU16(b, start + 4),
      flags: ff >> 13,
      fragmentOffset: ff & 0x1fff,
      ttl: b[start + 8]!,
      protocol: b[start + 9]!,
      checksum: readU16(b, start + 10),
      src: { family: 4, bytes: b.slice(start + 12, start + 16) },
      dst: { family: 4, bytes: b.slice(start + 16, start + 20) },
      options: ihl > IPV4_MIN_HEADER ? b.slice(start + 20, start + ihl) : NO_OPTIONS,
    },
  };
}

const NO_OPTIONS = new Uint8Array(0);

export function encodeIpv4(h: Ipv4Header, w: Writer): void {
  if (h.options.length % 4 !== 0 || h.options.length > 40) {
    throw new LabError('WIRE_BAD_LENGTH', `IPv4 options must be a multiple of 4 bytes up to 40, got ${h.options.length}`);
  }
  w.u8(0x40 | (ipv4HeaderByteLength(h) / 4));
  w.u8(h.tos).u16(h.totalLength).u16(h.identification);
  w.u16(((h.flags & 7) << 13) | (h.fragmentOffset & 0x1fff));
  w.u8(h.ttl).u8(h.protocol).u16(h.checksum);
  w.bytes(h.src.bytes).bytes(h.dst.bytes).bytes(h.options);
}

/** The header checksum this header should carry (computed with the field as zero). */
export function computeIpv4Checksum(h: Ipv4Header): number {
  const w = new ByteWriter(ipv4HeaderByteLength(h));
  encodeIpv4({ ...h, checksum: 0 }, w);
  return internetChecksum(w.finish());
}
