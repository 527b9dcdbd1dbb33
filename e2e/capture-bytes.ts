/** Node-side helpers that make test captures: a forged copy of a fixture, a synthetic million-packet file. */
import { openSync, writeSync, closeSync } from 'node:fs';

/** Where each frame's bytes start in a classic (little-endian) pcap file. */
export function pcapFrameOffsets(file: Buffer): number[] {
  const out: number[] = [];
  for (let at = 24; at + 16 <= file.length; ) {
    const capLen = file.readUInt32LE(at + 8);
    out.push(at + 16);
    at += 16 + capLen;
  }
  return out;
}

/** The file offset of the HMAC of the first ADD_ADDR option carrying one (Ethernet, IPv4, TCP). */
export function addAddrHmacOffset(file: Buffer): { frame: number; offset: number } {
  const offsets = pcapFrameOffsets(file);
  for (let i = 0; i < offsets.length; i++) {
    const f = offsets[i]!;
    const ip = f + 14;
    const tcp = ip + (file[ip]! & 0x0f) * 4;
    const end = tcp + (file[tcp + 12]! >> 4) * 4;
    for (let o = tcp + 20; o < end; ) {
      const kind = file[o]!;
      if (kind === 0) break;
      if (kind === 1) {
        o++;
        continue;
      }
      const len = file[o + 1]!;
      // ADD_ADDR (subtype 3) without the echo bit carries a trailing 8-byte HMAC.
      if (kind === 30 && file[o + 2]! >> 4 === 3 && (file[o + 2]! & 1) === 0) return { frame: i + 1, offset: o + len - 8 };
      o += Math.max(2, len);
    }
  }
  throw new Error('no ADD_ADDR with an HMAC in this capture');
}

/** Writes a pcap of `count` small TCP/IPv4 frames (54 bytes each) to `path`, streaming. */
export function writeSyntheticCapture(path: string, count: number): void {
  const frameLen = 54;
  const fd = openSync(path, 'w');
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(1, 20);
  writeSync(fd, header);
  const perChunk = 50_000;
  const chunk = Buffer.alloc(perChunk * (16 + frameLen));
  for (let base = 0; base < count; base += perChunk) {
    const n = Math.min(perChunk, count - base);
    for (let k = 0; k < n; k++) {
      const i = base + k;
      const r = k * (16 + frameLen);
      chunk.writeUInt32LE(1_700_000_000 + Math.floor(i / 1000), r);
      chunk.writeUInt32LE((i % 1000) * 1000, r + 4);
      chunk.writeUInt32LE(frameLen, r + 8);
      chunk.writeUInt32LE(frameLen, r + 12);
      const f = r + 16;
      chunk.fill(0x02, f, f + 12);
      chunk.writeUInt16BE(0x0800, f + 12);
      const ip = f + 14;
      chunk[ip] = 0x45;
      chunk.writeUInt16BE(40, ip + 2);
      chunk[ip + 8] = 64;
      chunk[ip + 9] = 6;
      chunk.writeUInt32BE(0xc6120001, ip + 12); // 198.18.0.1 and 198.18.0.2: the lab uses only 198.18.0.0/15
      chunk.writeUInt32BE(0xc6120002, ip + 16);
      const tcp = ip + 20;
      chunk.writeUInt16BE(40000, tcp);
      chunk.writeUInt16BE(80, tcp + 2);
      chunk.writeUInt32BE(i >>> 0, tcp + 4);
      chunk[tcp + 12] = 0x50;
      chunk[tcp + 13] = 0x10;
      chunk.writeUInt16BE(1000, tcp + 14);
    }
    writeSync(fd, chunk, 0, n * (16 + frameLen));
  }
  closeSync(fd);
}
