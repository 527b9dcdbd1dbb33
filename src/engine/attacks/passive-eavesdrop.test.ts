/**
 * Passive eavesdroppers: what each class of attacker learns from where it
 * sits, and the failures that follow — decided by what it really saw.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, type RunResult } from '../runner/run-scenario.ts';
import type { AttackerSpec, Scenario } from '../scenario/types.ts';
import { twoPathScenario } from '../testing/scenarios.ts';
import { decodePacket } from '../wire/packet.ts';
import { fromHex } from '../core/hex.ts';

const spy = (over: Partial<AttackerSpec> = {}): AttackerSpec => ({
  id: 'eve',
  location: 'on-path',
  capability: 'eavesdropper',
  at: ['l1'],
  attack: 'passive-eavesdrop',
  params: {},
  guessBudget: 0,
  ...over,
});
const withSpy = (s: Scenario, a: AttackerSpec): Scenario => ({ ...s, attackers: [a] });
const failureIds = (r: RunResult) => r.failures.map((f) => f.id);
const optionKinds = (r: RunResult, id: number) => {
  const p = r.packets.find((x) => x.id === id)!;
  const d = decodePacket(fromHex(p.hex));
  return d.ok && d.value.tcp ? d.value.tcp.header.options.map((o) => o.kind) : [];
};

describe('an on-path eavesdropper on the initial path of a v1 connection', () => {
  const r = runScenario(withSpy(twoPathScenario('mptcp-v1'), spy()));
  const eve = r.attackers[0]!;

  it('learns the four-tuple, sequence numbers, both keys (and the token and IDSN they give) and the data', () => {
    expect(eve.knew).toEqual(['four-tuple', 'sequence-numbers', 'token', 'keys', 'idsn', 'plaintext']);
    const keys = eve.knowledge.filter((f) => f.kind === 'key').map((f) => f.value);
    const truth = r.connections.find((c) => c.role === 'client')!;
    expect(keys.sort()).toEqual([truth.localKey, truth.remoteKey].sort());
    // Tokens are derived from the keys, not seen: they point back at the key fact.
    const token = eve.knowledge.find((f) => f.kind === 'token' && f.value === truth.remoteToken)!;
    expect(eve.knowledge[token.derivedFrom!]!.kind).toBe('key');
  });

  it('reports key-compromise (MPTCP-specific) at the third ACK, with the packets that carried the keys', () => {
    const kc = r.failures.find((f) => f.id === 'key-compromise')!;
    expect(kc.mptcpSpecific).toBe(true);
    expect(kc.evidence.packets.length).toBe(2);
    for (const id of kc.evidence.packets) expect(optionKinds(r, id)).toContain('mp-capable');
    expect(kc.explanation).toMatch(/read both keys of the MPTCP v1 connection/);
  });

  it('reports eavesdrop-data, inherited: single-path TCP leaks the same bytes', () => {
    const ed = r.failures.find((f) => f.id === 'eavesdrop-data')!;
    expect(ed.mptcpSpecific).toBe(false);
    expect(r.packets.find((p) => p.id === ed.evidence.packets[0])!.length).toBeGreaterThan(100);
  });

  it('changes nothing on the wire: the packets are those of the run without it', () => {
    const alone = runScenario(twoPathScenario('mptcp-v1'));
    expect(r.packets.map((p) => [p.timeUs, p.hex, p.fate])).toEqual(alone.packets.map((p) => [p.timeUs, p.hex, p.fate]));
    expect(alone.failures).toEqual([]);
    expect(r.apps[0]!.intact).toBe(true);
  });
});

describe('what other places and windows give', () => {
  it('on the second path only: the join token and nonces and data, but no key', () => {
    const r = runScenario(withSpy(twoPathScenario('mptcp-v1'), spy({ at: ['l2'] })));
    expect(r.attackers[0]!.knew).toEqual(['four-tuple', 'sequence-numbers', 'token', 'nonces', 'plaintext']);
    expect(failureIds(r)).toEqual(['eavesdrop-data']);
  });

  it('a partial-time eavesdropper that arrives after the handshake knows no key', () => {
    const r = runScenario(withSpy(twoPathScenario('mptcp-v1'), spy({ location: 'partial-time-on-path', window: { fromUs: 100_000, toUs: 200_000 } })));
    const eve = r.attackers[0]!;
    expect(eve.knowledge.every((f) => f.timeUs >= 100_000 && f.timeUs < 200_000)).toBe(true);
    expect(eve.knew).not.toContain('keys');
    expect(failureIds(r)).toEqual(['eavesdrop-data']);
  });

  it('one whose window covers the handshake keeps the keys after it leaves', () => {
    const r = runScenario(withSpy(twoPathScenario('mptcp-v1'), spy({ location: 'partial-time-on-path', window: { fromUs: 0, toUs: 30_000 } })));
    expect(r.attackers[0]!.knew).toContain('keys');
    expect(failureIds(r)).toContain('key-compromise');
    expect(r.events.filter((e) => e.host === 'eve').map((e) => e.kind)).toEqual(['attacker-placed', 'attacker-arrives', 'attacker-leaves']);
  });

  it('v0 gives the client key away in the SYN already', () => {
    const r = runScenario(withSpy(twoPathScenario('mptcp-v0'), spy({ location: 'partial-time-on-path', window: { fromUs: 0, toUs: 1 } })));
    const keys = r.attackers[0]!.knowledge.filter((f) => f.kind === 'key');
    expect(keys.length).toBe(1);
    expect(failureIds(r)).toEqual([]);
  });

  it('plain TCP has no keys to lose', () => {
    const r = runScenario(withSpy(twoPathScenario('tcp'), spy()));
    expect(r.failures.map((f) => [f.id, f.mptcpSpecific])).toEqual([['eavesdrop-data', false]]);
  });
});
