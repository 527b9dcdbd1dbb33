/**
 * IPv6 header (RFC 8200) and the walk over extension headers to the
 * upper-layer protocol. Extension headers are kept as raw bytes.
 */
import type { ByteReader } from '../core/bytes.ts';
import { catchLab, type Writer } from '../core/bytes.ts';
import { LabError, type Result } from '../core/errors.ts';
import type { IpAddress } from './ip-address.ts';

export interface Ipv6ExtensionHeader {
  /** The protocol number that announced this header (0 hop-by-hop, 43 routing, 44 fragment, 60 destination options, 51 AH, ...). */
  readonly type: number;
  /** The whole extension header, next-header byte included. */
  readonly bytes: Uint8Array;
}

export interface Ipv6Header {
  readonly version: 6;
  readonly trafficClass: number;
  readonly flowLabel: number;
  readonly payloadLength: number;
  /** The Next Header field of the fixed header. */
  readonly nextHeader: number;
  readonly hopLimit: number;
  readonly src: IpAddress;
  readonly dst: IpAddress;
  readonly extensions: readonly Ipv6ExtensionHeader[];
  /** The protocol after all extension headers (6 for TCP); 59 = no next header. */
  readonly upperProtocol: number;
}

export const IPV6_FIXED_HEADER = 40;

const EXTENSION_TYPES = new Set([0, 43, 44, 60, 51, 135, 139, 140]);

export function ipv6HeaderByteLength(h: Ipv6Header): number {
  let n = IPV6_FIXED_HEADER;
  for (const e of h.extensions) n += e.bytes.length;
  return n;
}

export function decodeIpv6(r: ByteReader): Result<Ipv6Header> {
  return catchLab(() => {
    const start = r.offset;
    r.need(IPV6_FIXED_HEADER, 'IPv6 header');
    const first = r.u32();
    const version = first >>> 28;
    if (version !== 6) throw new LabError('WIRE_UNKNOWN_VERSION', `IPv6 header: version is ${version}, not 6 (offset ${start})`, start);
    const payloadLength = r.u16();
    const nextHeader = r.u8();
    const hopLimit = r.u8();
    const src: IpAddress = { family: 6, bytes: r.bytesCopy(16) };
    const dst: IpAddress = { family: 6, bytes: r.bytesCopy(16) };
    const extensions: Ipv6ExtensionHeader[] = [];
    let proto = nextHeader;
    // Each extension header names the next one in its first byte.
    while (EXTENSION_TYPES.has(proto)) {
      const at = r.offset;
      r.need(2, `IPv6 extension header ${proto}`);
      const next = r.bytes[at]!;
      const lenField = r.bytes[at + 1]!;
      // RFC 8200 §4.5: the fragment header is always 8 bytes; RFC 4302 §2.2: AH counts 4-byte words minus 2.
      const len = proto === 44 ? 8 : proto === 51 ? (lenField + 2) * 4 : (lenField + 1) * 8;
      extensions.push({ type: proto, bytes: r.bytesCopy(len, `IPv6 extension header ${proto}`) });
      proto = next;
    }
    return {
      version: 6,
      trafficClass: (first >>> 20) & 0xff,
      flowLabel: first & 0xfffff,
      payloadLength,
      nextHeader,
      hopLimit,
      src,
      dst,
      extensions,
      upperProtocol: proto,
    } as const;
  });
}

export function encodeIpv6(h: Ipv6Header, w: Writer): void {
  w.u32(((6 << 28) | ((h.trafficClass & 0xff) << 20) | (h.flowLabel & 0xfffff)) >>> 0);
  w.u16(h.payloadLength).u8(h.nextHeader).u8(h.hopLimit);
  w.bytes(h.src.bytes).bytes(h.dst.bytes);
  for (const e of h.extensions) w.bytes(e.bytes);
}
