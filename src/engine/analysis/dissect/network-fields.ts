/**
 * Field trees for the link layer, IPv4 and IPv6.
 */
import { formatIp } from '../../wire/ip-address.ts';
import type { Ipv4Header } from '../../wire/ipv4.ts';
import type { Ipv6Header } from '../../wire/ipv6.ts';
import { linkTypeName } from '../../pcap/link-types.ts';
import { field, hexBytes, type FieldNode } from './field.ts';

const mac = (b: Uint8Array, at: number) => Array.from(b.subarray(at, at + 6), (x) => x.toString(16).padStart(2, '0')).join(':');
const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const hex16 = (v: number) => `0x${v.toString(16).padStart(4, '0')}`;

/** The link header, bytes [0, networkOffset). */
export function linkFields(linkType: number, b: Uint8Array, networkOffset: number): FieldNode {
  const children: FieldNode[] = [];
  let name = linkTypeName(linkType);
  let value = '';
  if (linkType === 1 && networkOffset >= 14) {
    name = 'Ethernet II';
    value = `Src: ${mac(b, 6)}, Dst: ${mac(b, 0)}`;
    children.push(field('Destination', mac(b, 0), 0, 6), field('Source', mac(b, 6), 6, 6));
    for (let p = 12; p + 2 <= networkOffset; p += 4) {
      const t = u16(b, p);
      if (p + 2 === networkOffset) children.push(field('Type', hex16(t), p, 2));
      else children.push(field(`VLAN tag (${hex16(t)})`, `ID ${u16(b, p + 2) & 0xfff}, priority ${b[p + 2]! >> 5}`, p, 4));
    }
  } else if (linkType === 276 && networkOffset >= 20) {
    name = 'Linux cooked capture v2';
    value = `${packetType(b[10]!)}, interface ${((b[4]! << 24) | (b[5]! << 16) | (b[6]! << 8) | b[7]!) >>> 0}`;
    children.push(
      field('Protocol', hex16(u16(b, 0)), 0, 2),
      field('Interface index', String(((b[4]! << 24) | (b[5]! << 16) | (b[6]! << 8) | b[7]!) >>> 0), 4, 4),
      field('Link-layer address type', String(u16(b, 8)), 8, 2),
      field('Packet type', packetType(b[10]!), 10, 1),
      field('Link-layer address', hexBytes(b, 12, 12 + Math.min(8, b[11]!)), 12, 8),
    );
  } else if (linkType === 113 && networkOffset >= 16) {
    name = 'Linux cooked capture v1';
    value = packetType(u16(b, 0));
    children.push(
      field('Packet type', packetType(u16(b, 0)), 0, 2),
      field('Link-layer address type', String(u16(b, 2)), 2, 2),
      field('Link-layer address', hexBytes(b, 6, 6 + Math.min(8, u16(b, 4))), 6, 8),
      field('Protocol', hex16(u16(b, 14)), 14, 2),
    );
  } else if (networkOffset > 0) {
    children.push(field('Header', hexBytes(b, 0, networkOffset), 0, networkOffset));
  }
  return field(name, value, 0, networkOffset, { kind: 'layer', children });
}

function packetType(t: number): string {
  return ['to us', 'broadcast', 'multicast', 'to another host', 'sent by us'][t] ?? String(t);
}

export function ipv4Fields(h: Ipv4Header, at: number, checksumOk: boolean): FieldNode {
  const ihl = 20 + h.options.length;
  const children = [
    field('Version', '4', at, 1, { mask: 0xf0 }),
    field('Header length', `${ihl} bytes`, at, 1, { mask: 0x0f }),
    field('DSCP / ECN', `0x${h.tos.toString(16).padStart(2, '0')}`, at + 1, 1),
    field('Total length', String(h.totalLength), at + 2, 2),
    field('Identification', hex16(h.identification), at + 4, 2),
    field('Flags', `${h.flags & 2 ? "Don't fragment" : ''}${h.flags & 1 ? ' More fragments' : ''}`.trim() || 'none', at + 6, 1, { mask: 0xe0 }),
    field('Fragment offset', String(h.fragmentOffset * 8), at + 6, 2, { mask: 0x1fff }),
    field('Time to live', String(h.ttl), at + 8, 1),
    field('Protocol', h.protocol === 6 ? '6 (TCP)' : String(h.protocol), at + 9, 1),
    field('Header checksum', hex16(h.checksum), at + 10, 2, checksumOk ? {} : { note: 'incorrect (often checksum offload in captures)' }),
    field('Source', formatIp(h.src), at + 12, 4),
    field('Destination', formatIp(h.dst), at + 16, 4),
  ];
  if (h.options.length) children.push(field('Options', hexBytes(h.options, 0, h.options.length), at + 20, h.options.length));
  return field('Internet Protocol version 4', `${formatIp(h.src)} → ${formatIp(h.dst)}`, at, ihl, { kind: 'layer', children });
}

export function ipv6Fields(h: Ipv6Header, at: number): FieldNode {
  const children = [
    field('Version', '6', at, 1, { mask: 0xf0 }),
    field('Traffic class', `0x${h.trafficClass.toString(16).padStart(2, '0')}`, at, 2, { mask: 0x0ff0 }),
    field('Flow label', `0x${h.flowLabel.toString(16).padStart(5, '0')}`, at + 1, 3, { mask: 0x0fffff }),
    field('Payload length', String(h.payloadLength), at + 4, 2),
    field('Next header', String(h.nextHeader), at + 6, 1),
    field('Hop limit', String(h.hopLimit), at + 7, 1),
    field('Source', formatIp(h.src), at + 8, 16),
    field('Destination', formatIp(h.dst), at + 24, 16),
  ];
  let p = at + 40;
  for (const e of h.extensions) {
    children.push(field(`Extension header ${e.type}`, `${e.bytes.length} bytes`, p, e.bytes.length));
    p += e.bytes.length;
  }
  return field('Internet Protocol version 6', `${formatIp(h.src)} → ${formatIp(h.dst)}`, at, p - at, { kind: 'layer', children });
}
