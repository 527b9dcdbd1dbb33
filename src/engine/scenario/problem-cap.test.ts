import { describe, expect, it } from 'vitest';
import { capProblems, countProblems, groupThousands, MAX_PROBLEMS, STOP_WALKING_AT } from './problem-cap.ts';
import type { ScenarioProblem } from './types.ts';

const problems = (n: number): ScenarioProblem[] => Array.from({ length: n }, (_, i) => ({ path: `$.x[${i}]`, code: 'SCENARIO_TYPE', message: 'bad' }));

describe('capped problem lists', () => {
  it('a short list is unchanged', () => {
    const list = problems(MAX_PROBLEMS);
    expect(capProblems(list)).toBe(list);
    expect(countProblems(list)).toBe('100 problems');
    expect(countProblems(problems(1))).toBe('1 problem');
  });
  it('a long list keeps the first hundred, then says how many more', () => {
    const capped = capProblems(problems(MAX_PROBLEMS + 1234));
    expect(capped).toHaveLength(MAX_PROBLEMS + 1);
    expect(capped[MAX_PROBLEMS - 1]!.path).toBe('$.x[99]');
    expect(capped[MAX_PROBLEMS]).toEqual({ path: '$', code: 'SCENARIO_TOO_MANY', message: '… and 1,234 more problems', more: { count: 1234, exact: true } });
    expect(countProblems(capped)).toBe('1,334 problems');
  });
  it('a walk that stopped gives a floor, not a count', () => {
    const capped = capProblems(problems(STOP_WALKING_AT));
    expect(capped[MAX_PROBLEMS]!.message).toBe('… and at least 9,900 more problems (checking stopped at 10,000)');
    expect(countProblems(capped)).toBe('at least 10,000 problems');
  });
  it('groups thousands without the host locale', () => {
    expect([0, 999, 1000, 191001, 1234567].map(groupThousands)).toEqual(['0', '999', '1,000', '191,001', '1,234,567']);
  });
});
