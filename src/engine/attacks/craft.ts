/**
 * Builds the packets attackers send: real IPv4/IPv6 TCP segments with any
 * source address, correct lengths and checksums (a host would drop a
 * segment with a bad checksum, and attackers compute them too).
 */
import { buildTcpPacket } from '../wire/build-tcp-packet.ts';
import type { IpAddress } from '../wire/ip-address.ts';
import { tcpOptionsByteLength, type TcpOption } from '../wire/tcp-options.ts';

export interface CraftSpec {
  src: IpAddress;
  dst: IpAddress;
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: number;
  window?: number;
  options?: readonly TcpOption[];
  payload?: Uint8Array;
  ipId?: number;
}

export function craftSegment(s: CraftSpec): Uint8Array {
  const options = s.options ?? [];
  // NOPs in front, as Linux pads, so the options end on a 4-byte boundary.
  const pad = (4 - (tcpOptionsByteLength(options) % 4)) % 4;
  const padded: TcpOption[] = [...Array.from({ length: pad }, () => ({ kind: 'nop' as const })), ...options];
  const payload = s.payload ?? new Uint8Array(0);
  return buildTcpPacket({
    src: s.src,
    dst: s.dst,
    srcPort: s.srcPort,
    dstPort: s.dstPort,
    seq: s.seq >>> 0,
    ack: s.ack >>> 0,
    flags: s.flags,
    window: s.window ?? 502,
    options: padded,
    payloadLength: payload.length,
    fillPayload: (buf, at) => buf.set(payload, at),
    ipId: s.ipId ?? 0,
    ttl: 64,
  });
}
