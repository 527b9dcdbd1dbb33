/**
 * RFC 8684 §3.1 (and RFC 6824 §3.1): a SYN/ACK that arrives without
 * MP_CAPABLE makes the initiator fall back to TCP; its third ACK then
 * carries no MP_CAPABLE either, and the listener falls back too. A path
 * that loses the options on the SYN/ACK only (`stripOnly: 'syn-ack'`).
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../runner/run-scenario.ts';
import { builtinScenario } from '../scenario/builtin/index.ts';
import type { Protocol, Scenario } from '../scenario/types.ts';

function synAckStripped(protocol: Protocol): Scenario {
  const base = builtinScenario('fallback-midstream')!;
  return {
    ...base,
    protocol,
    middleboxes: base.middleboxes.map((m) => {
      const { stripData: _late, ...rest } = m;
      return { ...rest, stripOnly: 'syn-ack' as const };
    }),
  };
}

describe('RFC 8684 §3.1: MP_CAPABLE missing from the SYN/ACK', () => {
  for (const protocol of ['mptcp-v1', 'mptcp-v0'] as const) {
    it(`${protocol}: the client falls back on the SYN/ACK, the server on the third ACK, and every byte arrives over TCP`, () => {
      const r = runScenario(synAckStripped(protocol));
      const fallbacks = r.events.flatMap((e) => (e.kind === 'mptcp-fallback' ? [[e.host, e.cause]] : []));
      expect(fallbacks).toEqual([
        ['client', 'synack-without-mpc'],
        ['server', 'third-ack-without-mpc'],
      ]);
      expect(r.events.filter((e) => e.kind === 'middlebox-strip-mptcp')).toHaveLength(1);
      expect(r.apps[0]).toMatchObject({ intact: true, bytesRead: { server: 200_000 } });
      expect(r.finished).toBe(true);
    });
  }
});
