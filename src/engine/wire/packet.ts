/**
 * A whole IP packet carrying TCP: the IP header (v4 or v6), the TCP header
 * with decoded options, and where the payload lies. Decoding never fails
 * past the IP header: a cut packet is decoded as far as it goes and flagged,
 * and each bad option becomes a problem while the rest is still read.
 */
import { ByteReader, ByteWriter } from '../core/bytes.ts';
import { type Result, dataError } from '../core/errors.ts';
import { computeTcpChecksum, internetChecksum } from './checksum.ts';
import { decodeIpv4, encodeIpv4, ipv4HeaderByteLength, type Ipv4Header } from './ipv4.ts';
import { decodeIpv6, encodeIpv6, ipv6HeaderByteLength, type Ipv6Header } from './ipv6.ts';
import type { MptcpDecodeContext } from './mptcp/types.ts';
import { decodeTcpHeader, encodeTcpHeader, tcpHeaderByteLength, type DecodedTcpHeader, type TcpHeader } from './tcp-header.ts';
import type { WireProblem } from './tcp-options.ts';

export const IPPROTO_TCP = 6;

export type IpHeader = Ipv4Header | Ipv6Header;

export interface DecodedPacket {
  readonly ip: IpHeader;
  readonly ipHeaderLength: number;
  /** Upper-layer protocol (after IPv6 extension headers). */
  readonly protocol: number;
  /** Null when the packet is not TCP, or is a non-first IPv4 fragment. */
  readonly tcp: DecodedTcpHeader | null;
  /** Offset of the TCP header in the packet bytes. */
  readonly tcpOffset: number;
  readonly payloadOffset: number;
  /** Payload bytes present in the buffer. */
  readonly payloadLength: number;
  /** Payload length the IP header announces (more than `payloadLength` when the capture cut it). */
  readonly payloadLengthOnWire: number;
  /** The capture holds fewer bytes than the IP header announces. */
  readonly truncated: boolean;
  /** Problems with offsets relative to the packet's first byte. */
  readonly problems: readonly WireProblem[];
}

/** Decodes an IP packet whose first byte is the IP version nibble. */
export function decodePacket(bytes: Uint8Array, ctx: MptcpDecodeContext = {}): Result<DecodedPacket> {
  if (bytes.length === 0) return { ok: false, error: dataError('WIRE_TRUNCATED', 'IP packet: no bytes', 0) };
  const version = bytes[0]! >> 4;
  const r = new ByteReader(bytes);
  let ip: IpHeader;
  let ipHeaderLength: number;
  let protocol: number;
  let totalLength: number;
  let firstFragment: boolean;
  if (version === 4) {
    const d = decodeIpv4(r);
    if (!d.ok) return d;
    ip = d.value;
    ipHeaderLength = ipv4HeaderByteLength(ip);
    protocol = ip.protocol;
    // Captures taken before segmentation offload may carry a total length of 0.
    totalLength = ip.totalLength === 0 ? bytes.length : ip.totalLength;
    firstFragment = ip.fragmentOffset === 0;
  } else if (version === 6) {
    const d = decodeIpv6(r);
    if (!d.ok) return d;
    ip = d.value;
    ipHeaderLength = ipv6HeaderByteLength(ip);
    protocol = ip.upperProtocol;
    // RFC 8200 §4.5: only the fragment with offset 0 starts with the TCP header.
    const frag = ip.extensions.find((e) => e.type === 44);
    firstFragment = !frag || ((frag.bytes[2]! << 8) | frag.bytes[3]!) >> 3 === 0;
    totalLength = 40 + (ip.payloadLength === 0 ? bytes.length - 40 : ip.payloadLength);
  } else {
    return { ok: false, error: dataError('WIRE_UNKNOWN_VERSION', `IP packet: version nibble is ${version}, neither 4 nor 6`, 0) };
  }
  const problems: WireProblem[] = [];
  const truncated = totalLength > bytes.length;
  if (totalLength < ipHeaderLength) {
    problems.push({ code: 'WIRE_BAD_LENGTH', message: `IP total length ${totalLength} is shorter than its header (${ipHeaderLength})`, offset: 2 });
    totalLength = bytes.length;
  }
  const end = Math.min(totalLength, bytes.length);
  // Object literals, not spreads: spreading is an order of magnitude slower in V8 and this runs per packet.
  if (protocol !== IPPROTO_TCP || !firstFragment) {
    return {
      ok: true,
      value: {
        ip,
        ipHeaderLength,
        protocol,
        truncated,
        tcp: null,
        tcpOffset: ipHeaderLength,
        payloadOffset: ipHeaderLength,
        payloadLength: end - ipHeaderLength,
        payloadLengthOnWire: totalLength - ipHeaderLength,
        problems,
      },
    };
  }
  const tr = new ByteReader(bytes.subarray(0, end), ipHeaderLength);
  const t = decodeTcpHeader(tr, ctx);
  if (!t.ok) {
    problems.push({ code: t.error.code, message: t.error.message, offset: t.error.offset ?? ipHeaderLength });
    return {
      ok: true,
      value: { ip, ipHeaderLength, protocol, truncated, tcp: null, tcpOffset: ipHeaderLength, payloadOffset: end, payloadLength: 0, payloadLengthOnWire: 0, problems },
    };
  }
  for (const p of t.value.problems) problems.push({ code: p.code, message: p.message, offset: p.offset + ipHeaderLength });
  const payloadOffset = Math.min(ipHeaderLength + t.value.headerLength, end);
  return {
    ok: true,
    value: {
      ip,
      ipHeaderLength,
      protocol,
      truncated,
      tcp: t.value,
      tcpOffset: ipHeaderLength,
      payloadOffset,
      payloadLength: end - payloadOffset,
      payloadLengthOnWire: Math.max(0, totalLength - ipHeaderLength - t.value.headerLength),
      problems,
    },
  };
}

export interface TcpPacketRepr {
  readonly ip: IpHeader;
  readonly tcp: TcpHeader;
  readonly payload: Uint8Array;
}

/**
 * Encodes IP + TCP + payload. With `fillLengths` the IP length fields are set
 * from the contents, with `fillChecksums` the IPv4 header and TCP checksums
 * are computed; otherwise the repr's values are written as they are.
 */
export function encodeTcpPacket(p: TcpPacketRepr, opts: { fillLengths?: boolean; fillChecksums?: boolean } = {}): Uint8Array {
  const tcpLen = tcpHeaderByteLength(p.tcp) + p.payload.length;
  const w = new ByteWriter(64 + tcpLen);
  let ip = p.ip;
  if (ip.version === 4) {
    if (opts.fillLengths) ip = { ...ip, totalLength: ipv4HeaderByteLength(ip) + tcpLen };
    encodeIpv4(ip, w);
  } else {
    if (opts.fillLengths) ip = { ...ip, payloadLength: ipv6HeaderByteLength(ip) - 40 + tcpLen };
    encodeIpv6(ip, w);
  }
  const tcpStart = w.length;
  encodeTcpHeader(p.tcp, w);
  w.bytes(p.payload);
  const out = w.finish();
  if (opts.fillChecksums) {
    const dv = new DataView(out.buffer);
    if (ip.version === 4) {
      dv.setUint16(10, 0);
      dv.setUint16(10, internetChecksum(out, 0, tcpStart));
    }
    dv.setUint16(tcpStart + 16, computeTcpChecksum(ip.src, ip.dst, out.subarray(tcpStart)));
  }
  return out;
}
