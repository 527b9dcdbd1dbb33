import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SimulationSummary } from '../../../worker/capture-client.ts';
import { makeStore, renderWithStore } from '../../testing/harness.tsx';
import { SimulationBanner } from './SimulationBanner.tsx';

const big = {
  scenarioId: 'bulk-100mb',
  title: 'Benchmark: 100 MB over two links',
  note: null,
  seed: 1,
  protocol: 'mptcp-v1',
  packets: 140_000,
  endUs: 900_000,
  finished: true,
  digest: 'abcd',
  pcapSha256: null,
  apps: [],
  mitigations: [],
  reproduce: { command: 'npm run --silent lab -- run bulk-100mb', needsFile: false },
  attackers: [],
  failures: [],
  tcpOnly: null,
  verdicts: [],
  outcome: { protocol: 'mptcp-v1', mitigations: [], failures: [], attackers: [], dataIntact: true, hashWork: 0, cutShort: false },
} satisfies SimulationSummary;

describe('the simulation banner', () => {
  it('a run too large to keep its packets says why there is no timeline, and how to get its packets', () => {
    const store = makeStore();
    renderWithStore(<SimulationBanner />, store);
    act(() => store.setState({ simulation: big }));
    expect(screen.getByRole('note').textContent).toContain('too large to keep its packets in the browser');
    expect(screen.getByRole('note').textContent).toContain('npm run --silent lab -- run bulk-100mb --pcap run.pcapng');
  });

  it('a run with its packets says nothing of the kind', () => {
    const store = makeStore();
    renderWithStore(<SimulationBanner />, store);
    act(() => store.setState({ simulation: { ...big, pcapSha256: 'ff' } }));
    expect(screen.queryByRole('note')).toBeNull();
  });
});
