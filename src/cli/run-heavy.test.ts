import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../engine/index.ts';
import { main } from './main.ts';

/** `now` sets the CLI's clock; progress lines then arrive on stderr as on a pipe. */
async function run(argv: string[], now?: () => number) {
  const out: string[] = [];
  const err: string[] = [];
  const progress = now ? { progress: { tty: false, now, update: (t: string) => err.push(t), done: () => {} } } : {};
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), ...progress });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('lab run --until', () => {
  it('stops at the time given, says so, and calls an attack cut short incomplete, not defended', async () => {
    const r = await run(['run', 'attack-blind-reset', '--until', '50ms']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('stopped at 0.050000 s simulated by --until');
    expect(r.out).toContain('INCOMPLETE: cut short by the stop');
    expect(r.out).toContain('security failures: none so far; the run stopped while attacks could still act, so they are incomplete, not defended');
    expect(r.out).not.toMatch(/security failures: none$/m);
  });

  it('--json carries the stop', async () => {
    const r = await run(['run', 'two-path-v1', '--until', '2s', '--json', '-']);
    const result = JSON.parse(r.out) as { stopped: unknown; endUs: number };
    expect(result.endUs).toBeLessThanOrEqual(2_000_000);
    // two-path-v1 finishes before 2 s: no stop to report.
    expect(result.stopped).toBeNull();
    const cut = JSON.parse((await run(['run', 'two-path-v1', '--until', '20ms', '--json', '-'])).out) as { stopped: unknown };
    expect(cut.stopped).toEqual({ atUs: 20_000, by: 'until', phase: 'run' });
  });

  it('a bad --until is a usage error', async () => {
    const r = await run(['run', 'two-path-v1', '--until', 'soon']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--until takes a time such as 2s, 150ms or 300us');
  });

  it('prints progress on stderr once a second after the first, keeping stdout the result', async () => {
    let t = 0;
    const s = builtinScenario('two-path-v1')!;
    const path = join(mkdtempSync(join(tmpdir(), 'lab-progress-')), 'five-mb.json');
    writeFileSync(path, JSON.stringify({ ...s, traffic: s.traffic.map((x) => ({ ...x, bytes: 5_000_000 })) }));
    // Each reading of the clock moves it 400 ms: a progress line every third report or so.
    const r = await run(['run', path], () => (t += 400));
    expect(r.code).toBe(0);
    const lines = r.err.split('\n').filter((l) => l.startsWith('lab run: '));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^lab run: run at \d+\.\d{3} s simulated, [\d,]+ packets, [\d.]+ s elapsed \(estimated [\d.]+ s in all\)$/);
    expect(r.out).not.toContain('lab run:');
  });

  it('a quick run prints no progress', async () => {
    const r = await run(['run', 'two-path-v1'], () => 0);
    expect(r.err).toBe('');
  });
});

describe('lab run and Ctrl-C', () => {
  it('stops cleanly at the next batch, reports the run so far as stopped by the user, and leaves no handler behind', async () => {
    const listeners = process.listenerCount('SIGINT');
    let t = 0;
    let interrupted = false;
    // Each clock reading is 100 ms later: the run turns the event loop after every batch, where the signal lands.
    const pending = run(['run', 'bulk-100mb'], () => {
      if (!interrupted && t > 1000) {
        interrupted = true;
        setImmediate(() => process.emit('SIGINT'));
      }
      return (t += 100);
    });
    const r = await pending;
    expect(r.code).toBe(0);
    expect(r.err).toContain('lab run: stopping at the next batch of events (Ctrl-C again quits at once)');
    expect(r.out).toMatch(/stopped at \d+\.\d+ s simulated by the user/);
    expect(process.listenerCount('SIGINT')).toBe(listeners);
  });
});

describe('lab run output files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-out-'));

  it('a missing directory fails before the run, with CLI_OUTPUT, the path and the reason', async () => {
    const path = join(dir, 'nope', 'run.json');
    const r = await run(['run', 'two-path-v1', '--json', path]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(`lab: error CLI_OUTPUT: --json ${path}: cannot write "${path}": its directory "${join(dir, 'nope')}" does not exist`);
  });

  it('a directory as the file', async () => {
    const r = await run(['run', 'two-path-v1', '--pcap', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`lab: error CLI_OUTPUT: --pcap ${dir}: cannot write "${dir}": it is a directory`);
  });

  // Root may write anywhere permissions allow (the tests run as root here): for it, procfs's sysctl tree is the
  // folder and the file that refuse writes even to root; for anyone else, a folder and a file made read-only.
  const asRoot = process.getuid?.() === 0;

  it('a directory it may not write', async () => {
    const locked = asRoot ? '/proc/sys' : join(dir, 'locked');
    if (!asRoot) {
      mkdirSync(locked);
      chmodSync(locked, 0o500);
    }
    const path = join(locked, 'run.pcapng');
    const r = await run(['run', 'two-path-v1', '--pcap', path]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`lab: error CLI_OUTPUT: --pcap ${path}: cannot write "${path}": its directory "${locked}": permission denied`);
    if (!asRoot) chmodSync(locked, 0o700);
  });

  it('a read-only file', async () => {
    const path = asRoot ? '/proc/sys/kernel/osrelease' : join(dir, 'readonly.json');
    if (!asRoot) {
      writeFileSync(path, '');
      chmodSync(path, 0o400);
    }
    const r = await run(['run', 'two-path-v1', '--json', path]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`lab: error CLI_OUTPUT: --json ${path}: cannot write "${path}": permission denied`);
  });

  it('a write that fails after the run (a full disk) is CLI_OUTPUT with the reason, never INTERNAL', async () => {
    const r = await run(['run', 'two-path-v1', '--pcap', '/dev/full']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('lab: error CLI_OUTPUT: --pcap /dev/full: cannot write "/dev/full": no space left on the device');
    const j = await run(['run', 'two-path-v1', '--json', '/dev/full']);
    expect(j.err).toBe('lab: error CLI_OUTPUT: --json /dev/full: cannot write "/dev/full": no space left on the device');
  });

  it('the pcap path is checked before the run even when --json is fine', async () => {
    const json = join(dir, 'fine.json');
    const r = await run(['run', 'two-path-v1', '--json', json, '--pcap', join(dir, 'nope', 'x.pcapng')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('CLI_OUTPUT');
    expect(() => readFileSync(json)).toThrow();
  });

  it('a scenario over a limit is refused with the limit and its path', async () => {
    const s = builtinScenario('attack-blind-reset')!;
    const heavy = { ...s, attackers: Array.from({ length: 16 }, (_, i) => ({ ...s.attackers[0]!, id: `m${i}`, guessBudget: 100_000 })) };
    const path = join(dir, 'heavy.json');
    writeFileSync(path, JSON.stringify(heavy));
    const r = await run(['run', path]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('$.attackers');
    expect(r.err).toContain('at most 200,000 per scenario');
  });

  it('help documents the limits, --until and the output checks', async () => {
    const r = await run(['run', '--help']);
    expect(r.out).toContain('Limits (a scenario over one is invalid');
    expect(r.out).toContain('200,000 per attacker');
    expect(r.out).toContain('by --until');
    expect(r.out).toContain('CLI_OUTPUT');
  });
});
