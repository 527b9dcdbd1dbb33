import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../scenario/builtin/index.ts';
import { checkGoal, judgeGoal } from './check-goal.ts';
import type { LessonOutcome } from './outcome.ts';
import type { LessonGoal } from './lesson-schema.ts';

const outcome = (o: Partial<LessonOutcome> = {}): LessonOutcome => ({ protocol: 'mptcp-v1', mitigations: ['add-addr-hmac'], failures: [], attackers: [], tcpOnly: [], dataIntact: true, hashWork: 100, crypto: { compressions: 100, cipherBlocks: 0 }, cutShort: false, ...o });
const hijack = { id: 'hijack' as const, timeUs: 5, mptcpSpecific: true, attacker: 'm' };
const mallory = { id: 'm', attack: 'add-addr-hijack' as const, location: 'on-path' as const, capability: 'active' as const, attempted: true, cutShort: false };

describe('judgeGoal', () => {
  // Each criterion decides on its own: with it, the outcome fails; without it (switched off), the same outcome passes.
  const cases: [string, LessonGoal, LessonOutcome][] = [
    ['protocol', { protocol: 'mptcp-v0' }, outcome()],
    ['attacker', { attacker: { attack: 'add-addr-hijack' } }, outcome()],
    ['attacker not attempted', { attacker: { attack: 'add-addr-hijack' } }, outcome({ attackers: [{ ...mallory, attempted: false }] })],
    ['attacker location', { attacker: { location: ['off-path'] } }, outcome({ attackers: [mallory] })],
    ['occur', { occur: ['hijack'] }, outcome()],
    ['absent', { absent: ['hijack'] }, outcome({ failures: [hijack] })],
    ['noFailures', { noFailures: true }, outcome({ failures: [hijack] })],
    ['tcpOnly', { tcpOnly: ['connection-dos'] }, outcome()],
    ['tcpOnly without a baseline', { tcpOnly: ['connection-dos'] }, outcome({ tcpOnly: null })],
  ];
  it.each(cases)('%s decides the verdict', (_name, goal, o) => {
    expect(judgeGoal(goal, o).met).toBe(false);
    expect(judgeGoal({}, o).met).toBe(true);
  });

  it('tcpOnly holds when single-path TCP suffered the failure and the run did not', () => {
    expect(judgeGoal({ tcpOnly: ['connection-dos'] }, outcome({ tcpOnly: ['connection-dos'] })).met).toBe(true);
  });

  it('a run cut short never meets a goal', () => {
    expect(judgeGoal({ absent: ['hijack'] }, outcome({ cutShort: true })).met).toBe(false);
    expect(judgeGoal({ absent: ['hijack'] }, outcome()).met).toBe(true);
  });

  it('cheapest: a candidate that stops everything for less work fails the goal', () => {
    const goal: LessonGoal = { cheapest: { among: [['tls']] } };
    const cheaper = [{ mitigations: ['tls'], stopsAll: true, hashWork: 50 }];
    const r = judgeGoal(goal, outcome(), cheaper);
    expect(r.met).toBe(false);
    expect(r.lines.at(-1)!.finding).toContain('tls also stops every failure with 50 hash operations');
    expect(judgeGoal(goal, outcome(), [{ ...cheaper[0]!, stopsAll: false }]).met).toBe(true);
    expect(judgeGoal(goal, outcome(), [{ ...cheaper[0]!, hashWork: 100 }]).met).toBe(true);
  });

  it('says what the run showed', () => {
    const r = judgeGoal({ occur: ['hijack'], attacker: { attack: 'add-addr-hijack' } }, outcome({ attackers: [{ ...mallory, attempted: false }] }));
    expect(r.lines).toEqual([
      { label: 'an attacker running add-addr-hijack acts', ok: false, finding: 'm did not act (not attempted)' },
      { label: 'Connection hijack (hijack) occurs', ok: false, finding: 'the monitors did not find it' },
    ]);
  });
});

describe('checkGoal on engine runs', () => {
  it('reads the monitors of a real run: the v1 hijack occurs, and dh-keys stops it', () => {
    const s = builtinScenario('attack-add-addr-hijack')!;
    expect(checkGoal({ occur: ['hijack'] }, s).met).toBe(true);
    const fixed = { ...s, mptcp: { ...s.mptcp, mitigations: ['add-addr-hmac' as const, 'dh-keys' as const] } };
    expect(checkGoal({ absent: ['hijack', 'mitm'] }, fixed).met).toBe(true);
    expect(checkGoal({ occur: ['hijack'] }, fixed).met).toBe(false);
  });

  it('tcpOnly reads the single-path baseline: an on-path reset kills TCP, one subflow of MPTCP', () => {
    const s = builtinScenario('attack-blind-reset')!;
    const onPath = { ...s, attackers: s.attackers.map((a) => ({ ...a, location: 'on-path' as const, at: ['client-r1'], guessBudget: 0 })) };
    expect(checkGoal({ tcpOnly: ['connection-dos'] }, onPath).met).toBe(true);
    expect(checkGoal({ tcpOnly: ['connection-dos'] }, s).met).toBe(false);
  });

  it('cheapest runs every candidate set', () => {
    const s = builtinScenario('attack-add-addr-hijack')!;
    const r = checkGoal({ cheapest: { among: [['add-addr-hmac', 'dh-keys', 'tls'], ['add-addr-hmac']] } }, { ...s, mptcp: { ...s.mptcp, mitigations: ['add-addr-hmac', 'dh-keys', 'tls'] } });
    expect(r.candidates!.map((c) => c.stopsAll)).toEqual([true, false]);
    expect(r.met).toBe(true);
  });
});
