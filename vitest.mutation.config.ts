import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import base from './vite.config.ts';

// The tests Stryker runs (`npm run mutation`, stryker.config.js) against
// mutants of the monitors and the hosts' security checks: the monitors'
// unit tests on hand-made ground truth, the checks' and the SYN ledger's,
// and a few runs of real scenarios. Not part of `npm test` (vitest there
// reads vite.config.ts, never this file).

/** Runs that simulate whole scenarios: seconds each, so they run last. */
const SCENARIO_TESTS = ['src/engine/host/security-checks.test.ts', 'src/engine/attacks/syn-join-redirect.test.ts', 'src/engine/attacks/blind-reset.test.ts'];

/**
 * Fast files first, scenario runs last (Vitest's own order runs the longest
 * first): Stryker stops at the first failing test, so a mutant a unit test
 * kills costs milliseconds, not a scenario run.
 */
class FastFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => SCENARIO_TESTS.findIndex((s) => f.moduleId.endsWith(s));
    return [...files].sort((a, b) => rank(a) - rank(b) || (a.moduleId < b.moduleId ? -1 : a.moduleId > b.moduleId ? 1 : 0));
  }
}

export default defineConfig({
  ...(base.resolve ? { resolve: base.resolve } : {}),
  test: {
    name: 'mutation',
    environment: 'node',
    include: ['src/engine/monitors/*.test.ts', 'src/engine/host/syn-ledger.test.ts', ...SCENARIO_TESTS],
    testTimeout: 30_000,
    sequence: { sequencer: FastFirst },
  },
});
