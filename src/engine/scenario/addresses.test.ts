import { describe, expect, it } from 'vitest';
import { ADDRESS_FORMAT, CIDR_FORMAT, parseCidr } from './addresses.ts';

describe('interface addresses (CIDR)', () => {
  const good: [string, number, number][] = [
    ['198.18.1.1/24', 4, 24],
    ['198.18.1.1/32', 4, 32],
    ['2001:db8:1::1/64', 6, 64],
    ['2001:DB8::1/128', 6, 128],
    ['::ffff:198.18.1.1/96', 6, 96],
  ];
  for (const [text, family, prefixLength] of good) {
    it(`${text} is fine`, () => {
      const r = parseCidr(text);
      expect(r.ok && [r.cidr.address.family, r.cidr.prefixLength]).toEqual([family, prefixLength]);
    });
  }
  const bad: [string, string][] = [
    ['198.18.1.1', 'the prefix length ("/24", "/64") is missing'],
    ['198.18.1.1/33', 'the prefix length 33 is not from 1 to 32 (IPv4)'],
    ['198.18.1.1/0', 'the prefix length 0 is not from 1 to 32 (IPv4)'],
    ['2001:db8::1/129', 'the prefix length 129 is not from 1 to 128 (IPv6)'],
    ['198.18.1.1/024', 'the prefix length must be a whole number from 1 to 32'],
    ['198.18.1.1/', 'the prefix length must be a whole number from 1 to 32'],
    ['198.18.1.256/24', 'it is neither dotted IPv4 nor IPv6 text'],
    ['198.018.1.1/24', 'an IPv4 number has a leading zero'],
    ['2001:db8::1::2/64', 'it is neither dotted IPv4 nor IPv6 text'],
    ['fe80::1%eth0/64', 'it is neither dotted IPv4 nor IPv6 text'],
    ['0.0.0.0/8', 'it is the unspecified address, and an interface needs a unicast address'],
    ['127.0.0.1/8', 'it is a loopback address, and an interface needs a unicast address'],
    ['224.0.0.1/24', 'it is a multicast address, and an interface needs a unicast address'],
    ['255.255.255.255/32', 'it is the broadcast address, and an interface needs a unicast address'],
    ['::1/128', 'it is the loopback address, and an interface needs a unicast address'],
    ['ff02::1/64', 'it is a multicast address, and an interface needs a unicast address'],
  ];
  for (const [text, why] of bad) {
    it(`${text}: ${why}`, () => expect(CIDR_FORMAT.check(text)).toBe(why));
  }
  it('bare addresses refuse a prefix', () => {
    expect(ADDRESS_FORMAT.check('198.18.1.1')).toBe(null);
    expect(ADDRESS_FORMAT.check('2001:db8::2')).toBe(null);
    expect(ADDRESS_FORMAT.check('198.18.1.1/24')).toBe('leave out the prefix length here');
  });
  it('the published patterns admit every address the check accepts', () => {
    for (const [text] of good) expect(new RegExp(CIDR_FORMAT.pattern, 'u').test(text)).toBe(true);
    expect(new RegExp(ADDRESS_FORMAT.pattern, 'u').test('::ffff:198.18.1.1')).toBe(true);
  });
});
