import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINKTYPE_RAW, PcapWriter, SCENARIO_MAX_BYTES } from '../engine/index.ts';
import type { CliIo } from './commands/command.ts';
import { main } from './main.ts';
import { analyzeFile } from './commands/analyze.ts';

async function run(argv: string[], progress?: CliIo['progress']) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), ...(progress && { progress }) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('input files are checked before they are read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-read-'));

  it('refuses a scenario file over 10 MB at once, naming the limit and its size', async () => {
    const big = join(dir, 'big.json');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 12 * 1024 * 1024); // sparse: nothing is written, so nothing could have been read either
    closeSync(fd);
    const r = await run(['run', big]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`lab: error CLI_FILE_TOO_BIG: "${big}" is 12.0 MB (12,582,912 bytes): the limit is 10.0 MB (${SCENARIO_MAX_BYTES.toLocaleString('en-US')} bytes)`);
  });

  it('reads a scenario file at the limit', async () => {
    const ok = join(dir, 'small.json');
    writeFileSync(ok, '{"schemaVersion": 1}');
    const r = await run(['run', ok]);
    expect(r.err).toMatch(/SCENARIO_INVALID/);
  });

  it('still says a name is neither a built-in nor a file', async () => {
    const r = await run(['run', join(dir, 'nope.json')]);
    expect(r.err).toMatch(/^lab: error CLI_FILE: ".*nope\.json" is neither a built-in scenario \(.*\) nor a file$/);
  });

  it('refuses devices for run and analyze', async () => {
    for (const cmd of ['run', 'analyze']) {
      const r = await run([cmd, '/dev/zero']);
      expect(r.code).toBe(1);
      expect(r.err).toBe('lab: error CLI_NOT_A_FILE: cannot read "/dev/zero": it is a character device; only regular files are read');
    }
  });

  it('refuses a FIFO without waiting for a writer', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    for (const cmd of ['run', 'analyze']) {
      const r = await run([cmd, fifo]);
      expect(r.err).toBe(`lab: error CLI_NOT_A_FILE: cannot read "${fifo}": it is a FIFO (named pipe); only regular files are read`);
    }
  });

  it('refuses a directory', async () => {
    expect((await run(['analyze', dir])).err).toBe(`lab: error CLI_FILE: cannot read "${dir}": it is a directory`);
  });
});

describe('lab analyze progress', () => {
  it('prints progress lines through the progress channel only, with the CLI’s clock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-progress-'));
    const file = join(dir, 'zeros.pcap');
    const bytes = new Uint8Array(3 * 1024 * 1024 + 24);
    bytes.set(new PcapWriter({ linkType: LINKTYPE_RAW }).header());
    writeFileSync(file, bytes);
    const lines: string[] = [];
    let t = 0;
    let done = 0;
    // The analysis itself (lab analyze runs it in a worker thread, whose clock a test cannot set).
    const report = analyzeFile(file, { tty: true, now: () => (t += 600), update: (s) => lines.push(s), done: () => done++ });
    expect(report.packets).toBe((3 * 1024 * 1024) / 16);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^analyze: \d+\.\d of 3\.0 MB \(\d+%\), [\d,]+ packets, \d+\.\d MB\/s$/);
    expect(done).toBe(1);
  });

  it('stays quiet for a small file when stderr is not a terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-progress-'));
    const file = join(dir, 'zeros.pcap');
    const bytes = new Uint8Array(2 * 1024 * 1024 + 24);
    bytes.set(new PcapWriter({ linkType: LINKTYPE_RAW }).header());
    writeFileSync(file, bytes);
    const lines: string[] = [];
    let t = 0;
    await run(['analyze', file], { tty: false, now: () => (t += 600), update: (s) => lines.push(s), done: () => {} });
    expect(lines).toEqual([]);
  });
});
