import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CaptureService, rowMatches } from './capture-service.ts';
import { memorySource, type ByteSource } from './byte-source.ts';
import type { LoadProgress } from './protocol.ts';

const sample = () => new Uint8Array(readFileSync(resolve(process.cwd(), 'fixtures/captures/v1-two-subflows-add-addr.pcap')));

/** The sample's frames repeated until the file is about `bytes` long (a pcap: one header, then records). */
function repeated(bytes: number): Uint8Array {
  const file = sample();
  const records = file.subarray(24);
  const copies = Math.ceil((bytes - 24) / records.length);
  const out = new Uint8Array(24 + copies * records.length);
  out.set(file.subarray(0, 24));
  for (let k = 0; k < copies; k++) out.set(records, 24 + k * records.length);
  return out;
}

/** A byte source that records every read. */
function counting(bytes: Uint8Array): ByteSource & { reads: [number, number][] } {
  const inner = memorySource(bytes);
  const reads: [number, number][] = [];
  return { size: inner.size, reads, read: (a, b) => (reads.push([a, b]), inner.read(a, b)), blob: () => inner.blob() };
}

describe('CaptureService', () => {
  it('analyzes a capture, reporting reading-free progress up to the whole file', async () => {
    const s = new CaptureService();
    const bytes = sample();
    const progress: number[] = [];
    const opened = await s.open(1, bytes, (p) => progress.push(p.done));
    expect(opened.captureId).toBe(1);
    expect(opened.packets).toBe(opened.report.packets);
    expect(opened.report.connections).toHaveLength(1);
    expect(progress.at(-1)).toBe(bytes.length);
  });

  it('gives an opened file its ladder and inferred network, and a simulated run’s capture none (the run has its own)', async () => {
    const s = new CaptureService();
    const opened = await s.open(1, sample(), () => {});
    expect(opened.run!.timeline.count).toBe(opened.packets);
    expect(opened.run!.scenario.links).toHaveLength(3);
    const simulated = await s.simulate(2, 'two-path-v1', {}, () => {});
    expect(simulated.opened!.run).toBeNull();
    expect(simulated.timeline!.lanes.some((l) => l.kind === 'node')).toBe(true);
  });

  it('serves windows of rows and dissections from the kept bytes', async () => {
    const s = new CaptureService();
    await s.open(7, sample(), () => {});
    const rows = await s.rows(7, 2, 3);
    expect(rows.map((r) => r.frame)).toEqual([3, 4, 5]);
    expect((await s.rowsAt(7, [4, 1, 9999])).map((r) => r.frame)).toEqual([4, 1]);
    const d = (await s.dissect(7, 4))!;
    expect(d.frame).toBe(4);
    expect(d.bytes.length).toBeGreaterThan(54);
    expect(await s.dissect(7, 9999)).toBeNull();
  });

  it('streams a File slice by slice, reporting bytes and frames so far, and keeps no copy of it', async () => {
    const s = new CaptureService();
    const bytes = repeated(9 * 1024 * 1024);
    const source = counting(bytes);
    const progress: LoadProgress[] = [];
    const opened = await s.open(1, source, (p) => progress.push(p));
    // Three slices of at most 4 MB, each reported with the frames read so far.
    expect(source.reads.map(([a, b]) => b - a)).toEqual([4 << 20, 4 << 20, bytes.length - (8 << 20)]);
    expect(progress.map((p) => p.done)).toEqual([0, 4 << 20, 8 << 20, bytes.length]);
    expect(progress.at(-1)!.packets).toBe(opened.frames);
    expect(progress[1]!.packets).toBeGreaterThan(0);
    expect(progress[1]!.packets).toBeLessThan(opened.frames);
    expect(opened.frames).toBe(opened.report.packets);
  });

  it('reads a page of rows in one slice, a dissection in one, and far-apart frames in a slice each', async () => {
    const s = new CaptureService();
    const source = counting(repeated(2 * 1024 * 1024));
    const opened = await s.open(1, source, () => {});
    source.reads.length = 0;
    const rows = await s.rows(1, 1000, 256);
    expect(rows.map((r) => r.frame)).toEqual(Array.from({ length: 256 }, (_, i) => 1001 + i));
    expect(source.reads).toHaveLength(1);
    source.reads.length = 0;
    const picked = await s.rowsAt(1, [opened.packets, 5, 6, 7]);
    expect(picked.map((r) => r.frame)).toEqual([opened.packets, 5, 6, 7]);
    expect(source.reads).toHaveLength(2);
    // The same rows as from bytes in memory.
    const whole = new CaptureService();
    await whole.open(1, repeated(2 * 1024 * 1024), () => {});
    expect(await whole.rowsAt(1, [opened.packets, 5, 6, 7])).toEqual(picked);
    source.reads.length = 0;
    expect(await s.dissect(1, 9)).toEqual(await whole.dissect(1, 9));
    expect(source.reads).toHaveLength(1);
  });

  it('scans for a text filter in slices of at most 4 MB', async () => {
    const s = new CaptureService();
    const bytes = repeated(6 * 1024 * 1024);
    const source = counting(bytes);
    await s.open(1, source, () => {});
    source.reads.length = 0;
    const hits = await s.filter(1, { mptcpOnly: false, text: 'add_addr' });
    expect(hits.length).toBeGreaterThan(100);
    expect(Math.max(...source.reads.map(([a, b]) => b - a))).toBeLessThanOrEqual(4 << 20);
    expect(source.reads.reduce((n, [a, b]) => n + b - a, 0)).toBeLessThanOrEqual(bytes.length);
  });

  it('stops opening at the next slice when cancelled, keeping nothing; other captures stay', async () => {
    const s = new CaptureService();
    await s.open(1, sample(), () => {});
    const source = counting(repeated(20 * 1024 * 1024));
    const opening = s.open(2, source, (p) => {
      if (p.done > 0) s.cancelOpen(2);
    });
    await expect(opening).rejects.toMatchObject({ code: 'CANCELLED', message: 'Opening cancelled' });
    expect(source.reads).toHaveLength(1);
    await expect(s.rows(2, 0, 1)).rejects.toThrow(/not open/);
    expect(await s.rows(1, 0, 1)).toHaveLength(1);
    // A cancel after the fact changes nothing.
    s.cancelOpen(1);
    expect((await s.open(3, sample(), () => {})).packets).toBeGreaterThan(0);
  });

  it('indexes the first maxFrames frames; the report covers them all', async () => {
    const s = new CaptureService();
    const full = await s.open(1, sample(), () => {});
    const capped = await s.open(2, sample(), () => {}, true, { maxFrames: 4, maxLadderFrames: 3 });
    expect(capped).toMatchObject({ packets: 4, frames: full.frames });
    expect(capped.report.packets).toBe(full.report.packets);
    expect(capped.run!.timeline.count).toBe(3);
    expect((await s.rows(2, 0, 100)).map((r) => r.frame)).toEqual([1, 2, 3, 4]);
    expect(await s.filter(2, { mptcpOnly: false, text: 'add_addr' })).toEqual(Uint32Array.from([4]));
  });

  it('sends the page the first 1,000 problems the engine lists for a capture of empty records, and the count of the rest', async () => {
    const n = 5000;
    const file = new Uint8Array(24 + n * 16);
    const v = new DataView(file.buffer);
    v.setUint32(0, 0xa1b2c3d4, true);
    v.setUint16(4, 2, true);
    v.setUint16(6, 4, true);
    v.setUint32(16, 65535, true);
    v.setUint32(20, 1, true);
    for (let i = 0; i < n; i++) v.setUint32(24 + i * 16, 1_700_000_000 + i, true);
    const opened = await new CaptureService().open(1, file, () => {});
    expect(opened.packets).toBe(n);
    expect(opened.report.problems).toHaveLength(1000);
    expect(opened.report.problems[0]!.frame).toBe(1);
    expect(opened.report.problemsNotSent).toBe(4000);
  });

  it('filters by MPTCP options and by text', async () => {
    const s = new CaptureService();
    await s.open(1, sample(), () => {});
    const all = await s.filter(1, { mptcpOnly: true, text: '' });
    expect(all.length).toBe((await s.rows(1, 0, 1000)).filter((r) => r.mptcp.length > 0).length);
    const addAddr = await s.filter(1, { mptcpOnly: false, text: 'add_addr' });
    expect(Array.from(addAddr)).toEqual([4, 5]);
  });

  it('throws the engine error for a file that is not a capture and keeps other captures', async () => {
    const s = new CaptureService();
    await s.open(1, sample(), () => {});
    await expect(s.open(2, new TextEncoder().encode('{"a":1}'), () => {})).rejects.toMatchObject({ code: 'CAPTURE_UNKNOWN_FORMAT' });
    expect(await s.rows(1, 0, 1)).toHaveLength(1);
    await expect(s.rows(2, 0, 1)).rejects.toThrow(/not open/);
    s.close(1);
    await expect(s.rows(1, 0, 1)).rejects.toThrow(/not open/);
  });

  it('matches rows on info, protocol and addresses, case-insensitively', () => {
    const row = { frame: 1, time: 0, source: '10.0.0.1', destination: '10.0.0.2', protocol: 'MPTCP', length: 60, info: 'SYN · MP_CAPABLE v1', mptcp: ['MP_CAPABLE'], connection: 0, problem: false };
    expect(rowMatches(row, { mptcpOnly: true, text: '' })).toBe(true);
    expect(rowMatches({ ...row, mptcp: [] }, { mptcpOnly: true, text: '' })).toBe(false);
    expect(rowMatches(row, { mptcpOnly: false, text: 'mp_capable' })).toBe(true);
    expect(rowMatches(row, { mptcpOnly: false, text: '10.0.0.2' })).toBe(true);
    expect(rowMatches(row, { mptcpOnly: false, text: 'ADD_ADDR' })).toBe(false);
  });
});

describe('saving a capture', () => {
  it('hands back the File it was opened from, reading nothing', async () => {
    const s = new CaptureService();
    const file = new Blob([sample() as BlobPart]);
    const read = vi.spyOn(file, 'slice');
    await s.open(7, file, () => {});
    read.mockClear();
    expect(s.captureFile(7)).toBe(file);
    expect(read).not.toHaveBeenCalled();
  });
});
