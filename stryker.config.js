// Mutation testing of the verdicts (`npm run mutation`; not part of `npm test`):
// Stryker mutates the monitors and the hosts' security checks and runs the
// tests of vitest.mutation.config.ts against each mutant. The clear-text
// report prints the score per file; the HTML and JSON reports go to
// reports/mutation/ and the sandboxes to .stryker-tmp/ (both ignored by git).

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['src/engine/monitors/*.ts', '!src/engine/monitors/*.test.ts', 'src/engine/host/security-checks.ts', 'src/engine/host/syn-ledger.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  clearTextReporter: { allowEmojis: false, reportTests: false },
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['/dist', '/test-results', '/playwright-report', '/coverage', '/tmp', '/docs', '/e2e', '/public'],
  thresholds: { high: 90, low: 85, break: 85 },
};
