/**
 * MPTCP end to end in the simulator: handshakes, joins, data over several
 * subflows, close; checked by the capture analyzer (the same one that
 * verifies Linux's captures) on the exported pcap.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeCapture } from '../analysis/analyze-capture.ts';
import { exportPcap } from '../runner/pcap-export.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { twoPathScenario } from '../testing/scenarios.ts';

describe.each(['mptcp-v1', 'mptcp-v0'] as const)('%s over two paths', (protocol) => {
  const r = runScenario(twoPathScenario(protocol));
  const report = analyzeCapture(exportPcap(r.handle.records));

  it('delivers every byte in order over both subflows and closes', () => {
    expect(r.finished).toBe(true);
    expect(r.apps[0]).toMatchObject({ bytesRead: { server: 500_000 }, intact: true, closedBy: { client: 'fin', server: 'fin' } });
    const carried = r.subflows.filter((s) => s.host === 'server').map((s) => s.bytesReceived);
    expect(carried).toHaveLength(2);
    for (const b of carried) expect(b).toBeGreaterThan(50_000);
  });

  it('puts on the wire what the analyzer verifies: keys, tokens, IDSNs, join and ADD_ADDR HMACs', () => {
    expect(report.problems).toEqual([]);
    expect(report.connections).toHaveLength(1);
    const c = report.connections[0]!;
    expect(c.version).toBe(protocol === 'mptcp-v1' ? 1 : 0);
    expect(c.problems).toEqual([]);
    expect([c.clientIdsnVerified, c.serverIdsnVerified]).toEqual([true, true]);
    expect(c.subflows).toHaveLength(2);
    expect(c.subflows[1]).toMatchObject({ join: true, hmacVerified: true, established: true });
    const announce = c.addAddrs.find((a) => !a.echo)!;
    expect(announce).toMatchObject({ from: 'server', address: '198.18.2.2', hmacVerified: protocol === 'mptcp-v1' ? true : null });
    expect(c.events.filter((e) => e.kind === 'data-fin').map((e) => e.from).sort()).toEqual(['client', 'server']);
  });
});

describe('MPTCP under loss', () => {
  it('every byte arrives, in order, for any seed and loss up to 5 %', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.double({ min: 0, max: 0.05, noNaN: true }), fc.integer({ min: 1, max: 200_000 }), (seed, lossRate, bytes) => {
        const s = twoPathScenario('mptcp-v1', { seed, traffic: [{ id: 'bulk', kind: 'bulk', from: 'client', to: 'server', toAddress: '198.18.1.2', port: 8080, bytes, startUs: 0 }] }, { lossRate });
        const r = runScenario(s, { trace: 'digest' });
        expect(r.apps[0]!.bytesRead.server).toBe(bytes);
        expect(r.apps[0]!.intact).toBe(true);
        expect(r.finished).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
