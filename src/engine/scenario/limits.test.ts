import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from './builtin/index.ts';
import { LIMITS } from './limits.ts';
import { copy, minimalDocument, type Doc, type Editable } from './test-documents.ts';
import { validateScenario } from './validate.ts';

const attacker = (i: number, guessBudget: number, extra: Doc = {}) => ({ id: `m${i}`, location: 'off-path', capability: 'active', at: ['l1'], attack: 'blind-reset', guessBudget, ...extra });

describe('run limits', () => {
  it('every built-in stays far under every limit', () => {
    for (const s of BUILTIN_SCENARIOS) {
      expect(validateScenario(JSON.parse(JSON.stringify(s))), s.id).toEqual([]);
      expect(s.attackers.reduce((n, a) => n + a.guessBudget, 0)).toBeLessThan(LIMITS.guessesTotal / 10);
    }
  });

  it('one attacker over the guess budget: the schema range, with the limit', () => {
    const d: Editable = copy(minimalDocument());
    d.attackers = [attacker(0, 10_000_000)];
    expect(validateScenario(d)).toEqual([{ path: '$.attackers[0].guessBudget', code: 'SCENARIO_RANGE', message: 'must be an integer from 0 to 200000 packets, got 10000000' }]);
  });

  it('16 attackers whose budgets add up past the total', () => {
    const d: Editable = copy(minimalDocument());
    d.attackers = Array.from({ length: 16 }, (_, i) => attacker(i, 200_000));
    expect(validateScenario(d)).toEqual([
      { path: '$.attackers', code: 'SCENARIO_TOO_HEAVY', message: "the attackers' guess budgets add up to 3,200,000 guesses; at most 200,000 per scenario, so a run finishes in minutes: lower their guessBudget" },
    ]);
  });

  it('more attackers than the limit', () => {
    const d: Editable = copy(minimalDocument());
    d.attackers = Array.from({ length: 17 }, (_, i) => attacker(i, 0));
    const problems = validateScenario(d);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: '$.attackers', code: 'SCENARIO_RANGE' });
    expect(problems[0]!.message).toContain('16');
  });

  it('floods over the total', () => {
    const d: Editable = copy(minimalDocument());
    d.attackers = [0, 1, 2].map((i) => attacker(i, 0, { location: 'on-path', attack: 'join-dos', params: { count: 100_000 } }));
    expect(validateScenario(d).filter((p) => p.code === 'SCENARIO_TOO_HEAVY')).toEqual([
      { path: '$.attackers', code: 'SCENARIO_TOO_HEAVY', message: "the attackers' floods send 300,000 packets together; at most 200,000 per scenario: lower their params.count" },
    ]);
  });

  it('a 10 GB transfer: over the per-transfer range', () => {
    const d: Editable = copy(minimalDocument());
    d.traffic[0].bytes = 10_000_000_000;
    expect(validateScenario(d)).toEqual([{ path: '$.traffic[0].bytes', code: 'SCENARIO_RANGE', message: 'must be an integer from 1 to 1000000000 bytes, got 10000000000' }]);
  });

  it('transfers that add up past 1 GB', () => {
    const d: Editable = copy(minimalDocument());
    d.traffic = [0, 1, 2].map((i) => ({ id: `t${i}`, kind: 'bulk', from: 'client', to: 'server', port: 80 + i, bytes: 400_000_000 }));
    expect(validateScenario(d)).toEqual([
      { path: '$.traffic', code: 'SCENARIO_TOO_HEAVY', message: 'the traffic moves 1,200,000,000 bytes in all (bulk bytes, and count × (requestBytes + responseBytes)); at most 1,000,000,000 (1 GB) per scenario' },
    ]);
  });

  it('64 × 1 million exchanges: each over its range, and the total', () => {
    const d: Editable = copy(minimalDocument());
    d.traffic = Array.from({ length: 64 }, (_, i) => ({ id: `t${i}`, kind: 'request-response', from: 'client', to: 'server', port: 80 + i, requestBytes: 1, responseBytes: 1, count: 1_000_000 }));
    const problems = validateScenario(d);
    expect(problems[0]).toEqual({ path: '$.traffic[0].count', code: 'SCENARIO_RANGE', message: 'must be an integer from 1 to 200000, got 1000000' });
    d.traffic = [0, 1].map((i) => ({ id: `t${i}`, kind: 'request-response', from: 'client', to: 'server', port: 80 + i, requestBytes: 1, responseBytes: 1, count: 150_000 }));
    expect(validateScenario(d)).toEqual([{ path: '$.traffic', code: 'SCENARIO_TOO_HEAVY', message: 'the traffic makes 300,000 request/response exchanges in all; at most 200,000 per scenario: lower their count' }]);
  });

  it('a duration over an hour', () => {
    const d: Editable = copy(minimalDocument());
    d.durationUs = 3_600_000_001;
    expect(validateScenario(d)).toEqual([{ path: '$.durationUs', code: 'SCENARIO_RANGE', message: 'must be an integer from 1 to 3600000000 microseconds, got 3600000001' }]);
  });
});
