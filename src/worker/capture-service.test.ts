import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureService, rowMatches } from './capture-service.ts';

const sample = () => new Uint8Array(readFileSync(resolve(process.cwd(), 'fixtures/captures/v1-two-subflows-add-addr.pcap')));

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
    const rows = s.rows(7, 2, 3);
    expect(rows.map((r) => r.frame)).toEqual([3, 4, 5]);
    expect(s.rowsAt(7, [1, 4]).map((r) => r.frame)).toEqual([1, 4]);
    const d = s.dissect(7, 4)!;
    expect(d.frame).toBe(4);
    expect(d.bytes.length).toBeGreaterThan(54);
    expect(s.dissect(7, 9999)).toBeNull();
  });

  it('filters by MPTCP options and by text', async () => {
    const s = new CaptureService();
    await s.open(1, sample(), () => {});
    const all = await s.filter(1, { mptcpOnly: true, text: '' });
    expect(all.length).toBe(s.rows(1, 0, 1000).filter((r) => r.mptcp.length > 0).length);
    const addAddr = await s.filter(1, { mptcpOnly: false, text: 'add_addr' });
    expect(Array.from(addAddr)).toEqual([4, 5]);
  });

  it('throws the engine error for a file that is not a capture and keeps other captures', async () => {
    const s = new CaptureService();
    await s.open(1, sample(), () => {});
    await expect(s.open(2, new TextEncoder().encode('{"a":1}'), () => {})).rejects.toMatchObject({ code: 'CAPTURE_UNKNOWN_FORMAT' });
    expect(s.rows(1, 0, 1)).toHaveLength(1);
    expect(() => s.rows(2, 0, 1)).toThrow(/not open/);
    s.close(1);
    expect(() => s.rows(1, 0, 1)).toThrow(/not open/);
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
