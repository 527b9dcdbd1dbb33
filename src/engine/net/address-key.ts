/**
 * Map keys for IP addresses, read straight from packet bytes on the
 * forwarding path (no decoding).
 */
import type { IpAddress } from '../wire/ip-address.ts';

export function addressKey(a: IpAddress): string {
  return keyOf(a.bytes, 0, a.bytes.length);
}

const word = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

/** IPv4 keys already made: every packet is keyed several times at each hop, and a lookup is cheaper than formatting. */
const V4_KEYS = new Map<number, string>();
const V4_KEYS_LIMIT = 4096;

function v4Key(n: number): string {
  let k = V4_KEYS.get(n);
  if (k === undefined) {
    if (V4_KEYS.size >= V4_KEYS_LIMIT) V4_KEYS.clear();
    V4_KEYS.set(n, (k = String(n)));
  }
  return k;
}

// Four decimal words for IPv6 are a third of the cost of 32 hex digits.
function keyOf(b: Uint8Array, at: number, len: number): string {
  if (len === 4) return v4Key(word(b, at));
  return `6:${word(b, at)}:${word(b, at + 4)}:${word(b, at + 8)}:${word(b, at + 12)}`;
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
