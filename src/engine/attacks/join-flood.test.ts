/**
 * RFC 7430 §3–4: SYN+MP_JOIN floods. What they cost the server, and whether
 * a legitimate join still gets in, depend on the server's own policy: a
 * half-open limit, stateless joins, SYN cookies.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, type RunResult } from '../runner/run-scenario.ts';
import type { AttackerSpec, HostMitigation, Scenario } from '../scenario/types.ts';
import { routedTwoPathScenario } from '../testing/scenarios.ts';

const flooder = (over: Partial<AttackerSpec> = {}): AttackerSpec => ({
  id: 'mallory',
  location: 'on-path',
  capability: 'active',
  at: ['l1'],
  attack: 'join-dos',
  params: {},
  guessBudget: 100,
  ...over,
});
const run = (a: AttackerSpec, mitigations: HostMitigation[] = [], s: Scenario = routedTwoPathScenario('mptcp-v1')): RunResult => runScenario({ ...s, mptcp: { ...s.mptcp, mitigations }, attackers: [a] });
const failure = (r: RunResult, id: string) => r.failures.find((f) => f.id === id);

describe('join-dos', () => {
  it('with a half-open limit, the flood takes every slot and the legitimate join is refused', () => {
    const r = run(flooder(), ['half-open-limit']);
    const f = failure(r, 'join-dos')!;
    expect(f.mptcpSpecific).toBe(true);
    expect(r.events[f.evidence.events[0]!]).toMatchObject({ kind: 'mptcp-join-rejected', reason: 'half-open-limit', limit: 3 });
    expect(f.evidence.packets).toHaveLength(4); // the refused join and the three that held the slots
    expect(f.explanation).toMatch(/client completed 0 legitimate joins where the run without the attacker completed 1/);
    // The connection itself carries on over its first subflow.
    expect(r.apps[0]!.intact && r.apps[0]!.completedUs !== null).toBe(true);
  });

  it('without a limit (Linux) the join gets in, and the server pays with state and an HMAC per SYN instead', () => {
    const r = run(flooder());
    expect(failure(r, 'join-dos')).toBeUndefined();
    expect(failure(r, 'resource-exhaustion')!.explanation).toMatch(/kept 32 half-open joins and computed 32 HMACs for 32 SYN\+MP_JOIN/);
  });

  it('stateless joins keep no state, so the limit is never reached, but each SYN still costs an HMAC', () => {
    const r = run(flooder(), ['half-open-limit', 'stateless-join']);
    expect(failure(r, 'join-dos')).toBeUndefined();
    expect(failure(r, 'resource-exhaustion')!.explanation).toMatch(/kept 0 half-open joins and computed 32 HMACs/);
  });

  it('off-path it has no token: the guessed ones are refused after a lookup, costing the server nothing', () => {
    const r = run(flooder({ location: 'off-path' }), ['half-open-limit']);
    expect(r.attackers[0]!.guessesUsed).toBe(32);
    expect(r.attackers[0]!.expectedGuesses).toMatchObject({ guesses: (2 ** 32 + 1) / 2, formula: expect.stringContaining('2^32 tokens'), successWithinBudget: 32 / 2 ** 32 });
    expect(r.events.filter((e) => e.kind === 'mptcp-join-rejected' && e.reason === 'unknown-token')).toHaveLength(32);
    expect(r.failures).toEqual([]);
  });
});

describe('syn-flood-amplification', () => {
  it('an off-path attacker opens its own connection, then floods joins for its token: SYN cookies do not cover joins', () => {
    const r = run(flooder({ location: 'off-path', at: ['r1'], attack: 'syn-flood-amplification', address: '198.18.66.6' }), ['syn-cookies']);
    expect(r.attackers[0]!.actions.find((a) => a.kind === 'attacker-flood')).toMatchObject({ note: expect.stringMatching(/the token [0-9a-f]{8} of its own connection/) });
    const f = failure(r, 'resource-exhaustion')!;
    expect(f.mptcpSpecific).toBe(true);
    expect(f.explanation).toMatch(/1\.00 half-open entries and 1\.00 hash operations per attacker packet/);
  });
});
