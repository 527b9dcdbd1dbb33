/**
 * Off-path attackers really try (RFC 7430 §2): each strategy that lacks
 * what it needs sends real guessed packets, one per point of its blind
 * search, up to its budget; each is an injected packet in the trace, and
 * the hosts' own checks turn it down — no connection for that port, a
 * sequence number outside the window, an unknown token, an ADD_ADDR HMAC
 * or a third-ACK HMAC that does not verify.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, type RunResult } from '../runner/run-scenario.ts';
import type { AttackerPrior, AttackerSpec, AttackId, Scenario } from '../scenario/types.ts';
import type { HostEvent } from '../sim/events.ts';
import { firstHandshake } from '../testing/handshake.ts';
import { routedTwoPathScenario, singlePathScenario } from '../testing/scenarios.ts';

const BUDGET = 100;
const offPath = (attack: AttackId, over: Partial<AttackerSpec> = {}): AttackerSpec => ({
  id: 'mallory',
  location: 'off-path',
  capability: 'active',
  at: ['r1'],
  attack,
  params: attack === 'add-addr-flooding' ? { target: '198.18.30.1' } : {},
  guessBudget: BUDGET,
  address: '198.18.66.6',
  ...over,
});
const attacked = (s: Scenario, a: AttackerSpec): RunResult => runScenario({ ...s, attackers: [a] });

/** Ids of its guessed packets, in the order it sent them (the report lists them all; only the first few are logged as events). */
const guesses = (r: RunResult): number[] => r.attackers[0]!.guessed;

/** What the hosts decided about each packet in `ids` (attackers' own events left out). */
function decisions(r: RunResult, ids: readonly number[]): HostEvent[] {
  const wanted = new Set(ids);
  return r.events.filter((e) => !e.kind.startsWith('attacker-') && e.packets?.some((p) => wanted.has(p)));
}

/** A decision as `kind:cause-or-reason`, for counting. */
function label(e: HostEvent): string {
  if (e.kind === 'tcp-drop' || e.kind === 'mptcp-subflow-reset') return `${e.kind}:${e.cause}`;
  if (e.kind === 'mptcp-join-rejected' || e.kind === 'mptcp-add-addr-ignored') return `${e.kind}:${e.reason}`;
  if (e.kind === 'tcp-challenge-ack') return `${e.kind}:${e.trigger.what}`;
  return e.kind;
}
const tally = (events: HostEvent[]): Record<string, number> => events.reduce<Record<string, number>>((t, e) => ({ ...t, [label(e)]: (t[label(e)] ?? 0) + 1 }), {});

/** Its whole budget went out as guesses, each one a packet the trace shows as injected. */
function expectWholeBudgetSent(r: RunResult): number[] {
  const a = r.attackers[0]!;
  const ids = guesses(r);
  expect(a.guessesUsed).toBe(BUDGET);
  expect(ids).toHaveLength(BUDGET);
  const fates = new Map(r.packets.map((p) => [p.id, p.fate]));
  for (const id of ids) expect(fates.get(id)).toBe('injected');
  return ids;
}

/** What the attacker-free run shows of the client's subflow, as prior knowledge of an ADD_ADDR's numbers toward the client. */
function towardClient(s: Scenario): AttackerPrior {
  const h = firstHandshake(runScenario(s));
  // The server sends no data in an upload: the client's RCV.NXT stays just past the server's SYN.
  const rcvNxt = (h.serverIss + 1) >>> 0;
  return { clientAddress: '198.18.1.1', clientPort: h.clientPort, seq: { from: rcvNxt, to: rcvNxt }, ack: { from: (h.clientIss + 1) >>> 0, to: (h.clientIss + 500_001) >>> 0 } };
}

describe('data-injection, off-path', () => {
  it('guesses client address, port, sequence and ACK numbers and the DSS mapping; the server has no connection for those ports', () => {
    const r = attacked(routedTwoPathScenario('mptcp-v1'), offPath('data-injection'));
    const ids = expectWholeBudgetSent(r);
    expect(tally(decisions(r, ids))).toEqual({ 'tcp-refused': BUDGET });
    const e = r.attackers[0]!.expectedGuesses!;
    expect(e.formula).toContain('28232 client ports');
    expect(e.formula).toContain('2^32 subflow sequence numbers');
    expect(e.formula).toContain('683 data sequence numbers (32-bit DSNs');
    expect(e.successWithinBudget).toBeLessThan(1e-15);
    expect(r.failures.map((f) => f.id)).not.toContain('data-injection');
  });

  it('knowing the port, its guesses reach the subflow, whose window check drops them (RFC 9293 §3.10.7.4)', () => {
    const s = routedTwoPathScenario('mptcp-v1');
    const port = firstHandshake(runScenario(s)).clientPort;
    const r = attacked(s, offPath('data-injection', { prior: { clientAddress: '198.18.1.1', clientPort: port } }));
    const t = tally(decisions(r, expectWholeBudgetSent(r)));
    // One window in 683: nearly every guess falls outside the server's receive window.
    expect(t['tcp-drop:out-of-window']).toBeGreaterThan(BUDGET * 0.9);
    for (const k of Object.keys(t)) expect(['tcp-drop:out-of-window', 'tcp-drop:ack-of-unsent', 'tcp-challenge-ack:old-ack']).toContain(k);
    expect(r.failures.map((f) => f.id)).not.toContain('data-injection');
  });

  it('believing the hosts use DSS checksums, it guesses the checksum too: it covers the 64-bit DSN, whose high bits it does not know', () => {
    const r = attacked(routedTwoPathScenario('mptcp-v1'), offPath('data-injection', { prior: { checksums: true } }));
    expectWholeBudgetSent(r);
    expect(r.attackers[0]!.expectedGuesses!.formula).toContain('2^16 DSS checksums');
  });

  it('against plain TCP there is no DSN to guess: port, sequence and ACK numbers only', () => {
    const r = attacked(singlePathScenario(), offPath('data-injection'));
    expectWholeBudgetSent(r);
    const e = r.attackers[0]!.expectedGuesses!;
    expect(e.formula).not.toMatch(/data sequence|subflow sequence/);
    const n = 28232 * 683 * 683; // one client address
    expect(e.guesses).toBe((n + 1) / 2);
    expect(e.formula).toContain(`= ${n.toExponential(2)}`);
    expect(e.successWithinBudget).toBeCloseTo(BUDGET / n, 15);
  });
});

describe('add-addr-hijack, off-path', () => {
  it('v1: its forged ADD_ADDRs reach no subflow (wrong ports), and a hit would still need the 64-bit HMAC', () => {
    const r = attacked(routedTwoPathScenario('mptcp-v1'), offPath('add-addr-hijack'));
    expect(tally(decisions(r, expectWholeBudgetSent(r)))).toEqual({ 'tcp-refused': BUDGET });
    expect(r.attackers[0]!.expectedGuesses!.formula).toContain('2^64 truncated HMACs');
    expect(r.failures).toEqual([]);
  });

  it('v1, knowing port, sequence and ACK numbers: only the HMAC is left, and the client rejects every guess (RFC 8684 §3.4.1)', () => {
    const s = routedTwoPathScenario('mptcp-v1');
    const r = attacked(s, offPath('add-addr-hijack', { prior: towardClient(s) }));
    expect(tally(decisions(r, expectWholeBudgetSent(r)))).toEqual({ 'mptcp-add-addr-ignored:hmac-mismatch': BUDGET });
    const e = r.attackers[0]!.expectedGuesses!;
    expect(e.guesses).toBe((2 ** 64 + 1) / 2);
    expect(e.successWithinBudget).toBeCloseTo(BUDGET / 2 ** 64, 30);
    expect(r.failures).toEqual([]);
  });
});

describe('add-addr-flooding, off-path', () => {
  it('v1, knowing the subflow: each guessed HMAC is refused, and nothing goes to the bystander', () => {
    const s = routedTwoPathScenario('mptcp-v1');
    const r = attacked(s, offPath('add-addr-flooding', { prior: towardClient(s) }));
    const ignored = decisions(r, expectWholeBudgetSent(r));
    expect(tally(ignored)).toEqual({ 'mptcp-add-addr-ignored:hmac-mismatch': BUDGET });
    expect(new Set(ignored.map((e) => (e.kind === 'mptcp-add-addr-ignored' ? e.addressId : 0)))).toEqual(new Set([20, 21, 22, 23]));
    expect(r.failures).toEqual([]);
  });
});

describe('blind joins, off-path: the token first, answered by SYN/ACK or RST, then the third-ACK HMAC', () => {
  it('handshake-eavesdrop-hijack: every guessed token is unknown to the server, which refuses the SYN+MP_JOIN', () => {
    const r = attacked(routedTwoPathScenario('mptcp-v1'), offPath('handshake-eavesdrop-hijack'));
    const refused = decisions(r, expectWholeBudgetSent(r)).filter((e) => e.kind === 'mptcp-join-rejected');
    expect(refused).toHaveLength(BUDGET);
    expect(refused.every((e) => e.kind === 'mptcp-join-rejected' && e.reason === 'unknown-token')).toBe(true);
    const e = r.attackers[0]!.expectedGuesses!;
    expect(e.formula).toContain('T = 2^32 tokens');
    expect(e.formula).toContain('H = 2^160 third-ACK HMACs');
    expect(e.guesses).toBeCloseTo((2 ** 32 + 1) / 2 + (2 ** 160 + 1) / 2, -30);
    expect(r.failures).toEqual([]);
  });

  it('time-shifted-hijack, with the real token among its candidates: the server answers it, and every guessed third-ACK HMAC fails', () => {
    const s = routedTwoPathScenario('mptcp-v1');
    const token = runScenario(s).connections.find((c) => c.role === 'server')!.localToken;
    const candidates = ['00000001', '00000002', '00000003', token];
    const r = attacked(s, offPath('time-shifted-hijack', { prior: { tokens: candidates } }));
    const ids = expectWholeBudgetSent(r);
    const t = tally(decisions(r, ids));
    // At most the four tokens, three refused and one taken; the rest of the budget went on HMACs.
    expect(t['mptcp-join-rejected:unknown-token']).toBe(3);
    expect(t['mptcp-subflow-reset:third-ack-hmac-mismatch']).toBe(BUDGET - 4);
    // The join the right token opened took the first HMAC guess; each other one opened a join of its
    // own with the token found, a SYN+MP_JOIN that carries nothing guessed.
    expect(r.attackers[0]!.actions.filter((a) => a.kind === 'attacker-inject')).toHaveLength(BUDGET - 5);
    expect(r.attackers[0]!.expectedGuesses!.formula).toContain('T = 4 tokens (known before the run)');
    expect(r.failures.map((f) => f.id)).not.toContain('hijack');
  });

  it('syn-join-redirect: with no SYN+MP_JOIN to rewrite, its blind join meets the same token check', () => {
    const r = attacked(routedTwoPathScenario('mptcp-v0'), offPath('syn-join-redirect'));
    const t = tally(decisions(r, expectWholeBudgetSent(r)));
    expect(t['mptcp-join-rejected:unknown-token']).toBe(BUDGET);
    expect(r.failures).toEqual([]);
  });
});

describe('blind-reset, off-path, knowing the client port', () => {
  it('a RST must hit RCV.NXT exactly: outside the window it is dropped, inside it earns a challenge ACK (RFC 5961 §3.2)', () => {
    const s = routedTwoPathScenario('mptcp-v1');
    const port = firstHandshake(runScenario(s)).clientPort;
    const r = attacked(s, offPath('blind-reset', { prior: { clientAddress: '198.18.1.1', clientPort: port } }));
    const t = tally(decisions(r, expectWholeBudgetSent(r)));
    expect(Object.keys(t).every((k) => k === 'tcp-drop:out-of-window' || k === 'tcp-challenge-ack:rst-not-rcv-nxt')).toBe(true);
    expect(t['tcp-drop:out-of-window']).toBeGreaterThan(BUDGET * 0.9);
    expect(r.attackers[0]!.expectedGuesses!.guesses).toBe((2 ** 32 + 1) / 2);
    expect(r.failures.map((f) => f.id)).not.toContain('connection-dos');
  });

  it('MP_FASTCLOSE rides on an ACK: a blind one needs an in-window sequence number, an acceptable ACK and the 64-bit key', () => {
    const r = attacked(routedTwoPathScenario('mptcp-v1'), offPath('blind-reset', { params: { method: 'mp-fastclose' } }));
    expectWholeBudgetSent(r);
    const f = r.attackers[0]!.expectedGuesses!.formula;
    expect(f).toContain('683 sequence numbers (2^32 / 6291456-byte receive window');
    expect(f).toContain('683 ACK numbers (2^32 / 6291456-byte MAX.SND.WND, RFC 5961 §5.2)');
    expect(f).toContain('2^64 keys');
  });
});
