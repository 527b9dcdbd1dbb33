/**
 * Map keys for IP addresses, read straight from packet bytes on the
 * forwarding path (no decoding).
 */
import type { IpAddress } from '../wire/ip-address.ts';

export function addressKey(a: IpAddress): string {
  return keyOf(a.bytes, 0, a.bytes.length);
}

function keyOf(b: Uint8Array, at: number, len: number): string {
  if (len === 4) return String(((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0);
  let s = '6:';
  for (let i = 0; i < 16; i++) s += b[at + i]!.toString(16).padStart(2, '0');
  return s;
}

/** Key of a packet's destination address (IPv4 or IPv6 by the version nibble). */
export function destinationKey(pkt: Uint8Array): string | null {
  const v = pkt[0]! >> 4;
  if (v === 4 && pkt.length >= 20) return keyOf(pkt, 16, 4);
  if (v === 6 && pkt.length >= 40) return keyOf(pkt, 24, 16);
  return null;
}

export function sourceKey(pkt: Uint8Array): string | null {
  const v = pkt[0]! >> 4;
  if (v === 4 && pkt.length >= 20) return keyOf(pkt, 12, 4);
  if (v === 6 && pkt.length >= 40) return keyOf(pkt, 8, 16);
  return null;
}
