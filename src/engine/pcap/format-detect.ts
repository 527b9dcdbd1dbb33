import { LabError } from '../core/errors.ts';
import type { CaptureFormat } from './types.ts';

/** What the first four bytes say about a capture file. */
export type DetectedFormat =
  | { format: 'pcap'; littleEndian: boolean; nanosecond: boolean }
  | { format: Extract<CaptureFormat, 'pcapng'> };

// Magic numbers as they appear in the file, byte by byte.
const MAGICS: ReadonlyArray<readonly [number[], DetectedFormat]> = [
  [[0xa1, 0xb2, 0xc3, 0xd4], { format: 'pcap', littleEndian: false, nanosecond: false }],
  [[0xd4, 0xc3, 0xb2, 0xa1], { format: 'pcap', littleEndian: true, nanosecond: false }],
  [[0xa1, 0xb2, 0x3c, 0x4d], { format: 'pcap', littleEndian: false, nanosecond: true }],
  [[0x4d, 0x3c, 0xb2, 0xa1], { format: 'pcap', littleEndian: true, nanosecond: true }],
  // The SHB block type is a palindrome, so it reads the same in both byte orders.
  [[0x0a, 0x0d, 0x0d, 0x0a], { format: 'pcapng' }],
];

/** The format named by the first four bytes, or null if they name none we read. */
export function detectFormat(b: Uint8Array): DetectedFormat | null {
  if (b.length < 4) return null;
  for (const [magic, fmt] of MAGICS) {
    if (b[0] === magic[0] && b[1] === magic[1] && b[2] === magic[2] && b[3] === magic[3]) return fmt;
  }
  return null;
}

/** True when `b` (shorter than 4 bytes) could still grow into a known magic. */
export function isMagicPrefix(b: Uint8Array): boolean {
  return MAGICS.some(([magic]) => b.length < 4 && b.every((x, i) => x === magic[i]));
}

const startsWith = (b: Uint8Array, prefix: number[]): boolean =>
  b.length >= prefix.length && prefix.every((x, i) => b[i] === x);

const isTextByte = (x: number): boolean => (x >= 0x20 && x < 0x7f) || x === 0x09 || x === 0x0a || x === 0x0d;

/** A hint for people about what a non-capture file probably is, or null. */
export function guessFileKind(b: Uint8Array): string | null {
  if (startsWith(b, [0xa1, 0xb2, 0xcd, 0x34]) || startsWith(b, [0x34, 0xcd, 0xb2, 0xa1])) {
    return 'the "modified" pcap magic a1b2cd34 of patched libpcap; convert it with `editcap -F pcap`';
  }
  if (startsWith(b, [0x1f, 0x8b])) return 'gzip-compressed data; decompress it first';
  if (startsWith(b, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd-compressed data; decompress it first';
  if (startsWith(b, [0xfd, 0x37, 0x7a, 0x58])) return 'xz-compressed data; decompress it first';
  if (startsWith(b, [0x42, 0x5a, 0x68])) return 'bzip2-compressed data; decompress it first';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return 'a zip archive; extract it first';
  if (startsWith(b, [0x73, 0x6e, 0x6f, 0x6f])) return 'a Sun snoop capture; convert it with `editcap -F pcapng`';
  if (startsWith(b, [0x47, 0x4d, 0x42, 0x55]) || startsWith(b, [0x52, 0x54, 0x53, 0x53])) {
    return 'a Microsoft Network Monitor capture; convert it with `editcap -F pcapng`';
  }
  // Skip a UTF-8 byte-order mark and leading whitespace before judging text.
  let i = startsWith(b, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  if (b.length > i && !Array.from(b.subarray(i)).every(isTextByte)) return null;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++;
  if (b[i] === 0x7b || b[i] === 0x5b) return 'JSON text';
  if (b[i] === 0x3c) return 'HTML or XML text';
  if (b.length > 0) return 'text';
  return null;
}

const hexBytes = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

/** The CAPTURE_UNKNOWN_FORMAT error for a file starting with `first` (up to 4 bytes). */
export function unknownFormatError(first: Uint8Array): LabError {
  const guess = guessFileKind(first);
  const hint = guess === null ? '' : ` (looks like ${guess})`;
  return new LabError(
    'CAPTURE_UNKNOWN_FORMAT',
    `not a pcap or pcapng file: starts with ${hexBytes(first)} at byte 0${hint}`,
    0,
  );
}
