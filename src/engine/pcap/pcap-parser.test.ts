import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../core/hex.ts';
import { readCapture } from './read-capture.ts';

// Hand-assembled classic pcap files, one field per group of hex digits.
const LE_USEC_HEADER =
  'd4c3b2a1 0200 0400 00000000 00000000 ffff0000 01000000'; // µs, snaplen 65535, Ethernet
const LE_USEC_RECORD =
  '00000065 40e20100 04000000 3c000000 deadbeef'; // 0x65000000 s, 123456 µs, caplen 4, len 60
const BE_NSEC_HEADER =
  'a1b23c4d 0002 0004 00000000 00000000 00000200 18000065'; // ns, snaplen 512, raw IP with FCS flag bits
const BE_NSEC_RECORD =
  '6553f100 075bcd15 00000002 00000002 4500'; // 1700000000 s, 123456789 ns
const LE_NSEC_HEADER = '4d3cb2a1 0200 0400 00000000 00000000 00000100 65000000';
const BE_USEC_HEADER = 'a1b2c3d4 0002 0004 00000000 00000000 00010000 00000001';

describe('classic pcap headers and records', () => {
  it('reads little-endian microsecond files', () => {
    const r = readCapture(fromHex(LE_USEC_HEADER + LE_USEC_RECORD + LE_USEC_RECORD));
    expect(r.format).toBe('pcap');
    expect(r.problems).toEqual([]);
    expect(r.packets).toHaveLength(2);
    const p = r.packets[0]!;
    expect(p).toMatchObject({
      frame: 1,
      tsSec: 0x65000000,
      tsNsec: 123456000,
      interfaceId: 0,
      linkType: 1,
      capturedLength: 4,
      originalLength: 60,
      fileOffset: 40,
    });
    expect(toHex(p.data)).toBe('deadbeef');
    expect(r.packets[1]).toMatchObject({ frame: 2, fileOffset: 60 });
  });

  it('reads big-endian nanosecond files and masks the FCS bits off the link type', () => {
    const r = readCapture(fromHex(BE_NSEC_HEADER + BE_NSEC_RECORD));
    expect(r.packets).toHaveLength(1);
    expect(r.packets[0]).toMatchObject({ tsSec: 1700000000, tsNsec: 123456789, linkType: 101, capturedLength: 2, originalLength: 2 });
    expect(toHex(r.packets[0]!.data)).toBe('4500');
  });

  it('reads the other two magic numbers', () => {
    const leNs = readCapture(fromHex(LE_NSEC_HEADER + '00f15365 15cd5b07 01000000 01000000 60'));
    expect(leNs.packets[0]).toMatchObject({ tsSec: 1700000000, tsNsec: 123456789, linkType: 101 });
    const beUs = readCapture(fromHex(BE_USEC_HEADER + '6553f100 0001e240 00000001 00000001 ff'));
    expect(beUs.packets[0]).toMatchObject({ tsSec: 1700000000, tsNsec: 123456000, linkType: 1 });
  });

  it('a header with no records is a valid empty capture', () => {
    const r = readCapture(fromHex(LE_USEC_HEADER));
    expect(r.packets).toEqual([]);
    expect(r.problems).toEqual([]);
  });

  it('carries an overflowing sub-second field into the seconds', () => {
    const r = readCapture(fromHex(LE_USEC_HEADER + '0a000000 40420f00 00000000 00000000')); // 1000000 µs
    expect(r.packets[0]).toMatchObject({ tsSec: 11, tsNsec: 0, capturedLength: 0 });
  });

  it('stops at an absurd caplen with CAPTURE_BAD_RECORD, keeping earlier packets', () => {
    const r = readCapture(fromHex(LE_USEC_HEADER + LE_USEC_RECORD + '00000065 00000000 00001000 00001000' + '00'.repeat(64)));
    expect(r.packets).toHaveLength(1);
    expect(r.problems).toEqual([
      {
        frame: 2,
        code: 'CAPTURE_BAD_RECORD',
        offset: 44,
        message: 'record at byte 44 claims 1048576 captured bytes (limit 131070 for snaplen 65535); the file is corrupt from here',
      },
    ]);
  });

  it('believes caplen up to twice the snap length (at least 64 KiB), not beyond', () => {
    const small = BE_NSEC_HEADER; // snaplen 512 -> limit 65535
    const ok = readCapture(fromHex(small + '00000000 00000000 0000ffff 0000ffff' + '00'.repeat(65535)));
    expect(ok.packets).toHaveLength(1);
    const bad = readCapture(fromHex(small + '00000000 00000000 00010000 00010000' + '00'.repeat(65536)));
    expect(bad.problems[0]?.code).toBe('CAPTURE_BAD_RECORD');
  });

  it('reports a record cut short at the end with its exact offset', () => {
    const file = fromHex(LE_USEC_HEADER + LE_USEC_RECORD + LE_USEC_RECORD).subarray(0, 24 + 20 + 18);
    const r = readCapture(file);
    expect(r.packets).toHaveLength(1);
    expect(r.problems).toEqual([
      {
        frame: 2,
        code: 'CAPTURE_TRUNCATED',
        offset: 44,
        message: 'file ends at byte 62 inside frame 2 (record starts at byte 44 and needs 20 bytes, 18 present)',
      },
    ]);
  });

  it('reports a record header cut short', () => {
    const r = readCapture(fromHex(LE_USEC_HEADER + '00000065 40e2'));
    expect(r.problems).toEqual([
      expect.objectContaining({ frame: 1, code: 'CAPTURE_TRUNCATED', offset: 24, message: expect.stringContaining('6 of 16 header bytes') }),
    ]);
  });

  it('throws CAPTURE_TRUNCATED for a file cut inside the 24-byte header', () => {
    expect(() => readCapture(fromHex(LE_USEC_HEADER).subarray(0, 23))).toThrow(
      expect.objectContaining({ code: 'CAPTURE_TRUNCATED', message: 'file ends at byte 23, inside the 24-byte pcap file header' }),
    );
  });
});
