/**
 * RFC 7430 §5 and RFC 6181 §6.2: keys read while on the path let the
 * attacker join the connection later from its own address; an attacker
 * whose window missed the handshake cannot.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, type RunResult } from '../runner/run-scenario.ts';
import type { AttackerSpec, HostMitigation, Scenario } from '../scenario/types.ts';
import { routedTwoPathScenario } from '../testing/scenarios.ts';

const eve = (over: Partial<AttackerSpec> = {}): AttackerSpec => ({
  id: 'eve',
  location: 'partial-time-on-path',
  window: { fromUs: 0, toUs: 60_000 }, // the routed handshake takes about 40 ms
  capability: 'active',
  at: ['l1'],
  attack: 'handshake-eavesdrop-hijack',
  params: {},
  guessBudget: 0,
  address: '198.18.66.6',
  ...over,
});
const run = (s: Scenario, a: AttackerSpec, mitigations: HostMitigation[] = []): RunResult => runScenario({ ...s, mptcp: { ...s.mptcp, mitigations }, attackers: [a] });
const ids = (r: RunResult) => r.failures.map((f) => f.id).sort();

describe('joining with stolen keys (RFC 6181 §6.2, RFC 7430 §5)', () => {
  it('handshake-eavesdrop-hijack (v1): after leaving, it joins from its own address and its data reaches the server application', () => {
    const r = run(routedTwoPathScenario('mptcp-v1'), eve());
    expect(ids(r)).toEqual(['data-injection', 'eavesdrop-data', 'hijack', 'key-compromise']);
    const accepted = r.events.find((e) => e.kind === 'mptcp-join-accepted' && e.subflow.includes('198.18.66.6:'))!;
    expect(accepted.timeUs).toBeGreaterThan(60_000);
    for (const id of ['data-injection', 'hijack', 'key-compromise']) expect(r.failures.find((f) => f.id === id)!.mptcpSpecific).toBe(true);
    // The forged chunks were lined up with the real stream's chunks, so the server kept them.
    expect(r.apps[0]!.intact).toBe(false);
    expect(r.apps[0]!.completedUs).not.toBeNull();
  });

  it('an attacker whose window missed the handshake does not know the keys and gives up', () => {
    const r = run(routedTwoPathScenario('mptcp-v1'), eve({ window: { fromUs: 100_000, toUs: 150_000 } }));
    expect(r.attackers[0]!.knew).not.toContain('keys');
    expect(r.attackers[0]!.actions.at(-1)).toMatchObject({ kind: 'attacker-gives-up', note: expect.stringMatching(/knows no key of any connection/) });
    expect(ids(r)).toEqual(['eavesdrop-data']);
  });

  it('address-bound join HMACs do not stop it: it joins from its own real address, and binds its HMAC as the SYN/ACK shows', () => {
    const r = run(routedTwoPathScenario('mptcp-v1'), eve(), ['address-bound-join-hmac']);
    expect(r.attackers[0]!.actions.some((a) => 'note' in a && /bound to the addresses, as the SYN\/ACK showed/.test(a.note))).toBe(true);
    expect(ids(r)).toContain('hijack');
  });

  it('time-shifted-hijack (v0): it acts after leaving, with the keys v0 sent in the SYN and SYN/ACK', () => {
    const r = run(routedTwoPathScenario('mptcp-v0'), eve({ attack: 'time-shifted-hijack', params: { delayUs: 100_000 } }));
    expect(r.attackers[0]!.actions.find((a) => a.kind === 'attacker-uses-keys')!.timeUs).toBe(160_000);
    expect(ids(r)).toEqual(['data-injection', 'eavesdrop-data', 'hijack', 'key-compromise']);
  });
});

describe('dh-keys (what-if): keys agreed without crossing the wire', () => {
  it('the same attacker reads only shares: the token is right (it comes from the share) but its join HMAC is not, and no key is compromised', () => {
    const r = run(routedTwoPathScenario('mptcp-v1'), eve(), ['dh-keys']);
    expect(r.events.find((e) => e.kind === 'mptcp-subflow-reset' && e.subflow.includes('198.18.66.6:'))).toMatchObject({ cause: 'third-ack-hmac-mismatch' });
    expect(r.attackers[0]!.knew).not.toContain('keys');
    expect(ids(r)).toEqual(['eavesdrop-data']);
  });

  it('the hosts themselves still join: both derive the same keys from the shares', () => {
    const s = routedTwoPathScenario('mptcp-v1');
    const r = runScenario({ ...s, mptcp: { ...s.mptcp, mitigations: ['dh-keys'] } });
    expect(r.events.filter((e) => e.kind === 'mptcp-join-accepted')).toHaveLength(1);
    expect(r.apps[0]!.intact && r.apps[0]!.completedUs !== null).toBe(true);
  });
});
