import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../core/hex.ts';
import { concatBytes } from './concat.ts';
import { writePcap } from './pcap-writer.ts';
import { readCapture } from './read-capture.ts';

describe('readCapture', () => {
  const file = writePcap([{ tsSec: 1, tsNsec: 2000, data: fromHex('0102') }, { tsSec: 3, tsNsec: 4000, data: fromHex('03') }], { linkType: 101 });

  it('copies packet data so it outlives the read', () => {
    const r = readCapture(file, 5);
    expect(r.format).toBe('pcap');
    expect(r.packets.map((p) => toHex(p.data))).toEqual(['0102', '03']);
    expect(r.packets[0]!.data.buffer).not.toBe(file.buffer);
  });

  it('collects problems and stops feeding after a fatal one', () => {
    const r = readCapture(file.subarray(0, file.length - 1));
    expect(r.packets).toHaveLength(1);
    expect(r.problems.map((p) => p.code)).toEqual(['CAPTURE_TRUNCATED']);
  });

  it('treats a chunk size below 1 as 1', () => {
    expect(readCapture(file, 0)).toEqual(readCapture(file));
  });
});

describe('concatBytes', () => {
  it('joins in order', () => {
    expect(toHex(concatBytes([fromHex('01'), new Uint8Array(0), fromHex('0203')]))).toBe('010203');
    expect(concatBytes([])).toEqual(new Uint8Array(0));
  });
});
