import { describe, expect, it } from 'vitest';
import { linkTypeName } from './link-types.ts';

describe('linkTypeName', () => {
  it.each([
    [0, 'LINKTYPE_NULL'],
    [1, 'LINKTYPE_ETHERNET'],
    [12, 'LINKTYPE_RAW (DLT_RAW)'],
    [101, 'LINKTYPE_RAW'],
    [108, 'LINKTYPE_LOOP'],
    [113, 'LINKTYPE_LINUX_SLL'],
    [127, 'LINKTYPE_IEEE802_11_RADIOTAP'],
    [228, 'LINKTYPE_IPV4'],
    [229, 'LINKTYPE_IPV6'],
    [276, 'LINKTYPE_LINUX_SLL2'],
    [4242, 'LINKTYPE 4242'],
  ])('%i is %s', (n, name) => {
    expect(linkTypeName(n)).toBe(name);
  });
});
