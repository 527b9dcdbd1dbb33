import { dataError } from '../core/errors.ts';
import type { Result } from '../core/errors.ts';
import {
  DLT_RAW_12,
  DLT_RAW_14,
  LINKTYPE_ETHERNET,
  LINKTYPE_IPV4,
  LINKTYPE_IPV6,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_LOOP,
  LINKTYPE_NULL,
  LINKTYPE_RAW,
  linkTypeName,
} from './link-types.ts';

/** Where the network layer starts inside a captured frame. */
export interface LinkPayload {
  network: 'ipv4' | 'ipv6' | 'other';
  /** Offset of the network header in the frame. */
  offset: number;
  /** The EtherType (or SLL protocol) that named the payload; null for link types without one. */
  etherType: number | null;
}

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = 0x8100; // IEEE 802.1Q
const ETHERTYPE_QINQ = 0x88a8; // IEEE 802.1ad service tag
const ETHERTYPE_QINQ_OLD = 0x9100; // pre-standard QinQ, still seen
const ARPHRD_NETLINK = 824; // SLL on a netlink socket: the protocol field is a netlink family

// BSD address families for IPv6 differ by OS (NetBSD/OpenBSD 24, FreeBSD 28, Darwin 30).
const AF_INET = 2;
const AF_INET6 = new Set([24, 28, 30]);

const truncated = (linkType: number, need: number, have: number): Result<LinkPayload> => ({
  ok: false,
  error: dataError('WIRE_TRUNCATED', `${linkTypeName(linkType)} frame of ${have} bytes is shorter than its ${need}-byte link header`, have),
});

const ok = (network: LinkPayload['network'], offset: number, etherType: number | null): Result<LinkPayload> => ({
  ok: true,
  value: { network, offset, etherType },
});

const u16 = (d: Uint8Array, i: number): number => (d[i]! << 8) | d[i + 1]!;

/**
 * Finds the network-layer header inside a frame of the given link type.
 * Errors: CAPTURE_UNSUPPORTED_LINKTYPE for link types not handled here,
 * WIRE_TRUNCATED for a frame shorter than its link header.
 *
 * @example
 * const r = linkLayerPayload(LINKTYPE_ETHERNET, frame);
 * if (r.ok && r.value.network === 'ipv4') decodeIpv4(frame.subarray(r.value.offset));
 */
export function linkLayerPayload(linkType: number, data: Uint8Array): Result<LinkPayload> {
  switch (linkType) {
    case LINKTYPE_ETHERNET:
      return ethernet(data);
    case LINKTYPE_RAW:
    case DLT_RAW_12:
    case DLT_RAW_14: {
      if (data.length < 1) return truncated(linkType, 1, 0);
      const version = data[0]! >> 4;
      return ok(version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : 'other', 0, null);
    }
    case LINKTYPE_IPV4:
      return ok('ipv4', 0, null);
    case LINKTYPE_IPV6:
      return ok('ipv6', 0, null);
    case LINKTYPE_LINUX_SLL: {
      // 16-byte cooked header; the protocol (an EtherType for IP) sits last.
      if (data.length < 16) return truncated(linkType, 16, data.length);
      if (u16(data, 2) === ARPHRD_NETLINK) return ok('other', 16, null);
      return fromEtherType(data, u16(data, 14), 16, linkType);
    }
    case LINKTYPE_LINUX_SLL2: {
      // 20-byte cooked header v2; the protocol comes first.
      if (data.length < 20) return truncated(linkType, 20, data.length);
      if (u16(data, 8) === ARPHRD_NETLINK) return ok('other', 20, null);
      return fromEtherType(data, u16(data, 0), 20, linkType);
    }
    case LINKTYPE_NULL:
    case LINKTYPE_LOOP: {
      if (data.length < 4) return truncated(linkType, 4, data.length);
      let family = ((data[0]! << 24) | (data[1]! << 16) | (data[2]! << 8) | data[3]!) >>> 0;
      // NULL stores the family in the capturing host's byte order: families are
      // small, so a value with high bits set was written little-endian.
      if (linkType === LINKTYPE_NULL && (family & 0xffff0000) !== 0) {
        family = (data[0]! | (data[1]! << 8) | (data[2]! << 16) | (data[3]! << 24)) >>> 0;
      }
      if (family === AF_INET) return ok('ipv4', 4, null);
      if (AF_INET6.has(family)) return ok('ipv6', 4, null);
      return ok('other', 4, null);
    }
    default:
      return {
        ok: false,
        error: dataError('CAPTURE_UNSUPPORTED_LINKTYPE', `link type ${linkType} (${linkTypeName(linkType)}) is not supported; supported: Ethernet, raw IP, IPv4, IPv6, Linux SLL and SLL2, BSD NULL and LOOP`),
      };
  }
}

function ethernet(data: Uint8Array): Result<LinkPayload> {
  if (data.length < 14) return truncated(LINKTYPE_ETHERNET, 14, data.length);
  return fromEtherType(data, u16(data, 12), 14, LINKTYPE_ETHERNET);
}

const isVlanTag = (type: number): boolean =>
  type === ETHERTYPE_VLAN || type === ETHERTYPE_QINQ || type === ETHERTYPE_QINQ_OLD;

/** Classifies the payload at `off` named by `type`, stepping over any stack of VLAN tags. */
function fromEtherType(data: Uint8Array, type: number, off: number, linkType: number): Result<LinkPayload> {
  while (isVlanTag(type)) {
    // Each tag is TCI (2 bytes) then the next EtherType (2 bytes).
    if (data.length < off + 4) return truncated(linkType, off + 4, data.length);
    type = u16(data, off + 2);
    off += 4;
  }
  if (type === ETHERTYPE_IPV4) return ok('ipv4', off, type);
  if (type === ETHERTYPE_IPV6) return ok('ipv6', off, type);
  // Values up to 1500 are 802.3 lengths (or SLL pseudo-protocols), not EtherTypes.
  return ok('other', off, type >= 0x0600 ? type : null);
}
