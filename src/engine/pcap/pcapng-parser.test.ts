import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../core/hex.ts';
import { concatBytes } from './concat.ts';
import { pcapngBlock } from './pcapng-writer.ts';
import { readCapture } from './read-capture.ts';

// Hand-assembled pcapng blocks: type, length, body fields, trailing length.
const LE = {
  shb: '0a0d0d0a 1c000000 4d3c2b1a 0100 0000 ffffffffffffffff 1c000000',
  // Ethernet, snaplen 262144, if_tsresol 9 (ns), end of options
  idbNs: '01000000 20000000 0100 0000 00000400 0900 0100 09000000 0000 0000 20000000',
  // if 0, ts 1700000000.123456789 s in ns, caplen 4, len 60
  epb: '06000000 24000000 00000000 fe9c9717 15cd853d 04000000 3c000000 deadbeef 24000000',
  // raw IP, if_tsresol 2^-20, if_tsoffset 10 s
  idbBin: '01000000 2c000000 6500 0000 00000000 0900 0100 94000000 0e00 0800 0a00000000000000 0000 0000 2c000000',
  // ts 1700000000.5 s in 2^-20 units on interface 1
  epbBin: '06000000 20000000 01000000 3f550600 00000810 00000000 00000000 20000000',
  nrb: '04000000 10000000 00000000 10000000',
  // original length 60, 3 bytes captured (+1 pad): the block length limits caplen
  spb: '03000000 14000000 3c000000 aabbcc 00 14000000',
  // obsolete packet block on interface 0 with 7 drops, ns timestamp, caplen 1 (+3 pad)
  opb: '02000000 24000000 0000 0700 fe9c9717 15cd853d 01000000 01000000 ff 000000 24000000',
};
const BE = {
  shb: '0a0d0d0a 0000001c 1a2b3c4d 0001 0000 ffffffffffffffff 0000001c',
  // raw IP, snaplen 0, no options: microseconds
  idb: '00000001 00000014 0065 0000 00000000 00000014',
  // ts 1700000000.123456 s in µs, caplen 3 (+1 pad), len 3
  epb: '00000006 00000024 00000000 00060a24 18202240 00000003 00000003 450000 00 00000024',
  // original length 5, data 5 bytes padded to 8
  spb: '00000003 00000018 00000005 4500000000 000000 00000018',
  // obsolete packet block: if 0 (16 bits), drops 0, same ts, caplen 2 (+2 pad)
  opb: '00000002 00000024 0000 0000 00060a24 18202240 00000002 00000002 4500 0000 00000024',
};

const file = (...hex: string[]): Uint8Array => concatBytes(hex.map(fromHex));

describe('pcapng blocks', () => {
  it('reads a little-endian section: SHB, IDB with if_tsresol 9, EPB', () => {
    const r = readCapture(file(LE.shb, LE.idbNs, LE.epb));
    expect(r.format).toBe('pcapng');
    expect(r.problems).toEqual([]);
    expect(r.packets).toHaveLength(1);
    expect(r.packets[0]).toMatchObject({
      frame: 1,
      tsSec: 1700000000,
      tsNsec: 123456789,
      interfaceId: 0,
      linkType: 1,
      capturedLength: 4,
      originalLength: 60,
      fileOffset: 28 + 32 + 28,
    });
    expect(toHex(r.packets[0]!.data)).toBe('deadbeef');
  });

  it('reads a big-endian section with EPB, SPB and OPB', () => {
    const r = readCapture(file(BE.shb, BE.idb, BE.epb, BE.spb, BE.opb));
    expect(r.problems).toEqual([]);
    expect(r.packets.map((p) => [p.frame, p.tsSec, p.tsNsec, p.linkType, p.capturedLength, p.originalLength, toHex(p.data)])).toEqual([
      [1, 1700000000, 123456000, 101, 3, 3, '450000'],
      [2, 0, 0, 101, 5, 5, '4500000000'],
      [3, 1700000000, 123456000, 101, 2, 2, '4500'],
    ]);
  });

  it('reads little-endian SPB and OPB', () => {
    const r = readCapture(file(LE.shb, LE.idbNs, LE.spb, LE.opb));
    expect(r.problems).toEqual([]);
    expect(r.packets.map((p) => [p.frame, p.tsSec, p.tsNsec, p.capturedLength, p.originalLength, toHex(p.data), p.fileOffset])).toEqual([
      [1, 0, 0, 4, 60, 'aabbcc00', 72],
      [2, 1700000000, 123456789, 1, 1, 'ff', 108],
    ]);
  });

  it('applies binary if_tsresol and if_tsoffset per interface', () => {
    const r = readCapture(file(LE.shb, LE.idbNs, LE.idbBin, LE.epbBin, LE.epb));
    expect(r.problems).toEqual([]);
    expect(r.packets.map((p) => [p.interfaceId, p.linkType, p.tsSec, p.tsNsec])).toEqual([
      [1, 101, 1700000010, 500000000],
      [0, 1, 1700000000, 123456789],
    ]);
  });

  it('skips unknown blocks, small and large, by their length', () => {
    const big = pcapngBlock(0x00000bad, new Uint8Array(70000).fill(7));
    const r = readCapture(concatBytes([fromHex(LE.shb + LE.idbNs + LE.nrb), big, fromHex(LE.epb + LE.nrb + LE.epb)]));
    expect(r.problems).toEqual([]);
    expect(r.packets.map((p) => p.frame)).toEqual([1, 2]);
  });

  it('starts afresh at each section, whose byte order may differ', () => {
    const r = readCapture(file(LE.shb, LE.idbNs, LE.epb, BE.shb, BE.idb, BE.epb));
    expect(r.problems).toEqual([]);
    expect(r.packets.map((p) => [p.frame, p.interfaceId, p.linkType, p.tsNsec])).toEqual([
      [1, 0, 1, 123456789],
      [2, 0, 101, 123456000],
    ]);
  });

  it('limits an SPB to the interface snap length', () => {
    const idbSnap4 = '00000001 00000014 0065 0000 00000004 00000014';
    const r = readCapture(file(BE.shb, idbSnap4, BE.spb));
    expect(r.packets[0]).toMatchObject({ capturedLength: 4, originalLength: 5 });
  });
});

describe('malformed pcapng', () => {
  const one = (...hex: string[]) => readCapture(file(...hex));

  it('stops at a length that is not a multiple of 4', () => {
    const r = one(LE.shb, LE.idbNs, LE.epb, '06000000 25000000' + '00'.repeat(29));
    expect(r.packets).toHaveLength(1);
    expect(r.problems).toEqual([
      { frame: null, code: 'CAPTURE_BAD_BLOCK', offset: 96, message: 'enhanced packet block at byte 96 has length 37; block lengths are multiples of 4 and at least 12' },
    ]);
  });

  it('stops at a length below 12', () => {
    const r = one(LE.shb, '04000000 08000000 08000000');
    expect(r.problems).toEqual([expect.objectContaining({ code: 'CAPTURE_BAD_BLOCK', offset: 28 })]);
  });

  it('stops at a block too short for its fixed fields', () => {
    const r = one(LE.shb, LE.idbNs, '06000000 1c000000 00000000 00000000 00000000 1c000000 1c000000');
    expect(r.problems[0]?.message).toContain('shorter than the 32 bytes');
  });

  it('stops at a trailing length that differs from the leading one', () => {
    const bad = LE.epb.replace(/24000000$/, '28000000');
    const r = one(LE.shb, LE.idbNs, LE.epb, bad, LE.epb);
    expect(r.packets).toHaveLength(1);
    expect(r.problems).toEqual([
      { frame: null, code: 'CAPTURE_BAD_BLOCK', offset: 96, message: 'enhanced packet block at byte 96: trailing length 40 does not match leading length 36' },
    ]);
  });

  it('checks the trailer of a large skipped block too', () => {
    const big = pcapngBlock(0x00000bad, new Uint8Array(70000));
    big[big.length - 1] = 0xff;
    const r = readCapture(concatBytes([fromHex(LE.shb), big, fromHex(LE.idbNs + LE.epb)]));
    expect(r.packets).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'CAPTURE_BAD_BLOCK', offset: 28, message: expect.stringContaining('trailing length') })]);
  });

  it('skips a packet naming an unknown interface and goes on', () => {
    const ifid2 = LE.epb.replace('24000000 00000000', '24000000 02000000');
    const r = one(LE.shb, LE.idbNs, ifid2, LE.epb);
    expect(r.packets.map((p) => p.frame)).toEqual([2]);
    expect(r.problems).toEqual([
      {
        frame: 1,
        code: 'CAPTURE_BAD_RECORD',
        offset: 60,
        message: 'packet block at byte 60 (frame 1) names interface 2, but the section defines 1 interface(s); packet skipped',
      },
    ]);
  });

  it('skips a packet whose captured length overruns its block', () => {
    const r = one(LE.shb, LE.idbNs, LE.epb.replace('04000000 3c000000', '05000000 3c000000'), LE.epb);
    expect(r.packets.map((p) => p.frame)).toEqual([2]);
    expect(r.problems[0]).toMatchObject({ frame: 1, code: 'CAPTURE_BAD_RECORD', message: expect.stringContaining('does not fit') });
  });

  it('skips an SPB when the section has no interface 0', () => {
    const r = one(BE.shb, BE.spb, BE.idb, BE.spb);
    expect(r.packets.map((p) => p.frame)).toEqual([2]);
    expect(r.problems[0]).toMatchObject({ frame: 1, code: 'CAPTURE_BAD_RECORD' });
  });

  it('stops at a section header with a bad byte-order magic or version', () => {
    const bom = one(LE.shb, LE.idbNs, LE.epb, LE.shb.replace('4d3c2b1a', '4d3c2b1b'));
    expect(bom.packets).toHaveLength(1);
    expect(bom.problems[0]).toMatchObject({ code: 'CAPTURE_BAD_BLOCK', offset: 96, message: expect.stringContaining('byte-order magic 4d3c2b1b') });
    const v2 = one(LE.shb.replace('0100 0000', '0200 0000'), LE.idbNs, LE.epb);
    expect(v2.packets).toEqual([]);
    expect(v2.problems[0]?.message).toContain('version 2.0');
  });

  it('refuses decoded blocks over 1 MiB', () => {
    const r = one(LE.shb, LE.idbNs, '06000000 00001100' + '00'.repeat(64));
    expect(r.problems[0]).toMatchObject({ code: 'CAPTURE_BAD_BLOCK', message: expect.stringContaining('1114112 bytes') });
  });

  it('notes an interface option that overruns its block and keeps the defaults', () => {
    const idb = '01000000 1c000000 0100 0000 00000000 0900 0800 09000000 1c000000';
    const r = one(LE.shb, idb, LE.epb);
    expect(r.problems).toEqual([expect.objectContaining({ frame: null, code: 'CAPTURE_BAD_BLOCK', offset: 28 })]);
    expect(r.packets[0]?.tsSec).toBe(1700000000123); // the ns count read as µs
  });

  it('reports a file cut inside a packet block with the frame and block offset', () => {
    const whole = file(LE.shb, LE.idbNs, LE.epb, LE.epb);
    const r = readCapture(whole.subarray(0, whole.length - 5));
    expect(r.packets).toHaveLength(1);
    expect(r.problems).toEqual([
      {
        frame: 2,
        code: 'CAPTURE_TRUNCATED',
        offset: 96,
        message: 'file ends at byte 127 inside the enhanced packet block of frame 2 (block starts at byte 96 and needs 36 bytes, 31 present)',
      },
    ]);
  });

  it('reports a file cut inside a block header or a large skipped block', () => {
    const head = readCapture(file(LE.shb, '06000000 2400'));
    expect(head.problems).toEqual([expect.objectContaining({ frame: null, code: 'CAPTURE_TRUNCATED', offset: 28 })]);
    const big = pcapngBlock(0x00000bad, new Uint8Array(70000));
    for (const cut of [100, big.length - 2, big.length - 4]) {
      const r = readCapture(concatBytes([fromHex(LE.shb), big.subarray(0, cut)]));
      expect(r.problems).toEqual([expect.objectContaining({ frame: null, code: 'CAPTURE_TRUNCATED', offset: 28 })]);
    }
  });

  it('throws CAPTURE_TRUNCATED for a file cut inside its first section header', () => {
    expect(() => readCapture(fromHex(LE.shb).subarray(0, 20))).toThrow(
      expect.objectContaining({ code: 'CAPTURE_TRUNCATED', message: 'file ends at byte 20, inside the first pcapng section header block' }),
    );
  });
});
