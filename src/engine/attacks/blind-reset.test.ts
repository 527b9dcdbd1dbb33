/**
 * Reset injection against TCP and MPTCP: what breaks is decided by the
 * hosts' own checks (RFC 5961's exact RCV.NXT, MP_FASTCLOSE's key), and
 * connection-dos is judged against the same run without the attacker.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, type RunResult } from '../runner/run-scenario.ts';
import type { AttackerSpec, Scenario } from '../scenario/types.ts';
import { singlePathScenario, twoPathScenario } from '../testing/scenarios.ts';

const mallory = (over: Partial<AttackerSpec> = {}): AttackerSpec => ({
  id: 'mallory',
  location: 'on-path',
  capability: 'active',
  at: ['l1'],
  attack: 'blind-reset',
  params: {},
  guessBudget: 1000,
  ...over,
});
const attacked = (s: Scenario, a: AttackerSpec): RunResult => runScenario({ ...s, attackers: [a] });
const failure = (r: RunResult, id: string) => r.failures.find((f) => f.id === id);
const injected = (r: RunResult) => r.attackers[0]!.actions.filter((a) => a.kind === 'attacker-inject' || a.kind === 'attacker-guess').flatMap((a) => a.packets ?? []);

describe('a reset injected by an on-path attacker', () => {
  it('kills a plain TCP connection: connection-dos, with the forged RST and the decision it caused as evidence', () => {
    const r = attacked(singlePathScenario(), mallory());
    const dos = failure(r, 'connection-dos')!;
    expect(dos.mptcpSpecific).toBe(false);
    expect(dos.evidence.packets).toEqual(injected(r));
    expect(r.events[dos.evidence.events[0]!]).toMatchObject({ kind: 'tcp-reset', when: 'at-rcv-nxt' });
    expect(r.packets.find((p) => p.id === dos.evidence.packets[0])!.fate).toBe('injected');
    expect(r.apps[0]!.completedUs).toBeNull();
  });

  it('only closes the subflow it can see: MPTCP moves the data to the other path and the transfer completes', () => {
    const r = attacked(twoPathScenario('mptcp-v1'), mallory());
    const reset = r.events.find((e) => e.kind === 'tcp-reset' && e.host === 'client')!;
    expect(reset.packets).toEqual(injected(r));
    expect(r.events.some((e) => e.kind === 'mptcp-reinject')).toBe(true);
    expect(failure(r, 'connection-dos')).toBeUndefined();
    expect(r.apps[0]).toMatchObject({ intact: true, bytesRead: { server: 500_000 }, closedBy: { client: 'fin', server: 'fin' } });
    // The single-path TCP baseline with the same attacker lost its connection: MPTCP spared it.
    expect(r.tcpOnly).toContain('connection-dos');
  });

  it('on every path it kills the MPTCP connection too, which is inherited from TCP', () => {
    const r = attacked(twoPathScenario('mptcp-v1'), mallory({ at: ['l1', 'l2'] }));
    expect(failure(r, 'connection-dos')!.mptcpSpecific).toBe(false);
    expect(r.tcpOnly).toEqual([]);
    // Each RST went out on the link of the subflow it targets.
    expect(r.attackers[0]!.actions.flatMap((a) => (a.kind === 'attacker-inject' ? [a.link] : []))).toEqual(['l1', 'l2']);
  });

  it('with a stale sequence number (it left before striking) the victim drops the RST and stays up (RFC 5961)', () => {
    const r = attacked(singlePathScenario(), mallory({ location: 'partial-time-on-path', window: { fromUs: 0, toUs: 50_000 }, params: { victim: 'server' } }));
    const ev = r.events.find((e) => e.host === 'server' && e.packets?.includes(injected(r)[0]!))!;
    expect(ev.kind).toBe('tcp-drop');
    expect(ev).toMatchObject({ kind: 'tcp-drop', cause: 'out-of-window' });
    expect(failure(r, 'connection-dos')).toBeUndefined();
    expect(r.apps[0]!.intact && r.apps[0]!.completedUs !== null).toBe(true);
  });
});

describe('connection-level resets', () => {
  it("MP_FASTCLOSE with the key it read in the handshake resets the whole connection; single-path TCP dies to a RST all the same", () => {
    const r = attacked(twoPathScenario('mptcp-v1'), mallory({ params: { method: 'mp-fastclose' } }));
    expect(r.events.find((e) => e.kind === 'mptcp-fastclose-accepted')!.packets).toEqual(injected(r));
    expect(r.apps[0]!.closedBy.client).toBe('fastclose');
    expect(failure(r, 'connection-dos')!.mptcpSpecific).toBe(false);
  });

  it('without the key (it arrived after the handshake) it guesses keys for its whole budget, and the client ignores every MP_FASTCLOSE', () => {
    const r = attacked(twoPathScenario('mptcp-v1'), mallory({ location: 'partial-time-on-path', window: { fromUs: 50_000, toUs: 150_000 }, params: { method: 'mp-fastclose' }, guessBudget: 200 }));
    const a = r.attackers[0]!;
    expect(a.guessesUsed).toBe(200);
    const guesses = new Set(a.guessed);
    expect(guesses.size).toBe(200);
    // The first guesses are logged one by one; the rest are only counted.
    expect(a.actions.filter((x) => x.kind === 'attacker-guess')).toHaveLength(8);
    // It saw the subflow, so each reaches the MP_FASTCLOSE check, which wants the client's own key.
    expect(r.events.filter((e) => e.kind === 'mptcp-fastclose-ignored' && e.packets?.some((p) => guesses.has(p)))).toHaveLength(200);
    expect(a.expectedGuesses).toMatchObject({ guesses: (2 ** 64 + 1) / 2, formula: expect.stringContaining('2^64 keys') });
    expect(failure(r, 'connection-dos')).toBeUndefined();
  });

  it('REMOVE_ADDR carries no HMAC: a forged one closes every subflow', () => {
    const r = attacked(twoPathScenario('mptcp-v1'), mallory({ params: { method: 'remove-addr' } }));
    expect(r.events.filter((e) => e.kind === 'mptcp-remove-addr' && e.host === 'client')).toHaveLength(2);
    expect(r.apps[0]!.closedBy.client).toBe('subflows-closed');
    expect(failure(r, 'connection-dos')).toBeDefined();
  });
});

describe('an off-path attacker', () => {
  it('guesses blindly within its budget, gets nothing, and the expected number of guesses says why', () => {
    const r = attacked(twoPathScenario('mptcp-v1'), mallory({ location: 'off-path', guessBudget: 300 }));
    const a = r.attackers[0]!;
    expect(a.guessesUsed).toBe(300);
    expect(a.knowledge).toEqual([]);
    expect(r.packets.filter((p) => p.fate === 'injected')).toHaveLength(300);
    // Two client addresses × 28232 ports × every sequence number: a RST must hit RCV.NXT exactly.
    const n = 2 * 28232 * 2 ** 32;
    expect(a.expectedGuesses).toMatchObject({ guesses: (n + 1) / 2, successWithinBudget: 300 / n });
    expect(a.expectedGuesses!.formula).toContain('2^32 sequence numbers (a RST must hit RCV.NXT exactly, RFC 5961 §3.2)');
    expect(r.failures).toEqual([]);
    expect(r.apps[0]!.intact && r.apps[0]!.completedUs !== null).toBe(true);
  });
});

describe('degradation', () => {
  it('a reset on one path slows MPTCP down (the data moves to the other path), which TCP — killed outright — covers', () => {
    const r = attacked(twoPathScenario('mptcp-v1'), mallory());
    const f = failure(r, 'degradation')!;
    expect(f.explanation).toMatch(/goodput [\d.]+ Mbit\/s instead of [\d.]+, [\d.]+ % less \(the scenario's threshold is 30 %\)/);
    expect(f.mptcpSpecific).toBe(false);
  });

  it("a forged REMOVE_ADDR is degradation by itself: the host removed subflows on the attacker's word", () => {
    const r = attacked(twoPathScenario('mptcp-v1'), mallory({ params: { method: 'remove-addr' } }));
    expect(r.events[failure(r, 'degradation')!.evidence.events[0]!]!.kind).toBe('mptcp-remove-addr');
  });

  it('the remove-addr-probe setting flips the verdict on a forged REMOVE_ADDR: both subflows answer their keepalive and stay, so no degradation; switched off, degradation again', () => {
    const s = twoPathScenario('mptcp-v1');
    const forged = mallory({ params: { method: 'remove-addr' } });
    const probed = attacked({ ...s, mptcp: { ...s.mptcp, mitigations: ['remove-addr-probe'] } }, forged);
    expect(probed.events.filter((e) => e.kind === 'mptcp-remove-addr-kept' && e.host === 'client')).toHaveLength(2);
    expect(probed.events.filter((e) => e.kind === 'mptcp-remove-addr')).toEqual([]);
    expect(failure(probed, 'degradation')).toBeUndefined();
    expect(failure(probed, 'connection-dos')).toBeUndefined();
    expect(probed.apps[0]).toMatchObject({ intact: true, bytesRead: { server: 500_000 } });
    const off = attacked({ ...s, mptcp: { ...s.mptcp, mitigations: [] } }, forged);
    expect(failure(off, 'degradation')).toBeDefined();
  });
});
