import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipv6Address } from '../testing/arbitraries.ts';
import { formatEndpoint, formatIp, formatIpv6, parseIp } from './ip-address.ts';

describe('RFC 5952 text for IPv6', () => {
  const cases: [string, string][] = [
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // first of two equal runs
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group is not compressed
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['2001:DB8:1:0:0:0:0:0', '2001:db8:1::'],
    ['::ffff:198.18.1.1', '::ffff:198.18.1.1'],
    ['2001:db8:0:0:0:1:0:0', '2001:db8::1:0:0'],
  ];
  for (const [input, text] of cases) {
    it(`${input} -> ${text}`, () => expect(formatIp(parseIp(input)!)).toBe(text));
  }
  it('endpoints put IPv6 in brackets', () => {
    expect(formatEndpoint(parseIp('2001:db8::1')!, 57010)).toBe('[2001:db8::1]:57010');
    expect(formatEndpoint(parseIp('198.18.1.1')!, 8080)).toBe('198.18.1.1:8080');
  });
  it('parse(format(a)) = a', () => {
    fc.assert(fc.property(ipv6Address, (a) => {
      expect(parseIp(formatIpv6(a.bytes))!.bytes).toEqual(a.bytes);
    }), { numRuns: 2000 });
  });
  it('rejects what is not an address', () => {
    for (const bad of ['', '1.2.3', '256.1.1.1', '1::2::3', 'g::1', '1:2:3:4:5:6:7:8:9']) expect(parseIp(bad)).toBe(null);
  });
});
