/**
 * RFC 8684 §3.7 on a joined subflow: when data is acknowledged without a
 * DATA_ACK, the path drops MPTCP options, and the host MUST close that
 * subflow with a RST (MP_TCPRST "middlebox interference"); the connection
 * carries on over its other subflows. Here a middlebox on the second path
 * starts stripping the options of every segment the server sends on it,
 * after the join is up.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, type RunResult } from '../runner/run-scenario.ts';
import type { Scenario } from '../scenario/types.ts';
import { link, twoPathScenario } from '../testing/scenarios.ts';

function strippedSecondPath(fromUs: number): Scenario {
  const base = twoPathScenario('mptcp-v1');
  return {
    ...base,
    id: 'test-join-strip',
    middleboxes: [
      {
        id: 'mb',
        kind: 'strip-mptcp',
        stripData: { fromUs, direction: 'b-to-a', segments: 'all' },
        interfaces: [
          { id: 'a', addresses: ['198.18.9.1/24'] },
          { id: 'b', addresses: ['198.18.9.2/24'] },
        ],
      },
    ],
    links: [link('l1', 'client.c1', 'server.s1'), link('l2a', 'client.c2', 'mb.a'), link('l2b', 'mb.b', 'server.s2')],
  };
}

const resets = (r: RunResult) => r.events.flatMap((e) => (e.kind === 'mptcp-subflow-reset' ? [[e.host, e.cause, e.mpTcpRst]] : []));

describe('RFC 8684 §3.7: a joined subflow whose data is acknowledged without a DATA_ACK', () => {
  it('is reset with MP_TCPRST "middlebox interference" (6); every byte still arrives, over the first subflow', () => {
    const r = runScenario(strippedSecondPath(100_000));
    expect(resets(r)).toEqual([['client', 'ack-without-data-ack', 6]]);
    expect(r.events.some((e) => e.kind === 'mptcp-fallback')).toBe(false);
    expect(r.apps[0]).toMatchObject({ intact: true, bytesRead: { server: 500_000 } });
  });

  it('an unstripped second path keeps its join', () => {
    const r = runScenario(strippedSecondPath(60_000_000));
    expect(resets(r)).toEqual([]);
    expect(r.apps[0]).toMatchObject({ intact: true });
  });
});
