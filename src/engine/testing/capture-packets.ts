/**
 * Captures (Linux's or the engine's) as lists of TCP packets with their
 * flow and options, and an option "shape" for comparing the two.
 */
import { CaptureReader } from '../pcap/reader.ts';
import { linkLayerPayload } from '../pcap/link-layer.ts';
import { mptcpOptionByteLength } from '../wire/mptcp/mptcp-option.ts';
import { decodePacket } from '../wire/packet.ts';
import { isMptcpOption, type TcpOption } from '../wire/tcp-options.ts';

export interface CapturedTcp {
  /** The same text for both directions of a TCP connection. */
  flow: string;
  /** Sent by whoever sent the flow's first packet. */
  fromClient: boolean;
  flags: number;
  payloadLength: number;
  options: readonly TcpOption[];
}

export function tcpPackets(file: Uint8Array): CapturedTcp[] {
  const out: CapturedTcp[] = [];
  const firstSender = new Map<string, string>();
  new CaptureReader({
    packet: (p) => {
      const l = linkLayerPayload(p.linkType, p.data);
      if (!l.ok || l.value.network === 'other') return;
      const d = decodePacket(p.data.subarray(l.value.offset), { version: 1 });
      if (!d.ok || !d.value.tcp) return;
      const h = d.value.tcp.header;
      const a = `${[...d.value.ip.src.bytes]}:${h.srcPort}`;
      const b = `${[...d.value.ip.dst.bytes]}:${h.dstPort}`;
      const flow = a < b ? `${a}|${b}` : `${b}|${a}`;
      if (!firstSender.has(flow)) firstSender.set(flow, a);
      out.push({ flow, fromClient: firstSender.get(flow) === a, flags: h.flags, payloadLength: d.value.payloadLength, options: h.options });
    },
  }).push(file);
  return out;
}

/** "nop nop timestamps dss:8 remove-addr:4": option kinds, MPTCP ones with their lengths. */
export const optionShape = (p: CapturedTcp): string => p.options.map((o) => (isMptcpOption(o) ? `${o.kind}:${mptcpOptionByteLength(o)}` : o.kind)).join(' ');
