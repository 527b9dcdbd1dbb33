/**
 * Damaged and hostile input: never a crash, always a coded error or problem
 * entries that say where, and everything readable is still analyzed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabError } from '../core/errors.ts';
import { PcapWriter, writePcap } from '../pcap/pcap-writer.ts';
import { readCapture } from '../pcap/read-capture.ts';
import { readFixture } from '../testing/fixtures.ts';
import { analyzeCapture, startCaptureAnalysis } from './analyze-capture.ts';

const sample = readFixture('v1-two-subflows-add-addr.pcap');

describe('damaged captures', () => {
  it('a file cut short keeps every whole packet and names the byte offset', () => {
    const cut = sample.subarray(0, 9000);
    const r = analyzeCapture(cut);
    expect(r.packets).toBeGreaterThan(5);
    expect(r.connections).toHaveLength(1);
    const p = r.problems.find((x) => x.code === 'CAPTURE_TRUNCATED');
    expect(p).toBeDefined();
    expect(p!.message).toMatch(/\b9000\b/);
  });

  it('bytes that are not a capture throw a coded error naming offset 0', () => {
    const json = new TextEncoder().encode('{"schemaVersion": 1}');
    expect(() => analyzeCapture(json)).toThrow(LabError);
    try {
      analyzeCapture(json);
    } catch (e) {
      expect((e as LabError).code).toBe('CAPTURE_UNKNOWN_FORMAT');
      expect((e as LabError).message).toMatch(/byte 0/);
    }
  });

  it('an empty file is CAPTURE_EMPTY', () => {
    expect(() => analyzeCapture(new Uint8Array(0))).toThrow(expect.objectContaining({ code: 'CAPTURE_EMPTY' }));
  });

  const withSnap = (snap: number) => {
    const { packets } = readCapture(sample);
    return writePcap(
      packets.map((p) => ({ tsSec: p.tsSec, tsNsec: p.tsNsec, data: p.data.subarray(0, snap), originalLength: p.originalLength })),
      { linkType: packets[0]!.linkType, snaplen: snap },
    );
  };

  it('a snap length that keeps the headers still verifies everything', () => {
    // Ethernet 14 + IPv4 20 + TCP 20 + 40 bytes of options at most
    const r = analyzeCapture(withSnap(94));
    expect(r.cutPackets).toBeGreaterThan(0);
    expect(r.problems).toEqual([]);
    const c = r.connections[0]!;
    expect(c.subflows.filter((s) => s.join).every((s) => s.hmacVerified === true)).toBe(true);
    expect(c.addAddrs.filter((a) => !a.echo).every((a) => a.hmacVerified === true)).toBe(true);
  });

  it('packets cut inside their options are decoded as far as they go and flagged', () => {
    // 80 bytes keep the SYN's MP_CAPABLE but cut the keys of the third ACK.
    const r = analyzeCapture(withSnap(80));
    expect(r.packets).toBe(readCapture(sample).packets.length);
    const cuts = r.problems.filter((p) => p.code === 'ANALYSIS_SNAPLEN_CUT');
    expect(cuts.length).toBeGreaterThan(0);
    expect(cuts[0]!.message).toMatch(/frame \d+: TCP options: header says \d+ bytes of options, only \d+ captured/);
    expect(r.connections).toHaveLength(1);
    // What was cut is unknown, never a mismatch.
    const c = r.connections[0]!;
    expect(c.clientKey).toBe(null);
    expect(c.subflows.filter((s) => s.join).every((s) => s.hmacVerified === null)).toBe(true);
    expect(c.problems.filter((p) => p.code === 'ANALYSIS_HMAC_MISMATCH')).toEqual([]);
  });

  it('feeding the file in small chunks gives the same report', () => {
    const whole = analyzeCapture(sample);
    const a = startCaptureAnalysis();
    for (let i = 0; i < sample.length; i += 777) a.push(sample.subarray(i, i + 777));
    expect(a.end()).toEqual(whole);
  });

  it('random damage never crashes the analysis', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 30 }), fc.nat(), (flips, cutAt) => {
        const copy = sample.slice();
        for (const [pos, v] of flips) copy[24 + (pos % (copy.length - 24))] = v;
        const bytes = copy.subarray(0, 24 + (cutAt % (copy.length - 23)));
        try {
          const r = analyzeCapture(bytes);
          for (const p of r.problems) expect(p.code).toMatch(/^[A-Z_]+$/);
        } catch (e) {
          expect(e).toBeInstanceOf(LabError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('PcapWriter output analyzes like the original', () => {
  it('re-written fixture', () => {
    const { packets } = readCapture(sample);
    const w = new PcapWriter({ linkType: packets[0]!.linkType, nanosecond: true });
    const chunks = [w.header(), ...packets.map((p) => w.record(p))];
    const file = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      file.set(c, at);
      at += c.length;
    }
    expect(analyzeCapture(file).connections).toEqual(analyzeCapture(sample).connections);
  });
});
