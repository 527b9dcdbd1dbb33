import { describe, expect, it } from 'vitest';
import { fromHex } from '../core/hex.ts';
import { linkLayerPayload } from './link-layer.ts';

const MAC2 = '020000000001 020000000002';
const IP4 = '45000014 00000000 40000000 0a000001 0a000002';
const IP6 = '60000000 00000000';

describe('linkLayerPayload', () => {
  it.each([
    // [name, linkType, frame hex, network, offset, etherType]
    ['Ethernet IPv4', 1, `${MAC2} 0800 ${IP4}`, 'ipv4', 14, 0x0800],
    ['Ethernet IPv6', 1, `${MAC2} 86dd ${IP6}`, 'ipv6', 14, 0x86dd],
    ['Ethernet ARP', 1, `${MAC2} 0806 0001`, 'other', 14, 0x0806],
    ['Ethernet 802.3 length field', 1, `${MAC2} 0026 aaaa03`, 'other', 14, null],
    ['802.1Q', 1, `${MAC2} 8100 0064 0800 ${IP4}`, 'ipv4', 18, 0x0800],
    ['QinQ 802.1ad + 802.1Q', 1, `${MAC2} 88a8 00c8 8100 0064 86dd ${IP6}`, 'ipv6', 22, 0x86dd],
    ['three stacked tags', 1, `${MAC2} 9100 0001 88a8 0002 8100 0003 0800 ${IP4}`, 'ipv4', 26, 0x0800],
    ['LINKTYPE_RAW v4', 101, IP4, 'ipv4', 0, null],
    ['LINKTYPE_RAW v6', 101, IP6, 'ipv6', 0, null],
    ['LINKTYPE_RAW junk', 101, '1f00', 'other', 0, null],
    ['DLT 12 raw', 12, IP6, 'ipv6', 0, null],
    ['DLT 14 raw', 14, IP4, 'ipv4', 0, null],
    ['LINKTYPE_IPV4', 228, IP4, 'ipv4', 0, null],
    ['LINKTYPE_IPV6', 229, IP6, 'ipv6', 0, null],
    // SLL: packet type, ARPHRD, address length, 8-byte address, protocol
    ['SLL IPv4', 113, `0000 0001 0006 020000000001 0000 0800 ${IP4}`, 'ipv4', 16, 0x0800],
    ['SLL IPv6', 113, `0004 0001 0006 020000000001 0000 86dd ${IP6}`, 'ipv6', 16, 0x86dd],
    ['SLL VLAN', 113, `0000 0001 0006 020000000001 0000 8100 0005 0800 ${IP4}`, 'ipv4', 20, 0x0800],
    ['SLL netlink', 113, `0000 0338 0000 0000000000000000 0000 ${IP4}`, 'other', 16, null],
    // SLL2: protocol, reserved, ifindex, ARPHRD, packet type, address length, 8-byte address
    ['SLL2 IPv4', 276, `0800 0000 00000002 0001 00 06 020000000001 0000 ${IP4}`, 'ipv4', 20, 0x0800],
    ['SLL2 IPv6', 276, `86dd 0000 00000002 0001 04 06 020000000001 0000 ${IP6}`, 'ipv6', 20, 0x86dd],
    // BSD loopback: host byte order for NULL, network order for LOOP
    ['NULL little-endian AF_INET', 0, `02000000 ${IP4}`, 'ipv4', 4, null],
    ['NULL big-endian AF_INET', 0, `00000002 ${IP4}`, 'ipv4', 4, null],
    ['NULL little-endian AF_INET6 (NetBSD 24)', 0, `18000000 ${IP6}`, 'ipv6', 4, null],
    ['NULL big-endian AF_INET6 (FreeBSD 28)', 0, `0000001c ${IP6}`, 'ipv6', 4, null],
    ['NULL little-endian AF_INET6 (Darwin 30)', 0, `1e000000 ${IP6}`, 'ipv6', 4, null],
    ['NULL other family', 0, '07000000 00', 'other', 4, null],
    ['LOOP AF_INET', 108, `00000002 ${IP4}`, 'ipv4', 4, null],
    ['LOOP AF_INET6', 108, `00000018 ${IP6}`, 'ipv6', 4, null],
    ['LOOP little-endian is not IPv4', 108, `02000000 ${IP4}`, 'other', 4, null],
  ] as const)('%s', (_name, linkType, hex, network, offset, etherType) => {
    expect(linkLayerPayload(linkType, fromHex(hex))).toEqual({ ok: true, value: { network, offset, etherType } });
  });

  it.each([
    ['Ethernet', 1, `${MAC2} 08`, 14],
    ['VLAN tag cut', 1, `${MAC2} 8100 00`, 18],
    ['second VLAN tag cut', 1, `${MAC2} 88a8 00c8 8100 00`, 22],
    ['raw, empty', 101, '', 1],
    ['SLL', 113, '0000 0001 0006', 16],
    ['SLL2', 276, '0800 0000', 20],
    ['NULL', 0, '0200', 4],
    ['LOOP', 108, '', 4],
  ] as const)('a frame too short for its %s header is WIRE_TRUNCATED', (_name, linkType, hex, need) => {
    const r = linkLayerPayload(linkType, fromHex(hex));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('WIRE_TRUNCATED');
      expect(r.error.message).toContain(`its ${need}-byte link header`);
    }
  });

  it('names unsupported link types', () => {
    const wifi = linkLayerPayload(105, fromHex('0000'));
    expect(wifi.ok).toBe(false);
    if (!wifi.ok) {
      expect(wifi.error.code).toBe('CAPTURE_UNSUPPORTED_LINKTYPE');
      expect(wifi.error.message).toMatch(/^link type 105 \(LINKTYPE_IEEE802_11\) is not supported/);
    }
    const odd = linkLayerPayload(64999, new Uint8Array(4));
    if (!odd.ok) expect(odd.error.message).toMatch(/^link type 64999 \(LINKTYPE 64999\)/);
    expect(odd.ok).toBe(false);
  });
});
