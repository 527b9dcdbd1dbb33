import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHex } from '../core/hex.ts';
import { LabError } from '../core/errors.ts';
import { concatBytes } from './concat.ts';
import { writePcap } from './pcap-writer.ts';
import { pcapngBlock, writePcapng } from './pcapng-writer.ts';
import { readCapture } from './read-capture.ts';
import { CaptureReader } from './reader.ts';
import type { CapturedPacket, CaptureProblem } from './types.ts';

const frame = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

const PCAP = writePcap(
  [3, 0, 60, 1514, 17, 200].map((n, i) => ({ tsSec: 1700000000 + i, tsNsec: i * 1000, data: frame(n, i) })),
  { linkType: 1 },
);

const PCAPNG = concatBytes([
  writePcapng(
    [{ linkType: 1 }, { linkType: 101, tsresol: 9 }],
    [5, 1514, 0, 61].map((n, i) => ({ interfaceId: i % 2, tsSec: 1700000000, tsNsec: i * 7, data: frame(n, i) })),
  ),
  pcapngBlock(0x0bad, new Uint8Array(70001)), // large skipped block: the streaming skip path
  pcapngBlock(3, concatBytes([fromHex('00000009'), frame(9, 9)])), // SPB
  writePcapng([{ linkType: 113 }], [{ interfaceId: 0, tsSec: 1, tsNsec: 2, data: frame(30, 3) }], { littleEndian: false }),
]);

/** Reads `bytes` split at the given cut points; returns packets (data copied) and problems. */
function readSplit(bytes: Uint8Array, cuts: number[]): { packets: CapturedPacket[]; problems: CaptureProblem[] } {
  const packets: CapturedPacket[] = [];
  const problems: CaptureProblem[] = [];
  const r = new CaptureReader({ packet: (p) => packets.push({ ...p, data: p.data.slice() }), problem: (p) => problems.push(p) });
  let prev = 0;
  for (const c of [...cuts, bytes.length]) {
    r.push(bytes.subarray(prev, c));
    prev = c;
  }
  r.end();
  return { packets, problems };
}

describe('CaptureReader chunking', () => {
  for (const [name, bytes, count] of [['pcap', PCAP, 6], ['pcapng', PCAPNG, 6]] as const) {
    const whole = readCapture(bytes);

    it(`${name}: the whole file in one push`, () => {
      expect(whole.problems).toEqual([]);
      expect(whole.packets).toHaveLength(count);
      expect(whole.packets.map((p) => p.frame)).toEqual([1, 2, 3, 4, 5, 6].slice(0, count));
    });

    it(`${name}: every chunk size from 1 to 17 gives the same packets`, () => {
      for (let size = 1; size <= 17; size++) expect(readCapture(bytes, size)).toEqual(whole);
    });

    it(`${name}: random splits give the same packets`, () => {
      const cuts = fc.uniqueArray(fc.integer({ min: 0, max: bytes.length }), { maxLength: 40 }).map((a) => a.sort((x, y) => x - y));
      fc.assert(
        fc.property(cuts, (c) => {
          expect(readSplit(bytes, c)).toEqual({ packets: whole.packets, problems: [] });
        }),
        { numRuns: 300 },
      );
    });
  }

  it('hands out views into the pushed chunk when a record lies inside it', () => {
    const seen: boolean[] = [];
    const r = new CaptureReader({ packet: (p) => seen.push(p.data.buffer === PCAP.buffer) });
    r.push(PCAP);
    r.end();
    expect(seen).toEqual([true, true, true, true, true, true]);
    expect(r.packetsRead).toBe(6);
    expect(r.format).toBe('pcap');
  });

  it('accepts empty chunks', () => {
    expect(readSplit(PCAP, [0, 0, 10, 10, 10])).toEqual(readSplit(PCAP, []));
  });
});

describe('CaptureReader on files it cannot read', () => {
  const thrown = (bytes: Uint8Array, chunk = bytes.length): LabError => {
    try {
      readCapture(bytes, chunk);
    } catch (e) {
      expect(e).toBeInstanceOf(LabError);
      return e as LabError;
    }
    throw new Error('expected a LabError');
  };

  it('empty input: CAPTURE_EMPTY', () => {
    expect(thrown(new Uint8Array(0))).toMatchObject({ code: 'CAPTURE_EMPTY', offset: 0 });
  });

  it('3 bytes: truncated if they begin a magic, unknown otherwise', () => {
    expect(thrown(fromHex('d4c3b2'))).toMatchObject({ code: 'CAPTURE_TRUNCATED', message: 'file ends at byte 3, inside the 4-byte magic number' });
    expect(thrown(fromHex('7b0a7d'))).toMatchObject({ code: 'CAPTURE_UNKNOWN_FORMAT', message: 'not a pcap or pcapng file: starts with 7b 0a 7d at byte 0 (looks like JSON text)' });
  });

  it('JSON and gzip throw from push, whatever the chunking', () => {
    const json = new TextEncoder().encode('{\n  "schemaVersion": 1\n}\n');
    for (const size of [1, 2, 3, 4, 100]) {
      expect(thrown(json, size)).toMatchObject({
        code: 'CAPTURE_UNKNOWN_FORMAT',
        offset: 0,
        message: 'not a pcap or pcapng file: starts with 7b 0a 20 20 at byte 0 (looks like JSON text)',
      });
    }
    expect(thrown(fromHex('1f8b0800 00000000 0003'))).toMatchObject({ code: 'CAPTURE_UNKNOWN_FORMAT', message: expect.stringContaining('gzip') });
  });

  it('keeps throwing the same error, and refuses pushes after end', () => {
    const r = new CaptureReader({ packet: () => {} });
    expect(() => r.push(fromHex('00000000'))).toThrow(LabError);
    expect(() => r.push(PCAP)).toThrow(/starts with 00 00 00 00/);
    expect(() => r.end()).toThrow(/starts with 00 00 00 00/);
    expect(r.stopped).toBe(true);
    const done = new CaptureReader({ packet: () => {} });
    done.push(PCAP);
    done.end();
    done.end();
    expect(() => done.push(PCAP)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });

  it('ignores input after a fatal problem and says so through `stopped`', () => {
    const problems: CaptureProblem[] = [];
    const r = new CaptureReader({ packet: () => {}, problem: (p) => problems.push(p) });
    const bad = PCAP.slice(0, 24 + 16);
    new DataView(bad.buffer).setUint32(24 + 8, 0x7fffffff, true);
    r.push(bad);
    expect(r.stopped).toBe(true);
    r.push(PCAP);
    r.end();
    expect(problems).toHaveLength(1);
    expect(r.packetsRead).toBe(0);
  });

  it('works without a problem handler', () => {
    const r = new CaptureReader({ packet: () => {} });
    r.push(PCAP.subarray(0, PCAP.length - 1));
    r.end();
    expect(r.packetsRead).toBe(5);
    expect(r.stopped).toBe(true);
  });
});
