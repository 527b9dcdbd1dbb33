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
const run = (a: AttackerSpec, mitigations: HostMitigation[] = [], s: Scenario = routedTwoPathScenario('mptcp-v1')) => runScenario({ ...s, mptcp: { ...s.mptcp, mitigations }, attackers: [a] });
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

  it('without a limit (Linux) the join gets in, and the server holds a request socket per SYN — as TCP without SYN cookies does', () => {
    const r = run(flooder());
    expect(failure(r, 'join-dos')).toBeUndefined();
    const f = failure(r, 'resource-exhaustion')!;
    // 32 × mptcp_subflow_request_sock (384 bytes) against 32 × 56-byte SYNs.
    expect(f.amplification).toEqual({ value: (32 * 384) / (32 * 56), per: 'state bytes' });
    expect(f.explanation).toMatch(/up to 12288 bytes at once/);
    expect(f.explanation).toMatch(/single-path TCP with SYN cookies against the same attackers held 0 bytes for the same flood \(32 SYNs\)/);
    // The baseline really ran: single-path TCP without cookies, SYN-flooded, holds a request socket per SYN too.
    expect(r.baselines.singlePath).toMatch(/a SYN flood/);
    expect(f.mptcpSpecific).toBe(false);
  });

  it('stateless joins (RFC 7430 §3.1) keep nothing: no slot is taken, no state held, the legitimate join gets in', () => {
    const r = run(flooder(), ['half-open-limit', 'stateless-join']);
    expect(failure(r, 'join-dos')).toBeUndefined();
    expect(failure(r, 'resource-exhaustion')).toBeUndefined();
    const sent = new Set(r.attackers[0]!.sent);
    const theirs = r.handle.syns.get('server')!.filter((x) => sent.has(x.packetId));
    expect(theirs).toHaveLength(32);
    expect(theirs.every((x) => x.cookie && x.kept === null)).toBe(true);
    // Each still costs the SYN/ACK's HMAC and the nonce's hash.
    expect(theirs.every((x) => x.crypto.compressions > 0)).toBe(true);
    // The legitimate join's state is made at its third ACK, which repeats the token and nonce.
    expect(r.events.filter((e) => e.kind === 'mptcp-join-stateless-accepted')).toHaveLength(1);
  });

  it('SYN cookies cover joins the way Linux does: a fixed table of join slots, no state that grows with the flood', () => {
    const r = run(flooder(), ['syn-cookies']);
    expect(failure(r, 'resource-exhaustion')).toBeUndefined();
    expect(failure(r, 'join-dos')).toBeUndefined();
    const sent = new Set(r.attackers[0]!.sent);
    const theirs = r.handle.syns.get('server')!.filter((x) => sent.has(x.packetId));
    expect(theirs.every((x) => x.cookie && x.kept?.structure === 'join_entry' && x.kept.fixedSlot)).toBe(true);
    expect(r.events.filter((e) => e.kind === 'tcp-syn-cookie-sent' && e.host === 'server').length).toBeGreaterThanOrEqual(33);
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
  const amplifier = flooder({ location: 'off-path', at: ['r1'], attack: 'syn-flood-amplification', address: '198.18.66.6' });

  it('an off-path attacker opens its own connection, then floods joins for its token: state per SYN, like a SYN flood on TCP without cookies', () => {
    const r = run(amplifier);
    expect(r.attackers[0]!.actions.find((a) => a.kind === 'attacker-flood')).toMatchObject({ note: expect.stringMatching(/the token [0-9a-f]{8} of its own connection/) });
    const f = failure(r, 'resource-exhaustion')!;
    expect(f.amplification!.value).toBeGreaterThan(1);
    expect(f.mptcpSpecific).toBe(false);
  });

  it('with SYN cookies neither single-path TCP nor MPTCP (Linux’s join table) holds state for the flood', () => {
    const r = run(amplifier, ['syn-cookies']);
    expect(failure(r, 'resource-exhaustion')).toBeUndefined();
    expect(r.baselines.singlePath).toMatch(/with syn-cookies, attacked by a SYN flood/);
  });
});
