import { describe, expect, it } from 'vitest';
import type { HostEvent } from '../sim/events.ts';
import { appBytes, fakeAttacker, fakeTruth, knowing, fakeConnection } from '../testing/truth-builder.ts';
import { MONITORS, evaluateMonitors } from './registry.ts';

describe('the monitor registry', () => {
  it('has one monitor per failure of the security model, in its order', () => {
    expect(MONITORS.map((m) => m.id)).toEqual(['hijack', 'mitm', 'data-injection', 'eavesdrop-data', 'key-compromise', 'connection-dos', 'join-dos', 'resource-exhaustion', 'third-party-flooding', 'degradation']);
  });

  it('reports every finding in time order, then in monitor order', () => {
    // hijack (a DATA_FIN the attacker sent) and eavesdrop-data at 500 µs, key-compromise at 100 µs.
    const fin: HostEvent = { kind: 'mptcp-data-fin-received', timeUs: 500, host: 'server', token: '01', dsn: '5', packets: [9] };
    const a = fakeAttacker({ sent: [9], payloadsSeen: [{ packetId: 3, timeUs: 500, length: 32, bytes: appBytes(32) }], knowledge: knowing([[0x1111n, 50, 1], [0x2222n, 100, 2]]) });
    const found = evaluateMonitors(fakeTruth({ attackers: [a], events: [fin], connections: [fakeConnection()] }));
    expect(found.map((f) => [f.failure, f.timeUs])).toEqual([
      ['key-compromise', 100],
      ['hijack', 500],
      ['eavesdrop-data', 500],
    ]);
  });

  it('finds nothing in a run where no attacker did anything', () => {
    expect(evaluateMonitors(fakeTruth({ attackers: [fakeAttacker()] }))).toEqual([]);
  });
});
