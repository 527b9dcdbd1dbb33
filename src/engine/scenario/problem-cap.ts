/**
 * Problem lists are capped: a broken document can hold millions of bad
 * fields, and nobody reads past the first hundred. The validator stops
 * walking at STOP_WALKING_AT (so time and memory stay bounded), and every
 * list handed out keeps the first MAX_PROBLEMS, then one closing entry that
 * says how many more there were.
 */
import type { ScenarioProblem } from './types.ts';

export const MAX_PROBLEMS = 100;
/** Far enough past the cap that the count is exact for any document a person wrote by hand. */
export const STOP_WALKING_AT = 10_000;

/** True once `problems` is so long that walking further would only cost time. */
export const enoughProblems = (problems: readonly ScenarioProblem[]): boolean => problems.length >= STOP_WALKING_AT;

/** 191001 → "191,001"; written out because the engine must not depend on the host's locale. */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The first MAX_PROBLEMS problems, then a SCENARIO_TOO_MANY entry with the rest's count (a floor when the walk stopped). */
export function capProblems(problems: ScenarioProblem[]): ScenarioProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const count = problems.length - MAX_PROBLEMS;
  const exact = !enoughProblems(problems);
  const message = exact
    ? `… and ${groupThousands(count)} more problem${count === 1 ? '' : 's'}`
    : `… and at least ${groupThousands(count)} more problems (checking stopped at ${groupThousands(STOP_WALKING_AT)})`;
  return [...problems.slice(0, MAX_PROBLEMS), { path: '$', code: 'SCENARIO_TOO_MANY', message, more: { count, exact } }];
}

/** How many problems a (possibly capped) list stands for, and whether that is exact. */
export function totalProblems(problems: readonly Partial<Pick<ScenarioProblem, 'code' | 'more'>>[]): { total: number; exact: boolean } {
  const last = problems[problems.length - 1];
  const more = last?.code === 'SCENARIO_TOO_MANY' ? last.more : undefined;
  return more ? { total: problems.length - 1 + more.count, exact: more.exact } : { total: problems.length, exact: true };
}

/** "1 problem", "3 problems", "191,101 problems", "at least 10,000 problems": the whole count, not the listed one. */
export function countProblems(problems: readonly Partial<Pick<ScenarioProblem, 'code' | 'more'>>[]): string {
  const { total, exact } = totalProblems(problems);
  return `${exact ? '' : 'at least '}${groupThousands(total)} problem${total === 1 ? '' : 's'}`;
}
