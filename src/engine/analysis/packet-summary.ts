/**
 * The columns of a packet list, Wireshark style, from a decoded packet.
 */
import { formatIp } from '../wire/ip-address.ts';
import { describeMptcpOption } from '../wire/mptcp/describe.ts';
import type { DecodedPacket } from '../wire/packet.ts';
import { tcpFlagsText } from '../wire/tcp-header.ts';
import { isMptcpOption } from '../wire/tcp-options.ts';

export interface PacketRow {
  frame: number;
  /** Seconds since the first packet of the capture. */
  time: number;
  source: string;
  destination: string;
  protocol: string;
  length: number;
  info: string;
  /** Names of the MPTCP options it carries, e.g. ["DSS", "ADD_ADDR"]. */
  mptcp: string[];
  /** Index of the MPTCP connection in the report, when it belongs to one. */
  connection: number | null;
  /** Something is wrong with it (malformed option, bad HMAC, cut short). */
  problem: boolean;
}

const PROTOCOL_NAMES: Readonly<Record<number, string>> = { 1: 'ICMP', 6: 'TCP', 17: 'UDP', 58: 'ICMPv6' };

export function summarizeDecoded(d: DecodedPacket): Pick<PacketRow, 'source' | 'destination' | 'protocol' | 'info' | 'mptcp'> {
  const source = formatIp(d.ip.src);
  const destination = formatIp(d.ip.dst);
  const tcp = d.tcp;
  if (!tcp) {
    const protocol = PROTOCOL_NAMES[d.protocol] ?? `IPv${d.ip.version} proto ${d.protocol}`;
    return { source, destination, protocol, info: d.problems[0]?.message ?? protocol, mptcp: [] };
  }
  const h = tcp.header;
  const mp = h.options.filter(isMptcpOption);
  const names = [...new Set(mp.map((o) => describeMptcpOption(o).split(' ')[0]!))];
  const flags = tcpFlagsText(h.flags);
  let info = `${h.srcPort} → ${h.dstPort} [${flags}] Seq=${h.seq}${h.flags & 0x10 ? ` Ack=${h.ack}` : ''} Win=${h.window} Len=${d.payloadLengthOnWire}`;
  if (mp.length) info += ` · ${mp.map(describeMptcpOption).join(' · ')}`;
  if (h.options.some((o) => o.kind === 'malformed')) info += ' · [malformed option]';
  return { source, destination, protocol: mp.length ? 'MPTCP' : 'TCP', info, mptcp: names };
}
