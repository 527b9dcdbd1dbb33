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

// Wireshark's error severity (epan/proto.h PI_ERROR).
const PI_ERROR = 0x00800000;

interface WiresharkFrame {
  malformed: boolean;
  maxSeverity: number;
  tcpStream: string;
  mptcpStream: string;
  expectedTokens: number[];
  joinTokens: number[];
  syn: boolean;
  ack: boolean;
  mptcpOption: boolean;
}

/** One tshark pass over a capture (each start costs about half a second), every field the checks below need. */
function wireshark(file: string): WiresharkFrame[] {
  if (!existsSync(TSHARK)) throw new Error(`${TSHARK} is missing: npm test installs Debian's tshark package (run it as root)`);
  const fields = ['_ws.malformed', '_ws.expert.severity', 'tcp.stream', 'mptcp.stream', 'mptcp.expected_token', 'tcp.options.mptcp.recvtok', 'tcp.flags.syn', 'tcp.flags.ack', 'tcp.option_kind'];
  // The applications' bytes are a test pattern, not HTTP or TLS: keep those dissectors off port 8080's payload.
  const out = execFileSync(
    TSHARK,
    ['-n', '--disable-protocol', 'http', '--disable-protocol', 'tls', '-o', 'mptcp.analyze_mptcp:TRUE', '-r', file, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=,', ...fields.flatMap((f) => ['-e', f])],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 },
  );
  const numbers = (v: string) => (v ? v.split(',').map(Number) : []);
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [malformed = '', severity = '', tcpStream = '', mptcpStream = '', expected = '', recvtok = '', syn = '', ack = '', kinds = ''] = line.split('\t');
      return {
        malformed: malformed !== '',
        maxSeverity: Math.max(0, ...numbers(severity)),
        tcpStream,
        mptcpStream,
        expectedTokens: numbers(expected),
        joinTokens: numbers(recvtok),
        syn: syn === '1',
        ack: ack === '1',
        mptcpOption: numbers(kinds).includes(30),
      };
    });
}

describe.each(BUILTIN_SCENARIOS.map((s) => [s.id, s] as const))('built-in %s', (id, s) => {
  // A payload-rewriting middlebox changes what the application reads, and its checksums show it: that is what such a built-in shows.
  const rewrites = s.middleboxes.some((m) => m.kind === 'rewrite-payload');
  const notRewrite = (p: { code: string }) => !(rewrites && p.code === 'ANALYSIS_DSS_CHECKSUM_MISMATCH');

  it('runs to the reviewed outcome and digest', () => {
    const r = runScenario(s, { trace: 'digest' });
    expect(goldenSummary(r)).toEqual(golden[id]);
    if (s.attackers.length) return; // an attacked run ends as its failures (pinned above) say
    for (const a of r.apps) expect(a.intact).toBe(!rewrites);
    expect(r.finished).toBe(true);
  });

  if (id === 'bulk-100mb') return; // its capture would be 150 MB; the digest above pins it

  it('exports a capture Wireshark reads cleanly and our analyzer verifies', () => {
    const r = runScenario(s);
    const pcap = exportPcap(r.handle.records);
    const file = join(dir, `${id}.pcap`);
    writeFileSync(file, pcap);

    const frames = wireshark(file);
    // Zero malformed packets.
    expect(frames.flatMap((f, i) => (f.malformed || f.maxSeverity >= PI_ERROR ? [i + 1] : []))).toEqual([]);

    const report = analyzeCapture(pcap);
    expect(report.problems.filter(notRewrite)).toEqual([]);
    if (s.protocol === 'tcp' || s.middleboxes.some((m) => m.kind === 'strip-mptcp')) return;
    expect(report.connections.length).toBeGreaterThan(0);
    for (const c of report.connections) {
      expect(c.problems.filter(notRewrite)).toEqual([]);
      // Attackers' spoofed joins never complete (nothing to verify), but no join may fail its check.
      for (const sf of c.subflows) if (sf.join) expect(sf.hmacVerified).toBe(s.attackers.length ? (sf.hmacVerified === null ? null : true) : true);
      for (const a of c.addAddrs) if (!a.echo && c.version === 1) expect(a.hmacVerified).toBe(true);
    }

    // Every packet carrying MPTCP options belongs to an MPTCP stream in Wireshark's analysis (a v1 SYN carries no key yet).
    const mptcpRows = frames.filter((f) => f.mptcpOption && !(f.syn && !f.ack));
    expect(mptcpRows.length).toBeGreaterThan(0);
    for (const f of mptcpRows) expect(f.mptcpStream, `tcp.stream ${f.tcpStream}`).toMatch(/^\d+$/);

    // Wireshark's tokens from the keys are the tokens the joins carried.
    const expected = new Set(frames.flatMap((f) => f.expectedTokens));
    const joinTokens = frames.flatMap((f) => f.joinTokens);
    for (const t of joinTokens) expect(expected.has(t), `join token ${t}`).toBe(true);
  });
});
