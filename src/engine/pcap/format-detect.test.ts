import { describe, expect, it } from 'vitest';
import { fromHex } from '../core/hex.ts';
import { detectFormat, guessFileKind, isMagicPrefix, unknownFormatError } from './format-detect.ts';

describe('detectFormat', () => {
  it.each([
    ['a1b2c3d4', { format: 'pcap', littleEndian: false, nanosecond: false }],
    ['d4c3b2a1', { format: 'pcap', littleEndian: true, nanosecond: false }],
    ['a1b23c4d', { format: 'pcap', littleEndian: false, nanosecond: true }],
    ['4d3cb2a1', { format: 'pcap', littleEndian: true, nanosecond: true }],
    ['0a0d0d0a', { format: 'pcapng' }],
    ['a1b2cd34', null],
    ['7b0a2020', null],
  ])('%s', (hex, expected) => {
    expect(detectFormat(fromHex(hex))).toEqual(expected);
  });

  it('needs four bytes', () => {
    expect(detectFormat(fromHex('d4c3b2'))).toBeNull();
    expect(isMagicPrefix(fromHex('d4c3b2'))).toBe(true);
    expect(isMagicPrefix(fromHex('0a0d'))).toBe(true);
    expect(isMagicPrefix(fromHex('7b0a'))).toBe(false);
  });
});

describe('unknown files', () => {
  it.each([
    ['7b0a2020', 'not a pcap or pcapng file: starts with 7b 0a 20 20 at byte 0 (looks like JSON text)'],
    ['efbbbf5b', 'not a pcap or pcapng file: starts with ef bb bf 5b at byte 0 (looks like JSON text)'],
    ['3c3f786d', 'not a pcap or pcapng file: starts with 3c 3f 78 6d at byte 0 (looks like HTML or XML text)'],
    ['48656c6c', 'not a pcap or pcapng file: starts with 48 65 6c 6c at byte 0 (looks like text)'],
    ['1f8b0800', 'not a pcap or pcapng file: starts with 1f 8b 08 00 at byte 0 (looks like gzip-compressed data; decompress it first)'],
    ['a1b2cd34', 'not a pcap or pcapng file: starts with a1 b2 cd 34 at byte 0 (looks like the "modified" pcap magic a1b2cd34 of patched libpcap; convert it with `editcap -F pcap`)'],
    ['34cdb2a1', 'not a pcap or pcapng file: starts with 34 cd b2 a1 at byte 0 (looks like the "modified" pcap magic a1b2cd34 of patched libpcap; convert it with `editcap -F pcap`)'],
    ['00010203', 'not a pcap or pcapng file: starts with 00 01 02 03 at byte 0'],
  ])('%s', (hex, message) => {
    const e = unknownFormatError(fromHex(hex));
    expect(e.code).toBe('CAPTURE_UNKNOWN_FORMAT');
    expect(e.offset).toBe(0);
    expect(e.message).toBe(message);
  });

  it('names other containers', () => {
    expect(guessFileKind(fromHex('28b52ffd'))).toContain('zstd');
    expect(guessFileKind(fromHex('fd377a58'))).toContain('xz');
    expect(guessFileKind(fromHex('425a6839'))).toContain('bzip2');
    expect(guessFileKind(fromHex('504b0304'))).toContain('zip');
    expect(guessFileKind(fromHex('736e6f6f'))).toContain('snoop');
    expect(guessFileKind(fromHex('474d4255'))).toContain('Network Monitor');
  });
});
