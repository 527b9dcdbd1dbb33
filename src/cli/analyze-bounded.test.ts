/**
 * `lab analyze` on a 50 MB capture of zero-length records (a valid pcap
 * header, then zeros): 3.4 million damaged records must finish quickly, in
 * bounded memory, with a coded summary that lists the first problems and
 * counts the rest. Runs the real command (bin/mptcp-lab.js) in a child.
 */
import { execFile } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeSync, ftruncateSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { formatAnalysisSummary, LINKTYPE_RAW, PcapWriter, type AnalysisReport } from '../engine/index.ts';

const BIN = fileURLToPath(new URL('../../bin/mptcp-lab.js', import.meta.url));
const MB = 1024 * 1024;

describe('lab analyze: 50 MB of zero-length records', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-zeros-'));
  const file = join(dir, 'zeros.pcap');
  const fd = openSync(file, 'w');
  writeSync(fd, new PcapWriter({ linkType: LINKTYPE_RAW }).header());
  ftruncateSync(fd, 24 + 50 * MB); // the rest reads as zeros
  closeSync(fd);
  const records = (50 * MB) / 16;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finishes with the first 1,000 problems listed and the rest counted by code, in JSON and in the summary', async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, 'analyze', file, '--json'], { maxBuffer: 16 * MB });
    expect(stderr).toBe('');
    const r = JSON.parse(stdout) as AnalysisReport;
    expect(r.packets).toBe(records);
    expect(r.problems).toHaveLength(1_000);
    expect(r.bounds!.problems).toBe(records);
    expect(r.bounds!.omittedProblems).toEqual({ WIRE_TRUNCATED: records - 1_000 });
    expect(r.bounds!.limits.maxProblems).toBe(1_000);
    // The text summary of the same report (what `lab analyze` without --json prints).
    const text = formatAnalysisSummary(r, 'zeros.pcap');
    const lines = text.split('\n');
    expect(lines[0]).toBe(`zeros.pcap: ${records} packets (pcap), 0 TCP, 0 with MPTCP options, 0 MPTCP connections`);
    expect(text).toContain(`Problems (first 1,000 of ${records.toLocaleString('en-US')}):`);
    expect(text).toContain(`... and ${(records - 1000).toLocaleString('en-US')} more not listed: WIRE_TRUNCATED ${(records - 1000).toLocaleString('en-US')}`);
    expect(lines.filter((l) => l.startsWith('  ! WIRE_TRUNCATED'))).toHaveLength(50);
  }, 20_000);
});
