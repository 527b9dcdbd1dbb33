import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHex, toHex } from '../core/hex.ts';
import { PcapWriter, writePcap } from './pcap-writer.ts';
import { readCapture } from './read-capture.ts';

describe('PcapWriter bytes', () => {
  it('writes the little-endian microsecond header by default', () => {
    expect(toHex(new PcapWriter({ linkType: 1 }).header())).toBe(
      toHex(fromHex('d4c3b2a1 0200 0400 00000000 00000000 00000400 01000000')),
    );
  });

  it('writes big-endian nanosecond headers and records', () => {
    const w = new PcapWriter({ linkType: 101, nanosecond: true, littleEndian: false, snaplen: 65535 });
    expect(toHex(w.header())).toBe(toHex(fromHex('a1b23c4d 0002 0004 00000000 00000000 0000ffff 00000065')));
    expect(toHex(w.record({ tsSec: 1700000000, tsNsec: 123456789, data: fromHex('4500') }))).toBe(
      toHex(fromHex('6553f100 075bcd15 00000002 00000002 4500')),
    );
  });

  it('truncates nanoseconds to microseconds and keeps the original length', () => {
    const w = new PcapWriter({ linkType: 1 });
    expect(toHex(w.record({ tsSec: 1, tsNsec: 999999999, data: fromHex('aa'), originalLength: 60 }))).toBe(
      toHex(fromHex('01000000 3f420f00 01000000 3c000000 aa')),
    );
  });

  it('cuts data longer than the snap length', () => {
    const w = new PcapWriter({ linkType: 1, snaplen: 2 });
    expect(toHex(w.record({ tsSec: 0, tsNsec: 0, data: fromHex('010203') }))).toBe(
      toHex(fromHex('00000000 00000000 02000000 03000000 0102')),
    );
  });

  it.each([
    [{ tsSec: -1, tsNsec: 0, data: new Uint8Array(1) }, /seconds -1/],
    [{ tsSec: 2 ** 32, tsNsec: 0, data: new Uint8Array(1) }, /seconds 4294967296/],
    [{ tsSec: 0, tsNsec: 1e9, data: new Uint8Array(1) }, /nanoseconds 1000000000/],
    [{ tsSec: 0, tsNsec: 0.5, data: new Uint8Array(1) }, /nanoseconds 0.5/],
    [{ tsSec: 0, tsNsec: 0, data: new Uint8Array(4), originalLength: 3 }, /original length 3/],
  ])('refuses a bad record %#', (p, message) => {
    expect(() => new PcapWriter({ linkType: 1 }).record(p)).toThrow(expect.objectContaining({ code: 'CAPTURE_BAD_RECORD', message: expect.stringMatching(message) }));
  });

  it('refuses a bad link type or snap length', () => {
    expect(() => new PcapWriter({ linkType: -1 })).toThrow(expect.objectContaining({ code: 'CAPTURE_BAD_RECORD' }));
    expect(() => new PcapWriter({ linkType: 1, snaplen: 0 })).toThrow(expect.objectContaining({ code: 'CAPTURE_BAD_RECORD' }));
  });
});

describe('writePcap round trips through the reader', () => {
  const packet = fc.record({
    tsSec: fc.nat({ max: 0xffffffff }),
    tsNsec: fc.nat({ max: 999_999_999 }),
    data: fc.uint8Array({ maxLength: 200 }),
    extra: fc.nat({ max: 100 }),
  });

  for (const nanosecond of [false, true]) {
    for (const littleEndian of [false, true]) {
      it(`${nanosecond ? 'ns' : 'µs'}, ${littleEndian ? 'little' : 'big'}-endian`, () => {
        fc.assert(
          fc.property(fc.array(packet, { maxLength: 12 }), fc.constantFrom(0, 1, 7), (ps, linkType) => {
            const input = ps.map((p) => ({ tsSec: p.tsSec, tsNsec: p.tsNsec, data: p.data, originalLength: p.data.length + p.extra }));
            const file = writePcap(input, { linkType, nanosecond, littleEndian });
            const r = readCapture(file);
            expect(r.problems).toEqual([]);
            expect(r.packets.map((p) => [p.frame, p.tsSec, p.tsNsec, p.linkType, toHex(p.data), p.originalLength])).toEqual(
              input.map((p, i) => [
                i + 1,
                p.tsSec,
                nanosecond ? p.tsNsec : Math.floor(p.tsNsec / 1000) * 1000,
                linkType,
                toHex(p.data),
                p.originalLength,
              ]),
            );
          }),
          { numRuns: 200 },
        );
      });
    }
  }

  it('header() + record() equals writePcap', () => {
    const opts = { linkType: 1, nanosecond: true };
    const packets = [{ tsSec: 5, tsNsec: 6, data: fromHex('0102') }, { tsSec: 7, tsNsec: 8, data: fromHex('03') }];
    const w = new PcapWriter(opts);
    expect(toHex(writePcap(packets, opts))).toBe(toHex(w.header()) + packets.map((p) => toHex(w.record(p))).join(''));
  });
});
