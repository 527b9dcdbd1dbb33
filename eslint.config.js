// Lint rules, including the module boundaries of DESIGN.md §3:
// the engine is pure (no UI, no DOM, no clock, no Math.random), the worker and
// CLI reach the engine only through src/engine/index.ts, and so does the UI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const uiLibraries = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'd3', 'd3-*'];

const engineBoundary = {
  files: ['src/engine/**/*.ts'],
  ignores: ['src/engine/**/*.test.ts', 'src/engine/testing/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [
          ...uiLibraries.filter((p) => !p.includes('*')).map((name) => ({ name, message: 'The engine never imports UI libraries.' })),
          ...['fs', 'path', 'os', 'crypto', 'stream', 'worker_threads', 'child_process'].map((name) => ({
            name,
            message: 'The engine runs in browsers too: no Node modules.',
          })),
        ],
        patterns: [
          { group: ['react-dom/*', 'zustand/*', 'd3-*'], message: 'The engine never imports UI libraries.' },
          { group: ['**/ui/**', '**/worker/**', '**/cli/**'], message: 'The engine never imports the UI, the worker or the CLI.' },
          { group: ['node:*'], message: 'The engine runs in browsers too: no Node modules.' },
        ],
      },
    ],
    'no-restricted-globals': [
      'error',
      ...['window', 'document', 'navigator', 'self', 'globalThis', 'process', 'crypto', 'performance', 'Date',
        'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'queueMicrotask',
        'requestAnimationFrame', 'Buffer', 'fetch', 'Worker', 'localStorage'].map((name) => ({
        name,
        message: `The engine is deterministic and host-free: no ${name}. Time and randomness come from the simulator.`,
      })),
    ],
    'no-restricted-properties': [
      'error',
      { object: 'Math', property: 'random', message: 'Use the simulator\'s seeded generator, never Math.random.' },
    ],
  },
};

const onlyEngineIndex = (who) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          regex: '(^|/)engine/(?!index(\\.ts)?$).+',
          message: `${who} reaches the engine only through src/engine/index.ts.`,
        },
      ],
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**', 'tmp/**', '.stryker-tmp/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  engineBoundary,
  {
    files: ['src/worker/**/*.ts'],
    languageOptions: { globals: { ...globals.worker } },
    rules: {
      ...onlyEngineIndex('The worker'),
      'no-restricted-imports': [
        'error',
        {
          paths: ['react', 'react-dom', 'zustand', 'd3'].map((name) => ({ name, message: 'The worker never imports UI libraries.' })),
          patterns: [
            { regex: '(^|/)engine/(?!index(\\.ts)?$).+', message: 'The worker reaches the engine only through src/engine/index.ts.' },
            { group: ['**/ui/**', '**/cli/**'], message: 'The worker never imports the UI or the CLI.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['react', 'react-dom', 'zustand', 'd3'].map((name) => ({ name, message: 'The CLI never imports UI libraries.' })),
          patterns: [
            { regex: '(^|/)engine/(?!index(\\.ts)?$).+', message: 'The CLI reaches the engine only through src/engine/index.ts.' },
            { group: ['**/ui/**', '**/worker/**'], message: 'The CLI never imports the UI or the worker.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    ignores: ['src/**/*.test.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...onlyEngineIndex('The UI'),
    },
  },
  {
    files: ['src/**/*.test.{ts,tsx}', 'src/engine/testing/**', 'e2e/**', 'scripts/**', 'bin/**', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
