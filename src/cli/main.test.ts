import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinScenario, type AnalysisReport } from '../engine/index.ts';
import { main } from './main.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/captures/${name}`, import.meta.url));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('lab analyze', () => {
  it('--json prints the documented shape', async () => {
    const r = await run('analyze', fixture('v1-two-subflows-add-addr.pcap'), '--json');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const report = JSON.parse(r.out) as AnalysisReport;
    expect(report.packets).toBe(70);
    const c = report.connections[0]!;
    expect(Object.keys(c)).toEqual(expect.arrayContaining(['version', 'client', 'server', 'clientKey', 'serverKey', 'clientToken', 'serverToken', 'clientIdsn', 'serverIdsn', 'subflows', 'addAddrs', 'removeAddrs', 'events', 'problems']));
    expect(c.clientKey).toMatch(/^[0-9a-f]{16}$/);
    expect(c.clientToken).toMatch(/^[0-9a-f]{8}$/);
    expect(c.subflows[0]).toMatchObject({ join: false, addressId: null, backup: false, hmacVerified: null });
    expect(c.subflows[1]).toMatchObject({ join: true, hmacVerified: true });
    expect(c.addAddrs[0]).toMatchObject({ frame: 4, from: 'server', addressId: 1, address: '198.18.2.2', port: null, echo: false, hmacVerified: true });
    expect(report.problems).toEqual([]);
  });

  it('writes IPv6 endpoints in RFC 5952 form with brackets', async () => {
    const report = JSON.parse((await run('analyze', fixture('v1-ipv6.pcap'), '--json')).out) as AnalysisReport;
    expect(report.connections[0]!.client).toMatch(/^\[2001:db8:1::1\]:\d+$/);
    expect(report.connections[0]!.server).toBe('[2001:db8:1::2]:8080');
  });

  it('prints a readable summary without --json', async () => {
    const r = await run('analyze', fixture('v1-two-subflows-add-addr.pcap'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 MPTCP connection/);
    expect(r.out).toMatch(/HMACs verified/);
    expect(r.out).toMatch(/ADD_ADDR from server: ID 1 198\.18\.2\.2 \(HMAC verified\)/);
  });

  it('a file that is not a capture: one coded line on stderr, status 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-'));
    const bad = join(dir, 'scenario.json');
    writeFileSync(bad, '{"schemaVersion": 1}\n');
    const r = await run('analyze', bad);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe('lab: error CAPTURE_UNKNOWN_FORMAT: not a pcap or pcapng file: starts with 7b 22 73 63 at byte 0 (looks like JSON text)');
  });

  it('a missing file', async () => {
    const r = await run('analyze', '/nonexistent/x.pcap');
    expect(r.code).toBe(1);
    expect(r.err).toBe('lab: error CLI_FILE: cannot read "/nonexistent/x.pcap": no such file');
  });

  it('usage errors exit 2 and point at the help', async () => {
    const r = await run('analyze');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^lab: error CLI_USAGE: analyze needs a capture file\nRun "lab analyze --help"/);
    expect((await run('analyze', 'x.pcap', '--frobnicate')).code).toBe(2);
    expect((await run('fly')).err).toMatch(/unknown command "fly"/);
  });

  it('no stack trace unless --debug', async () => {
    const plain = await run('analyze', '/nonexistent/x.pcap');
    expect(plain.err).not.toMatch(/\n\s+at /);
    const debug = await run('analyze', '/nonexistent/x.pcap', '--debug');
    expect(debug.err).toMatch(/\n\s+at /);
  });
});

describe('help', () => {
  it('lab --help lists every command, and each command documents its options', async () => {
    const top = await run('--help');
    expect(top.code).toBe(0);
    expect(top.out).toMatch(/analyze/);
    expect(top.out).toMatch(/bench/);
    for (const cmd of ['analyze', 'bench']) {
      const h = await run(cmd, '--help');
      expect(h.code).toBe(0);
      expect(h.out).toMatch(new RegExp(`^Usage: lab ${cmd}`));
      expect(h.out).toMatch(/--json/);
    }
  });
});

describe('lab matrix', () => {
  it('--json prints rows of the documented shape', async () => {
    const r = await run('matrix', '--attacks', 'add-addr-hijack', '--protocols', 'v1', '--mitigations', 'tls', '--json');
    expect(r.code).toBe(0);
    const { rows } = JSON.parse(r.out) as { rows: Record<string, unknown>[] };
    expect(rows).toHaveLength(10);
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['attack', 'location', 'capability', 'window', 'protocol', 'mitigations', 'scenario', 'failures', 'mptcpSpecific', 'tcpOnly', 'attempted', 'guessesUsed', 'expectedGuesses', 'amplification', 'baseline', 'attackerKnew']));
    // Wall time is on stderr, never in the JSON: the same sweep prints the same bytes.
    expect(rows[0]).not.toHaveProperty('runMs');
    const onPath = rows.find((x) => x.location === 'on-path' && (x.mitigations as string[]).length === 1)!;
    expect(onPath).toMatchObject({ attack: 'add-addr-hijack', capability: 'active', window: null, protocol: 'v1', mitigations: ['add-addr-hmac'], scenario: 'attack-add-addr-hijack' });
    expect(onPath.failures).toContain('hijack');
    expect(onPath).toMatchObject({ attempted: true, baseline: expect.stringMatching(/^single-path TCP/) });
    expect(r.err).toMatch(/10 rows in [\d.]+ s \(\d+ rows\/s\)/);
  });

  it('--workers is capped by the work: 64 asked for one attack’s rows runs them in one thread, and says so', async () => {
    const r = await run('matrix', '--attacks', 'add-addr-hijack', '--protocols', 'v1', '--mitigations', 'tls', '--workers', '64', '--json');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^lab matrix: 10 rows \(--workers 64 capped by 1 attack group\(s\) and \d+ core\(s\)\)$/m);
    expect((JSON.parse(r.out) as { rows: unknown[] }).rows).toHaveLength(10);
  });

  it('prints a table of attacks by attacker class, then what each mitigation changes', async () => {
    const r = await run('matrix', '--attacks', 'blind-reset,passive-eavesdrop', '--protocols', 'v0', '--mitigations', 'tls');
    expect(r.out).toMatch(/MPTCP v0, the version's default mitigations/);
    expect(r.out).toMatch(/passive-eavesdrop .*EAV/);
    expect(r.out).toMatch(/tls\s+removes eavesdrop-data ×\d+/);
  });

  it('--guess-budget sets how many guesses each off-path attacker really sends', async () => {
    const r = await run('matrix', '--attacks', 'blind-reset', '--protocols', 'v1', '--mitigations', 'tls', '--guess-budget', '40', '--json');
    expect(r.code).toBe(0);
    const { rows } = JSON.parse(r.out) as { rows: { location: string; guessesUsed: number; attempted: boolean }[] };
    const offPath = rows.filter((x) => x.location === 'off-path');
    expect(offPath.length).toBeGreaterThan(0);
    for (const x of offPath) expect(x).toMatchObject({ guessesUsed: 40, attempted: true });
    for (const bad of ['-3', '2.5', 'many']) {
      const e = await run('matrix', `--guess-budget=${bad}`);
      expect(e.code).toBe(2);
      expect(e.err).toContain(`--guess-budget must be a whole number from 0 to 200000 (the scenario limit), got "${bad}"`);
    }
    expect((await run('matrix', '--guess-budget=10000000')).err).toContain('from 0 to 200000 (the scenario limit), got "10000000"');
  });

  it('refuses an unknown attack, naming the known ones', async () => {
    const r = await run('matrix', '--attacks', 'rst-storm');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--attacks: "rst-storm" is not one of add-addr-hijack, /);
  });
});

describe('lab run --pcap', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-run-'));

  it('refuses a classic pcap of every link, and says what to write instead', async () => {
    const r = await run('run', 'two-path-v1', '--pcap', join(dir, 'all.pcap'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('a classic pcap has no interface');
    expect(r.err).toContain('.pcapng');
  });

  it('writes pcapng with one interface per link; lab analyze counts each packet once, as on one link', async () => {
    const ng = join(dir, 'two-path.pcapng');
    const one = join(dir, 'client-r1.pcap');
    expect((await run('run', 'two-path-v1', '--pcap', ng)).code).toBe(0);
    expect((await run('run', 'two-path-v1', '--pcap', one, '--link', 'client-r1')).code).toBe(0);
    const all = JSON.parse((await run('analyze', ng, '--json')).out) as AnalysisReport;
    const single = JSON.parse((await run('analyze', one, '--json')).out) as AnalysisReport;
    expect(all.format).toBe('pcapng');
    // Loss-free, every packet crosses two links: half the frames are second hops.
    expect(all.hopRepeats * 2).toBe(all.packets);
    expect(all.problems).toEqual([]);
    expect(all.connections).toHaveLength(1);
    const [c] = all.connections;
    expect(c!.subflows[0]!.packets).toBe(single.connections[0]!.subflows[0]!.packets);
    expect(c!.subflows.reduce((n, s) => n + s.packets, 0)).toBe(all.hopRepeats);
    // Each connection-level event once (the classic pcap of every hop listed them once per link).
    const kinds = (e: AnalysisReport['connections'][number]['events']) => e.map((x) => `${x.kind} ${x.detail}`);
    expect(kinds(c!.events)).toEqual(kinds(single.connections[0]!.events));
  });
});

describe('lab run --protocol / --mitigations: the app\'s switches', () => {
  it('reproduces the digest of the app\'s run with the same switches, from the command the app\'s report prints', async () => {
    const { CaptureService } = await import('../worker/capture-service.ts');
    const { summary } = await new CaptureService().simulate(1, 'attack-add-addr-hijack-v0', { protocol: 'mptcp-v1', mitigations: ['dh-keys'] }, () => {});
    expect(summary.reproduce).toEqual({ command: 'npm run --silent lab -- run attack-add-addr-hijack-v0 --protocol mptcp-v1 --mitigations dh-keys', needsFile: false });
    const args = summary.reproduce.command.replace('npm run --silent lab -- ', '').split(' ');
    const r = await run(...args);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`trace digest ${summary.digest}`);
    expect(r.out).toContain('protocol mptcp-v1');
  });

  it('refuses a protocol or mitigation it does not know, naming what it takes', async () => {
    const p = await run('run', 'two-path-v1', '--protocol', 'v2');
    expect(p.code).toBe(2);
    expect(p.err).toContain('--protocol takes one of mptcp-v0, mptcp-v1, tcp, got "v2"');
    const m = await run('run', 'two-path-v1', '--mitigations', 'tls,firewall');
    expect(m.code).toBe(2);
    expect(m.err).toContain('--mitigations: unknown "firewall"');
  });
});

describe('terminal output', () => {
  it('prints a scenario title carrying escape sequences as text, never obeying them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-ansi-'));
    const file = join(dir, 'ansi.json');
    writeFileSync(file, JSON.stringify({ ...builtinScenario('two-path-v1')!, title: 'Evil\u001b[2J\u001b]0;pwned\u0007 title\r' }));
    const r = await run('run', file);
    expect(r.code).toBe(0);
    expect(r.out + r.err).toContain('Evil\\x1b[2J\\x1b]0;pwned\\x07 title\\x0d');
    expect([...(r.out + r.err)].filter((ch) => ch === '\u001b' || ch === '\u0007' || ch === '\r')).toEqual([]);
  });
});

describe('lab run: a scenario file with many problems', () => {
  it('prints the first hundred, then how many more, and counts them all in the header', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-bad-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, id: 'bad', title: 'Bad', seed: 1, protocol: 'tcp', hosts: Array(5000).fill(1), links: [], traffic: [] }));
    const r = await run('run', file);
    expect(r.code).not.toBe(0);
    const lines = r.err.split('\n');
    expect(lines[0]).toBe(`lab: error SCENARIO_INVALID: ${file} is not a valid scenario (5,002 problems):`);
    expect(lines.filter((l) => l.startsWith('  $'))).toHaveLength(100);
    expect(lines.at(-1)).toBe('  … and 4,902 more problems');
  });
});

describe('lab live (usage; the runs themselves are in src/cli/live/*.interop.test.ts)', () => {
  it('names its subcommands, refuses a v0 scenario and a host it does not have, and lists what it needs in --help', async () => {
    expect(await run('live')).toMatchObject({ code: 2, err: expect.stringContaining('lab live needs a subcommand: run, compare or clean') });
    expect(await run('live', 'compare', '--json', '--markdown')).toMatchObject({ code: 2, err: expect.stringContaining('pick one') });
    expect(await run('live', 'run', 'two-path-v1', '--linux', 'mallory')).toMatchObject({ code: 2, err: expect.stringContaining('no host "mallory" in two-path-v1 (hosts: client, server)') });
    expect(await run('live', 'run', 'two-path-v0')).toMatchObject({ code: 2, err: expect.stringContaining('live runs need MPTCP v1 (Linux speaks only v1); two-path-v0 is mptcp-v0') });
    const help = await run('live', '--help');
    expect(help.out).toContain('Needs: Linux, root, /dev/net/tun');
  });
});
