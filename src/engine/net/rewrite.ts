/**
 * In-place edits of an IPv4/IPv6 TCP packet for middleboxes, with the
 * checksums fixed afterwards: what a NAT or an option-stripping box does
 * to the bytes.
 */
import { finishChecksum, pseudoHeaderSum, sum16 } from '../wire/checksum.ts';
import type { IpAddress } from '../wire/ip-address.ts';

export interface TcpView {
  ipHeaderLength: number;
  version: 4 | 6;
}

/** Where the TCP header starts, for packets without IPv6 extension headers; null if not TCP. */
export function tcpView(p: Uint8Array): TcpView | null {
  const v = p[0]! >> 4;
  if (v === 4 && p.length >= 40 && p[9] === 6 && ((p[6]! & 0x1f) | p[7]!) === 0) {
    const ihl = (p[0]! & 0xf) * 4;
    return p.length >= ihl + 20 ? { ipHeaderLength: ihl, version: 4 } : null;
  }
  if (v === 6 && p.length >= 60 && p[6] === 6) return { ipHeaderLength: 40, version: 6 };
  return null;
}

export function readAddress(p: Uint8Array, v: TcpView, which: 'src' | 'dst'): IpAddress {
  if (v.version === 4) return { family: 4, bytes: p.slice(which === 'src' ? 12 : 16, which === 'src' ? 16 : 20) };
  return { family: 6, bytes: p.slice(which === 'src' ? 8 : 24, which === 'src' ? 24 : 40) };
}

export function writeAddress(p: Uint8Array, v: TcpView, which: 'src' | 'dst', a: IpAddress): void {
  p.set(a.bytes, v.version === 4 ? (which === 'src' ? 12 : 16) : which === 'src' ? 8 : 24);
}

export const readPort = (p: Uint8Array, v: TcpView, which: 'src' | 'dst'): number => {
  const at = v.ipHeaderLength + (which === 'src' ? 0 : 2);
  return (p[at]! << 8) | p[at + 1]!;
};

export function writePort(p: Uint8Array, v: TcpView, which: 'src' | 'dst', port: number): void {
  const at = v.ipHeaderLength + (which === 'src' ? 0 : 2);
  p[at] = port >> 8;
  p[at + 1] = port & 0xff;
}

/** Recomputes the IPv4 header checksum and the TCP checksum. */
export function fixChecksums(p: Uint8Array, v: TcpView): void {
  if (v.version === 4) {
    p[10] = 0;
    p[11] = 0;
    const c = finishChecksum(sum16(p, 0, v.ipHeaderLength));
    p[10] = c >> 8;
    p[11] = c & 0xff;
  }
  const t = v.ipHeaderLength;
  const end = v.version === 4 ? (p[2]! << 8) | p[3]! : 40 + ((p[4]! << 8) | p[5]!);
  p[t + 16] = 0;
  p[t + 17] = 0;
  const sum = sum16(p, t, end, pseudoHeaderSum(readAddress(p, v, 'src'), readAddress(p, v, 'dst'), 6, end - t));
  const c = finishChecksum(sum);
  p[t + 16] = c >> 8;
  p[t + 17] = c & 0xff;
}
