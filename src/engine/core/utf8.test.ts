import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Bytes } from './utf8.ts';

describe('utf8Bytes', () => {
  it('encodes as TextEncoder does, surrogate pairs and lone surrogates included', () => {
    for (const s of ['', 'link-a', 'dropped: queue', 'é', '→', '😀', '\ud800', 'a\udc00b']) expect(utf8Bytes(s)).toEqual(new TextEncoder().encode(s));
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect([...utf8Bytes(s)]).toEqual([...new TextEncoder().encode(s)]);
      }),
    );
  });
});
