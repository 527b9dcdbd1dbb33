/**
 * Golden runs of every built-in scenario (DESIGN.md §7): same digest and
 * outcome as reviewed in golden/builtins.json, and a capture Wireshark
 * reads cleanly, maps to MPTCP connections, and our analyzer verifies.
 * After a deliberate behaviour change: `npx tsx scripts/update-golden.ts`,
 * then review the diff.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCapture } from '../analysis/analyze-capture.ts';
import { BUILTIN_SCENARIOS } from '../scenario/builtin/index.ts';
import { goldenSummary } from './golden-summary.ts';
import { exportPcap } from './pcap-export.ts';
import { runScenario } from './run-scenario.ts';

const golden = JSON.parse(readFileSync(new URL('./golden/builtins.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const TSHARK = '/usr/bin/tshark';
const dir = mkdtempSync(join(tmpdir(), 'lab-golden-'));

function tshark(file: string, ...args: string[]): string {
  if (!existsSync(TSHARK)) throw new Error(`${TSHARK} is missing: npm test installs Debian's tshark package (run it as root)`);
  // The applications' bytes are a test pattern, not HTTP or TLS: keep those dissectors off port 8080's payload.
  return execFileSync(TSHARK, ['-n', '--disable-protocol', 'http', '--disable-protocol', 'tls', '-r', file, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

describe.each(BUILTIN_SCENARIOS.map((s) => [s.id, s] as const))('built-in %s', (id, s) => {
  it('runs to the reviewed outcome and digest', () => {
    const r = runScenario(s, { trace: 'digest' });
    expect(goldenSummary(r)).toEqual(golden[id]);
    if (s.attackers.length) return; // an attacked run ends as its failures (pinned above) say
    for (const a of r.apps) expect(a.intact).toBe(true);
    expect(r.finished).toBe(true);
  });

  if (id === 'bulk-100mb') return; // its capture would be 150 MB; the digest above pins it

  it('exports a capture Wireshark reads cleanly and our analyzer verifies', () => {
    const r = runScenario(s);
    const pcap = exportPcap(r.handle.records);
    const file = join(dir, `${id}.pcap`);
    writeFileSync(file, pcap);

    // Zero malformed packets.
    expect(tshark(file, '-Y', '_ws.malformed || _ws.expert.severity == "error"', '-T', 'fields', '-e', 'frame.number').trim()).toBe('');

    const report = analyzeCapture(pcap);
    expect(report.problems).toEqual([]);
    if (s.protocol === 'tcp' || s.middleboxes.some((m) => m.kind === 'strip-mptcp')) return;
    expect(report.connections.length).toBeGreaterThan(0);
    for (const c of report.connections) {
      expect(c.problems).toEqual([]);
      // Attackers' spoofed joins never complete (nothing to verify), but no join may fail its check.
      for (const sf of c.subflows) if (sf.join) expect(sf.hmacVerified).toBe(s.attackers.length ? (sf.hmacVerified === null ? null : true) : true);
      for (const a of c.addAddrs) if (!a.echo && c.version === 1) expect(a.hmacVerified).toBe(true);
    }

    // Every packet carrying MPTCP options belongs to an MPTCP stream in Wireshark's analysis (a v1 SYN carries no key yet).
    const rows = tshark(file, '-o', 'mptcp.analyze_mptcp:TRUE', '-Y', 'mptcp && !(tcp.flags.syn == 1 && tcp.flags.ack == 0)', '-T', 'fields', '-e', 'tcp.stream', '-e', 'mptcp.stream')
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(rows.length).toBeGreaterThan(0);
    for (const [tcpStream, mptcpStream] of rows) expect(mptcpStream, `tcp.stream ${tcpStream}`).toMatch(/^\d+$/);

    // Wireshark's tokens from the keys are the tokens the joins carried.
    const expected = new Set(
      tshark(file, '-o', 'mptcp.analyze_mptcp:TRUE', '-Y', 'mptcp.expected_token', '-T', 'fields', '-e', 'mptcp.expected_token')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((t) => Number(t)),
    );
    const joinTokens = tshark(file, '-Y', 'tcp.options.mptcp.recvtok', '-T', 'fields', '-e', 'tcp.options.mptcp.recvtok').trim().split('\n').filter(Boolean);
    for (const t of joinTokens) expect(expected.has(Number(t)), `join token ${t}`).toBe(true);
  });
});
