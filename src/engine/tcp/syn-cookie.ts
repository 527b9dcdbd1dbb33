/**
 * SYN cookies, the way Linux makes them (net/ipv4/syncookies.c, RFC 4987
 * §3.6): a listener answers a SYN with a SYN/ACK whose initial sequence
 * number encodes what it must remember — a keyed hash of the four-tuple and
 * the client's ISN, a minute counter, and the MSS (as an index into a table)
 * — and keeps nothing. The client's ACK echoes the ISN + 1; the listener
 * recomputes the hash, and only then creates the connection. Window scale
 * and SACK, which the ISN has no room for, ride in the low 6 bits of the
 * SYN/ACK's timestamp, which the client echoes (Linux cookie_init_timestamp).
 *
 * The keyed hash is `keyedHash32` (Linux uses SipHash); each cookie costs
 * two hashes, counted like every other hash.
 */
import { keyedHash32 } from '../crypto/keyed-hash.ts';
import type { IpAddress } from '../wire/ip-address.ts';

/** Linux's MSS values a cookie can say (msstab in net/ipv4/syncookies.c). */
export const COOKIE_MSS: readonly number[] = [536, 1300, 1440, 1460];

/** The minute counter goes into the top 8 bits; Linux accepts a cookie made this minute or the one before (MAX_SYNCOOKIE_AGE 2). */
const COOKIE_BITS = 24;
const COOKIE_MASK = (1 << COOKIE_BITS) - 1;
const MAX_AGE_MINUTES = 2;
const MINUTE_US = 60_000_000;

/** The connection a cookie is for, seen from the listener. */
export interface CookieTuple {
  local: IpAddress;
  localPort: number;
  remote: IpAddress;
  remotePort: number;
  /** The client's ISN (the SYN's sequence number). */
  clientIsn: number;
}


export class SynCookies {
  constructor(private readonly secret: Uint8Array) {}

  private hash(t: CookieTuple, count: number, which: 1 | 2): number {
    return keyedHash32(this.secret, [which, t.remote.bytes, t.local.bytes, (t.remotePort << 16) | t.localPort, count]);
  }

  /** The ISN that answers this SYN, and the MSS it stands for (the largest table entry not above the client's). */
  issue(t: CookieTuple, clientMss: number, nowUs: number): { isn: number; mss: number } {
    let index = COOKIE_MSS.length - 1;
    while (index > 0 && COOKIE_MSS[index]! > clientMss) index--;
    const count = Math.floor(nowUs / MINUTE_US);
    const h1 = this.hash(t, 0, 1);
    const h2 = this.hash(t, count, 2);
    const isn = (h1 + t.clientIsn + ((count << COOKIE_BITS) >>> 0) + ((h2 + index) & COOKIE_MASK)) >>> 0;
    return { isn, mss: COOKIE_MSS[index]! };
  }

  /** The MSS a returning ACK's cookie (`isn` = its ACK − 1) stands for, or null when it is not one of ours, or too old. */
  check(t: CookieTuple, isn: number, nowUs: number): { mss: number } | null {
    const h1 = this.hash(t, 0, 1);
    const rest = (isn - h1 - t.clientIsn) >>> 0;
    const count = Math.floor(nowUs / MINUTE_US);
    const age = (count - (rest >>> COOKIE_BITS)) & 0xff;
    if (age >= MAX_AGE_MINUTES) return null;
    const index = (rest - this.hash(t, count - age, 2)) & COOKIE_MASK;
    return index < COOKIE_MSS.length ? { mss: COOKIE_MSS[index]! } : null;
  }
}

/** What a SYN/ACK's timestamp carries for a cookie: the client's window scale and SACK permission. */
export interface CookieOptions {
  windowScale: number | null;
  sack: boolean;
}

/** A TSval not above `tsval` whose low 6 bits say the SYN's options (Linux cookie_init_timestamp). */
export function encodeCookieTimestamp(tsval: number, o: CookieOptions): number {
  const bits = (o.windowScale === null ? 0xf : Math.min(o.windowScale, 14)) | (o.sack ? 0x10 : 0);
  let ts = ((tsval & ~0x3f) | bits) >>> 0;
  if (ts > tsval) ts = (ts - 64) >>> 0;
  return ts;
}

/** The SYN's options from the TSecr the client echoed (Linux cookie_timestamp_decode). */
export function decodeCookieTimestamp(tsecr: number): CookieOptions {
  const w = tsecr & 0xf;
  return { windowScale: w === 0xf ? null : w, sack: (tsecr & 0x10) !== 0 };
}
