/**
 * DSS checksums against a middlebox that rewrites payload (RFC 8684 §3.7):
 * with several subflows the damaged subflow is reset with MP_FAIL and its
 * data resent elsewhere; with one, MP_FAIL and an infinite mapping end MPTCP.
 */
import { describe, expect, it } from 'vitest';
import { analyzeCapture } from '../analysis/analyze-capture.ts';
import { patternByte } from '../host/byte-stream.ts';
import { fnv1a32 } from '../core/rng.ts';
import { exportPcap } from '../runner/pcap-export.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { rewritingPathScenario } from '../testing/scenarios.ts';

// Two bytes the bulk pattern of the test scenario certainly contains, and a replacement.
const phase = fnv1a32('bulk:client') % 251;
const match = String.fromCharCode(patternByte(phase, 100), patternByte(phase, 101));
const replace = String.fromCharCode(patternByte(phase, 100) ^ 1, patternByte(phase, 101));

describe('a payload-rewriting middlebox', () => {
  it('without DSS checksums, corrupts what the application reads', () => {
    const r = runScenario(rewritingPathScenario(match, replace, false));
    expect(r.events.some((e) => e.kind === 'middlebox-rewrite-payload')).toBe(true);
    expect(r.apps[0]!.intact).toBe(false);
  });

  it('with checksums and two subflows: the damaged subflow is reset with MP_FAIL, the data comes intact over the other', () => {
    const r = runScenario(rewritingPathScenario(match, replace, true));
    expect(r.finished).toBe(true);
    expect(r.apps[0]).toMatchObject({ intact: true, bytesRead: { server: 500_000 } });
    const failed = r.events.find((e) => e.kind === 'mptcp-subflow-reset' && e.cause === 'checksum-failed');
    expect(failed).toMatchObject({ mpTcpRst: 6 });
    expect(r.events.some((e) => e.kind === 'mptcp-fail-received')).toBe(true);
    // The analyzer sees the MP_FAIL and the failed checksum on the wire.
    const report = analyzeCapture(exportPcap(r.handle.records));
    const c = report.connections[0]!;
    expect(c.events.some((e) => e.kind === 'mp-fail')).toBe(true);
    expect(c.dssChecksum.failed).toBeGreaterThan(0);
  });

  it('with checksums and one subflow: MP_FAIL, an infinite mapping, and fallback to TCP', () => {
    const r = runScenario(rewritingPathScenario(match, replace, true, true));
    expect(r.finished).toBe(true);
    expect(r.events.some((e) => e.kind === 'mptcp-fail-received')).toBe(true);
    expect(r.events.filter((e) => e.kind === 'mptcp-fallback').length).toBe(2);
    const c = analyzeCapture(exportPcap(r.handle.records)).connections[0]!;
    expect(c.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['mp-fail', 'fallback']));
    // TCP delivers what the middlebox made of the data: MPTCP detected it, it cannot undo it.
    expect(r.apps[0]!.bytesRead.server).toBe(500_000);
  });
});
