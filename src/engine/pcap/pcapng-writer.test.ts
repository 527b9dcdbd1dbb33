import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHex, toHex } from '../core/hex.ts';
import { concatBytes } from './concat.ts';
import { pcapngBlock, writePcapng } from './pcapng-writer.ts';
import { readCapture } from './read-capture.ts';
import { tsResolution } from './timestamp.ts';

describe('pcapng writer bytes', () => {
  it('pads a block body and repeats its length', () => {
    expect(toHex(pcapngBlock(4, fromHex('010203')))).toBe(toHex(fromHex('04000000 10000000 01020300 10000000')));
    expect(toHex(pcapngBlock(4, fromHex('01020304'), false))).toBe(toHex(fromHex('00000004 00000010 01020304 00000010')));
  });

  it('writes SHB, IDB with if_tsresol and EPB as the spec lays them out', () => {
    const file = writePcapng([{ linkType: 1, snaplen: 262144, tsresol: 9 }], [{ interfaceId: 0, tsSec: 1700000000, tsNsec: 123456789, data: fromHex('deadbeef'), originalLength: 60 }]);
    expect(toHex(file)).toBe(
      toHex(
        fromHex(
          '0a0d0d0a 1c000000 4d3c2b1a 0100 0000 ffffffffffffffff 1c000000' +
            '01000000 20000000 0100 0000 00000400 0900 0100 09000000 0000 0000 20000000' +
            '06000000 24000000 00000000 fe9c9717 15cd853d 04000000 3c000000 deadbeef 24000000',
        ),
      ),
    );
  });

  it('omits if_tsresol for the default microseconds', () => {
    const file = writePcapng([{ linkType: 101 }], [], { littleEndian: false });
    expect(toHex(file.subarray(28))).toBe(toHex(fromHex('00000001 00000014 0065 0000 00000000 00000014')));
  });

  it('refuses packets on undefined interfaces and bad timestamps', () => {
    expect(() => writePcapng([], [{ interfaceId: 0, tsSec: 0, tsNsec: 0, data: new Uint8Array(0) }])).toThrow(expect.objectContaining({ code: 'CAPTURE_BAD_RECORD' }));
    expect(() => writePcapng([{ linkType: 1 }], [{ interfaceId: 0, tsSec: 0, tsNsec: -1, data: new Uint8Array(0) }])).toThrow(expect.objectContaining({ code: 'CAPTURE_BAD_RECORD' }));
    expect(() => writePcapng([{ linkType: 70000 }], [])).toThrow(expect.objectContaining({ code: 'CAPTURE_BAD_RECORD' }));
  });
});

describe('writePcapng round trips through the reader', () => {
  const resolutions = [6, 9, 3, 0, 0x80 | 20, 0x80 | 30];

  it('several interfaces with different link types and resolutions, unknown blocks and an SPB in between', () => {
    const iface = fc.record({ linkType: fc.constantFrom(0, 1, 101, 113, 276), tsresol: fc.constantFrom(...resolutions) });
    const packet = fc.record({ iface: fc.nat(), tsSec: fc.nat({ max: 0xffffffff }), tsNsec: fc.nat({ max: 999_999_999 }), data: fc.uint8Array({ maxLength: 100 }) });
    fc.assert(
      fc.property(fc.array(iface, { minLength: 1, maxLength: 4 }), fc.array(packet, { maxLength: 10 }), fc.boolean(), (ifaces, ps, le) => {
        const packets = ps.map((p) => ({ interfaceId: p.iface % ifaces.length, tsSec: p.tsSec, tsNsec: p.tsNsec, data: p.data }));
        const body = writePcapng(ifaces, packets, { littleEndian: le });
        const spbData = fromHex('4500000102');
        const extra = concatBytes([
          pcapngBlock(4, new Uint8Array(8), le), // name resolution block
          pcapngBlock(0x40000bad, fromHex('0000a1b2 c3'), le), // custom block
          pcapngBlock(3, concatBytes([new Uint8Array(le ? [5, 0, 0, 0] : [0, 0, 0, 5]), spbData]), le),
        ]);
        const r = readCapture(concatBytes([body, extra]));
        expect(r.problems).toEqual([]);
        const expected = packets.map((p, i) => {
          // The writer truncates to the interface's unit; nanoseconds then truncate back.
          const res = tsResolution(ifaces[p.interfaceId]!.tsresol);
          const units = (BigInt(p.tsNsec) * res.unitsPerSecBig) / 1_000_000_000n;
          const nsec = Number((units * 1_000_000_000n) / res.unitsPerSecBig);
          return [i + 1, p.interfaceId, ifaces[p.interfaceId]!.linkType, p.tsSec, nsec, toHex(p.data)];
        });
        expected.push([packets.length + 1, 0, ifaces[0]!.linkType, 0, 0, toHex(spbData)]);
        expect(r.packets.map((p) => [p.frame, p.interfaceId, p.linkType, p.tsSec, p.tsNsec, toHex(p.data)])).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
