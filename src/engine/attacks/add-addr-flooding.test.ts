/**
 * RFC 6181 §5: forged ADD_ADDRs that point a host at a third party. What
 * reaches the target is decided by the host's path manager and, in v1, by
 * the ADD_ADDR HMAC.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, type RunResult } from '../runner/run-scenario.ts';
import type { AttackerSpec, Scenario } from '../scenario/types.ts';
import { link, routedTwoPathScenario } from '../testing/scenarios.ts';

/** The routed two-path network with a bystander, 198.18.30.1, behind r1. */
function withVictim(protocol: Scenario['protocol']): Scenario {
  const s = routedTwoPathScenario(protocol);
  return {
    ...s,
    hosts: [...s.hosts, { id: 'victim', interfaces: [{ id: 'eth0', addresses: ['198.18.30.1/24'] }] }],
    routers: s.routers.map((r) => (r.id === 'r1' ? { ...r, interfaces: [...r.interfaces, { id: 'c', addresses: ['198.18.30.254/24'] }] } : r)),
    links: [...s.links, link('lv', 'r1.c', 'victim.eth0')],
  };
}
const mallory = (over: Partial<AttackerSpec> = {}): AttackerSpec => ({
  id: 'mallory',
  location: 'on-path',
  capability: 'active',
  at: ['l1'],
  attack: 'add-addr-flooding',
  params: { target: '198.18.30.1' },
  guessBudget: 10,
  ...over,
});
const run = (s: Scenario, a: AttackerSpec): RunResult => runScenario({ ...s, attackers: [a] });

describe('ADD_ADDR flooding (RFC 6181 §5)', () => {
  it('v0: the client joins toward the bystander, which never asked for it — but its handshake is the reachability check RFC 6181 §7 asks for, so the bystander gets less than the attacker spent', () => {
    const r = run(withVictim('mptcp-v0'), mallory());
    const opened = r.events.filter((e) => e.kind === 'mptcp-join-open' && e.host === 'client' && e.remote.startsWith('198.18.30.1:'));
    expect(opened.length).toBeGreaterThan(0);
    const cause = r.events.find((e) => e.kind === 'mptcp-add-addr-received' && e.address === '198.18.30.1')!;
    expect(cause.packets!.some((p) => r.attackers[0]!.sent.includes(p))).toBe(true);
    // What reached the bystander from the client, against what the attacker sent in all.
    const toVictim = r.packets.filter((p) => p.link === 'lv' && p.to === 'victim' && p.fate !== 'dropped').reduce((n, p) => n + p.length, 0);
    const spent = r.packets.filter((p) => r.attackers[0]!.sent.includes(p.id) && p.fate === 'injected').reduce((n, p) => n + p.length, 0);
    expect(toVictim).toBeGreaterThan(0);
    expect(toVictim).toBeLessThan(spent);
    expect(r.failures.map((x) => x.id)).not.toContain('third-party-flooding');
    // The client's path manager acts on only as many announcements as its add_addr_accepted limit allows.
    expect(r.events.filter((e) => e.kind === 'mptcp-add-addr-not-used' && e.reason === 'add-addr-accepted-limit' && e.limit === 2).length).toBe(3);
  });

  it("v1 against an attacker without the keys: it guesses HMACs for its whole budget, every one fails the client's check, and nothing goes to the bystander", () => {
    const r = run(withVictim('mptcp-v1'), mallory({ location: 'partial-time-on-path', window: { fromUs: 60_000, toUs: 300_000 } }));
    const ignored = r.events.filter((e) => e.kind === 'mptcp-add-addr-ignored');
    expect(r.attackers[0]!.guessesUsed).toBe(10);
    expect(ignored).toHaveLength(10);
    expect(ignored.every((e) => e.kind === 'mptcp-add-addr-ignored' && e.reason === 'hmac-mismatch')).toBe(true);
    expect(r.failures.map((x) => x.id)).not.toContain('third-party-flooding');
  });
});
