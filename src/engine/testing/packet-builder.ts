/**
 * Builds byte-exact IPv4/TCP packets and raw-IP captures for tests, with
 * lengths and checksums filled in.
 */
import { parseIp, type IpAddress } from '../wire/ip-address.ts';
import { encodeTcpPacket } from '../wire/packet.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import { tcpOptionsByteLength, type TcpOption } from '../wire/tcp-options.ts';
import { writePcap } from '../pcap/pcap-writer.ts';
import { LINKTYPE_RAW } from '../pcap/link-types.ts';

export { TCP_FLAG };

export interface SegmentSpec {
  from: string; // "198.18.1.1:40000"
  to: string;
  flags: number;
  seq?: number;
  ack?: number;
  options?: TcpOption[];
  payload?: Uint8Array;
}

function endpoint(text: string): { addr: IpAddress; port: number } {
  const i = text.lastIndexOf(':');
  const addr = parseIp(text.slice(0, i).replace(/^\[|\]$/g, ''));
  if (!addr) throw new Error(`bad endpoint ${text}`);
  return { addr, port: Number(text.slice(i + 1)) };
}

/** Pads options to a multiple of 4 bytes with NOPs in front, as Linux does. */
function padded(options: TcpOption[]): TcpOption[] {
  const pad = (4 - (tcpOptionsByteLength(options) % 4)) % 4;
  return [...Array.from({ length: pad }, () => ({ kind: 'nop' as const })), ...options];
}

export function segment(s: SegmentSpec): Uint8Array {
  const a = endpoint(s.from);
  const b = endpoint(s.to);
  return encodeTcpPacket(
    {
      ip: { version: 4, tos: 0, totalLength: 0, identification: 0, flags: 2, fragmentOffset: 0, ttl: 64, protocol: 6, checksum: 0, src: a.addr, dst: b.addr, options: new Uint8Array(0) },
      tcp: {
        srcPort: a.port,
        dstPort: b.port,
        seq: s.seq ?? 1000,
        ack: s.ack ?? 0,
        flags: s.flags,
        reserved: 0,
        window: 65535,
        checksum: 0,
        urgentPointer: 0,
        options: padded(s.options ?? []),
      },
      payload: s.payload ?? new Uint8Array(0),
    },
    { fillLengths: true, fillChecksums: true },
  );
}

/** A raw-IP pcap of the packets, 1 ms apart. */
export function rawIpCapture(packets: Uint8Array[]): Uint8Array {
  return writePcap(
    packets.map((data, i) => ({ tsSec: 1_700_000_000, tsNsec: i * 1_000_000, data })),
    { linkType: LINKTYPE_RAW },
  );
}
