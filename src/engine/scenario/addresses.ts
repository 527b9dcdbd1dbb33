/**
 * Address text in scenarios: interface addresses are CIDR ("198.18.1.1/24",
 * "2001:db8:1::1/64"); addresses that point at an interface (traffic
 * destinations, path-manager endpoints, NAT public addresses) are bare.
 * Both must be unicast addresses a host could own.
 */
import { formatIp, parseIp, type IpAddress } from '../wire/ip-address.ts';
import type { StringFormat } from './schema-dsl.ts';

export interface Cidr {
  address: IpAddress;
  prefixLength: number;
}

/** The address, or why the text is not one a host could own. */
export function parseHostAddress(text: string): { ok: true; address: IpAddress } | { ok: false; why: string } {
  const address = parseIp(text);
  if (!address) return { ok: false, why: 'it is neither dotted IPv4 nor IPv6 text' };
  // parseIp accepts "01" octets; they read as octal in some tools, so refuse them.
  if (address.family === 4 && text.split('.').some((p) => p.length > 1 && p.startsWith('0'))) {
    return { ok: false, why: 'an IPv4 number has a leading zero' };
  }
  const kind = unusable(address);
  return kind ? { ok: false, why: `it is ${kind}, and an interface needs a unicast address` } : { ok: true, address };
}

/** Why no interface may own `a` (unspecified, loopback, multicast, broadcast), or null. */
function unusable(a: IpAddress): string | null {
  const b = a.bytes;
  if (b.every((x) => x === 0)) return 'the unspecified address';
  if (a.family === 4) {
    if (b[0] === 127) return 'a loopback address';
    if (b[0]! >= 224 && b[0]! <= 239) return 'a multicast address';
    if (b.every((x) => x === 255)) return 'the broadcast address';
    return null;
  }
  if (b[0] === 0xff) return 'a multicast address';
  if (b.slice(0, 15).every((x) => x === 0) && b[15] === 1) return 'the loopback address';
  return null;
}

export function parseCidr(text: string): { ok: true; cidr: Cidr } | { ok: false; why: string } {
  const slash = text.indexOf('/');
  if (slash < 0) return { ok: false, why: 'the prefix length ("/24", "/64") is missing' };
  const host = parseHostAddress(text.slice(0, slash));
  if (!host.ok) return host;
  const lengthText = text.slice(slash + 1);
  const max = host.address.family === 4 ? 32 : 128;
  if (!/^(0|[1-9][0-9]{0,2})$/.test(lengthText)) return { ok: false, why: `the prefix length must be a whole number from 1 to ${max}` };
  const prefixLength = Number(lengthText);
  if (prefixLength < 1 || prefixLength > max) {
    return { ok: false, why: `the prefix length ${prefixLength} is not from 1 to ${max} (IPv${host.address.family})` };
  }
  return { ok: true, cidr: { address: host.address, prefixLength } };
}

/** A key equal for equal addresses, whatever their spelling ("2001:db8::1" = "2001:DB8:0::1"). */
export function addressKey(a: IpAddress): string {
  return `${a.family}/${formatIp(a)}`;
}

export const CIDR_FORMAT: StringFormat = {
  name: 'cidr',
  expected: 'an address with a prefix length, like 198.18.1.1/24 or 2001:db8:1::1/64',
  pattern: '^[0-9A-Fa-f:.]+/[0-9]{1,3}$',
  check: (text) => {
    const r = parseCidr(text);
    return r.ok ? null : r.why;
  },
};

export const ADDRESS_FORMAT: StringFormat = {
  name: 'ip-address',
  expected: 'an address without a prefix length, like 198.18.1.1 or 2001:db8:1::1',
  pattern: '^[0-9A-Fa-f:.]+$',
  check: (text) => {
    if (text.includes('/')) return 'leave out the prefix length here';
    const r = parseHostAddress(text);
    return r.ok ? null : r.why;
  },
};
