import { describe, expect, it } from 'vitest';
import { dssChecksum } from '../wire/dss-checksum.ts';
import { DssChecksumTracker } from './dss-checksum-tracker.ts';

const ISN = 0xfffffff0; // wraps inside the mapping
const DSN = 0x1122334455667788n;
const data = Uint8Array.from({ length: 301 }, (_, i) => (i * 37 + 11) & 0xff);
const csum = dssChecksum(DSN, 1, data.length, data);
const map = (extra: Partial<{ dataLength: number; checksum: number; dataFin: boolean; ssn: number; dsn: bigint }> = {}) => ({
  dsn: DSN,
  ssn: 1,
  dataLength: data.length,
  checksum: csum,
  dataFin: false,
  ...extra,
});
const seqOf = (offset: number) => (ISN + 1 + offset) >>> 0;

describe('DssChecksumTracker', () => {
  it('checks a mapping spread over odd-sized segments, across a sequence wrap', () => {
    const t = new DssChecksumTracker(ISN);
    expect(t.segment(1, seqOf(0), data.subarray(0, 101), false, map())).toEqual([]);
    expect(t.segment(2, seqOf(101), data.subarray(101, 200), false, null)).toEqual([]);
    expect(t.segment(3, seqOf(200), data.subarray(200), false, null)).toEqual([{ frame: 1, ok: true, expected: csum, received: csum }]);
  });

  it('skips retransmitted bytes', () => {
    const t = new DssChecksumTracker(ISN);
    t.segment(1, seqOf(0), data.subarray(0, 150), false, map());
    t.segment(2, seqOf(0), data.subarray(0, 150), false, map()); // retransmission, same mapping
    expect(t.segment(3, seqOf(100), data.subarray(100), false, null)).toMatchObject([{ frame: 1, ok: true }]);
  });

  it('reports a wrong checksum at the mapping frame', () => {
    const t = new DssChecksumTracker(ISN);
    const bad = data.slice();
    bad[7]! ^= 1;
    expect(t.segment(9, seqOf(0), bad, false, map())).toMatchObject([{ frame: 9, ok: false, received: csum }]);
  });

  it('a gap leaves the mapping unchecked, never failed', () => {
    const t = new DssChecksumTracker(ISN);
    t.segment(1, seqOf(0), data.subarray(0, 100), false, map());
    expect(t.segment(2, seqOf(200), data.subarray(200), false, null)).toEqual([{ frame: 1, unchecked: true }]);
  });

  it('Linux re-sending the last mapping with DATA_FIN: both forms are checked', () => {
    const t = new DssChecksumTracker(ISN);
    const withFin = dssChecksum(DSN, 1, data.length + 1, data);
    t.segment(1, seqOf(0), data.subarray(0, 200), false, map());
    const out = t.segment(2, seqOf(200), data.subarray(200), false, map({ dataLength: data.length + 1, checksum: withFin, dataFin: true }));
    expect(out).toEqual([
      { frame: 1, ok: true, expected: csum, received: csum },
      { frame: 2, ok: true, expected: withFin, received: withFin },
    ]);
  });

  it('a DATA_FIN-only DSS in between is checked alone and leaves the mapping in progress', () => {
    const t = new DssChecksumTracker(ISN);
    t.segment(1, seqOf(0), data.subarray(0, 200), false, map());
    const finCsum = dssChecksum(DSN + 400n, 0, 1, new Uint8Array(0));
    expect(t.segment(2, seqOf(200), new Uint8Array(0), false, map({ dsn: DSN + 400n, ssn: 0, dataLength: 1, dataFin: true, checksum: finCsum }))).toMatchObject([
      { frame: 2, ok: true },
    ]);
    expect(t.segment(3, seqOf(200), data.subarray(200), false, null)).toMatchObject([{ frame: 1, ok: true }]);
  });

  it('a mapping still open at the end is unchecked', () => {
    const t = new DssChecksumTracker(ISN);
    t.segment(1, seqOf(0), data.subarray(0, 10), false, map());
    expect(t.finish()).toEqual([{ frame: 1, unchecked: true }]);
  });

  it('a payload cut by the snap length is unchecked', () => {
    const t = new DssChecksumTracker(ISN);
    expect(t.segment(1, seqOf(0), data.subarray(0, 40), true, map())).toEqual([{ frame: 1, unchecked: true }]);
  });
});
