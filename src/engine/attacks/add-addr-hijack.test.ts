/**
 * RFC 7430 §2 end to end: a forged ADD_ADDR, a join to the attacker, a relay
 * that passes both HMACs on, and hijack and mitm reported from what the
 * hosts accepted — or the ADD_ADDR refused, when its HMAC cannot be forged.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, type RunResult } from '../runner/run-scenario.ts';
import type { EventOf } from '../sim/events.ts';
import type { AttackerSpec, HostMitigation, Scenario } from '../scenario/types.ts';
import { routedTwoPathScenario } from '../testing/scenarios.ts';
import { validateScenario } from '../scenario/validate.ts';

const mallory = (over: Partial<AttackerSpec> = {}): AttackerSpec => ({
  id: 'mallory',
  location: 'on-path',
  capability: 'active',
  at: ['l1'],
  attack: 'add-addr-hijack',
  params: {},
  guessBudget: 10,
  address: '198.18.66.6',
  ...over,
});
/** Arrives after the handshake (no keys), in time to see the server's own ADD_ADDR. */
const late = mallory({ location: 'partial-time-on-path', window: { fromUs: 50_000, toUs: 200_000 } });
const run = (s: Scenario, a: AttackerSpec, mitigations: HostMitigation[] = []): RunResult => runScenario({ ...s, mptcp: { ...s.mptcp, mitigations }, attackers: [a] });
const ids = (r: RunResult) => r.failures.map((f) => f.id).sort();

describe('ADD_ADDR hijack', () => {
  it('v0: a forged ADD_ADDR reusing the server\'s live address ID is acted upon, as Linux does (the ID now names the attacker)', () => {
    const r = run(routedTwoPathScenario('mptcp-v0'), { ...late, params: { addressId: 1 } });
    const announced = r.events.filter((e): e is EventOf<'mptcp-add-addr-received'> => e.kind === 'mptcp-add-addr-received' && e.host === 'client');
    expect(announced.map((e) => [e.addressId, e.address, e.replaces])).toEqual([
      [1, '198.18.11.2', undefined],
      [1, '198.18.66.6', '198.18.11.2'],
    ]);
    expect(ids(r)).toEqual(['eavesdrop-data', 'hijack', 'mitm']);
  });

  it('v0, add-addr-hmac off: the forged ADD_ADDR makes the client join through the attacker (hijack, mitm, MPTCP-specific)', () => {
    const r = run(routedTwoPathScenario('mptcp-v0'), late);
    expect(r.events.find((e) => e.kind === 'mptcp-add-addr-received' && e.address === '198.18.66.6')).toBeDefined();
    expect(ids(r)).toEqual(['eavesdrop-data', 'hijack', 'mitm']);
    for (const f of r.failures.filter((x) => x.id !== 'eavesdrop-data')) expect(f.mptcpSpecific).toBe(true);
    const hijack = r.failures.find((f) => f.id === 'hijack')!;
    expect(hijack.evidence.events.map((i) => r.events[i]!.kind)).toEqual(expect.arrayContaining(['mptcp-join-accepted', 'mptcp-join-established']));
    // The relay is faithful: the transfer completes intact through it.
    expect(r.apps[0]).toMatchObject({ intact: true, bytesRead: { server: 500_000 } });
    expect(r.packets.some((p) => p.fate === 'injected' && p.link === 'l1s')).toBe(true);
  });

  it('v0, add-addr-hmac on: the same attacker cannot forge the HMAC, the client ignores the ADD_ADDR, and no mitm appears', () => {
    const r = run(routedTwoPathScenario('mptcp-v0'), late, ['add-addr-hmac']);
    expect(r.events.find((e) => e.kind === 'mptcp-add-addr-ignored')).toMatchObject({ reason: 'hmac-mismatch' });
    expect(ids(r)).toEqual(['eavesdrop-data']);
    expect(r.attackers[0]!.actions.some((a) => a.kind === 'attacker-relay')).toBe(false);
  });

  it('v1 against an attacker that read the keys in the handshake: the HMAC is computed, not guessed, and the hijack succeeds', () => {
    const r = run(routedTwoPathScenario('mptcp-v1'), mallory());
    expect(r.attackers[0]!.actions.find((a) => a.kind === 'attacker-inject')).toMatchObject({ note: expect.stringMatching(/computed from both keys read in the handshake/) });
    expect(ids(r)).toEqual(['eavesdrop-data', 'hijack', 'key-compromise', 'mitm']);
  });

  it('needs an address of its own, which the validator asks for', () => {
    const s = { ...routedTwoPathScenario('mptcp-v1'), attackers: [{ ...mallory(), address: undefined }] };
    delete (s.attackers[0] as { address?: string }).address;
    expect(validateScenario(s).map((p) => [p.path, p.code])).toEqual([['$.attackers[0].address', 'SCENARIO_REQUIRED']]);
  });
});
