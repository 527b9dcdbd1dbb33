/**
 * Dissects one captured frame into a field tree over its bytes: link layer,
 * IP, TCP with every option field by field, payload. Problems are attached
 * to the fields they concern and listed.
 */
import { internetChecksum } from '../../wire/checksum.ts';
import { computeTcpChecksum } from '../../wire/checksum.ts';
import type { MptcpDecodeContext } from '../../wire/mptcp/types.ts';
import { decodePacket } from '../../wire/packet.ts';
import { linkLayerPayload } from '../../pcap/link-layer.ts';
import { field, type FieldNode } from './field.ts';
import { ipv4Fields, ipv6Fields, linkFields } from './network-fields.ts';
import { tcpFields } from './tcp-fields.ts';

export interface FrameDissection {
  layers: FieldNode[];
  problems: { code: string; message: string; offset: number }[];
  /** The frame was cut by the capture's snap length. */
  cut: boolean;
}

export function dissectFrame(linkType: number, bytes: Uint8Array, originalLength: number, ctx: MptcpDecodeContext = {}): FrameDissection {
  const cut = bytes.length < originalLength;
  const layers: FieldNode[] = [field('Frame', `${bytes.length} bytes captured${cut ? ` of ${originalLength} (cut by the snap length)` : ''}`, 0, bytes.length, { kind: 'layer' })];
  const problems: FrameDissection['problems'] = [];
  const link = linkLayerPayload(linkType, bytes);
  if (!link.ok) {
    problems.push({ code: link.error.code, message: link.error.message, offset: 0 });
    return { layers, problems, cut };
  }
  const at = link.value.offset;
  if (at > 0) layers.push(linkFields(linkType, bytes, at));
  if (link.value.network === 'other') {
    layers.push(field('Payload (not IP)', `${bytes.length - at} bytes`, at, bytes.length - at, { kind: 'layer' }));
    return { layers, problems, cut };
  }
  const ipBytes = bytes.subarray(at);
  const d = decodePacket(ipBytes, ctx);
  if (!d.ok) {
    problems.push({ code: d.error.code, message: d.error.message, offset: at + (d.error.offset ?? 0) });
    layers.push(field('Undecodable network layer', d.error.message, at, bytes.length - at, { problem: d.error.message }));
    return { layers, problems, cut };
  }
  const p = d.value;
  for (const pr of p.problems) problems.push({ code: pr.code, message: pr.message, offset: at + pr.offset });
  if (p.ip.version === 4) layers.push(ipv4Fields(p.ip, at, internetChecksum(ipBytes, 0, p.ipHeaderLength) === 0));
  else layers.push(ipv6Fields(p.ip, at));
  if (p.tcp) {
    const segEnd = p.payloadOffset + p.payloadLength;
    const checksumOk = cut || p.truncated ? null : computeTcpChecksum(p.ip.src, p.ip.dst, ipBytes.subarray(p.tcpOffset, segEnd)) === p.tcp.header.checksum;
    layers.push(tcpFields(p.tcp, at + p.tcpOffset, bytes, p.payloadLengthOnWire, checksumOk));
  }
  if (p.payloadLength > 0) {
    layers.push(field('Payload', `${p.payloadLength} bytes${p.payloadLengthOnWire > p.payloadLength ? ` of ${p.payloadLengthOnWire}` : ''}`, at + p.payloadOffset, p.payloadLength, { kind: 'layer' }));
  }
  return { layers, problems, cut };
}
