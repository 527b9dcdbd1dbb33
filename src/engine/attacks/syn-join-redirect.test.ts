/**
 * RFC 7430 §6: rewriting a SYN+MP_JOIN's source address. Plain HMACs do not
 * notice; HMACs bound to the addresses do, and the join fails instead.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, type RunResult } from '../runner/run-scenario.ts';
import type { AttackerSpec, HostMitigation } from '../scenario/types.ts';
import { routedTwoPathScenario } from '../testing/scenarios.ts';

const mallory: AttackerSpec = { id: 'mallory', location: 'on-path', capability: 'active', at: ['l2'], attack: 'syn-join-redirect', params: {}, guessBudget: 0, address: '198.18.66.6' };
const run = (mitigations: HostMitigation[] = []): RunResult => {
  const s = routedTwoPathScenario('mptcp-v1');
  return runScenario({ ...s, mptcp: { ...s.mptcp, mitigations }, attackers: [mallory] });
};

describe('SYN/JOIN redirect', () => {
  it('the server accepts the join from the attacker address and the subflow runs through the attacker', () => {
    const r = run();
    expect(r.failures.map((f) => [f.id, f.mptcpSpecific])).toEqual([
      ['hijack', true],
      ['eavesdrop-data', true], // single-path TCP never uses the second path, so nothing to see there
      ['mitm', true], // from the moment the server took the client's data in over the attacker's subflow
    ]);
    const mitm = r.failures.find((f) => f.id === 'mitm')!;
    expect(mitm.explanation).toMatch(/server took \d+ bytes of its connection's data over the subflow 198\.18\.11\.2:8080 ↔ 198\.18\.66\.6:\d+/);
    expect(r.events.find((e) => e.kind === 'mptcp-join-syn')).toMatchObject({ remote: expect.stringMatching(/^198\.18\.66\.6:/) });
    expect(r.packets.find((p) => p.fate === 'modified')!.link).toBe('l2');
    expect(r.apps[0]!.intact && r.apps[0]!.completedUs !== null).toBe(true);
  });

  it('with address-bound join HMACs the client rejects the SYN/ACK: no hijack, but the join is lost (join-dos)', () => {
    const r = run(['address-bound-join-hmac']);
    expect(r.failures.map((f) => f.id)).toEqual(['join-dos']);
    expect(r.failures[0]!.explanation).toMatch(/MP_JOIN SYN\/ACK HMAC [0-9a-f]+ is not the [0-9a-f]+ our keys give/);
  });
});
