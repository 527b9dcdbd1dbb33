import { configDefaults, defineConfig } from 'vitest/config';
import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { CSP_HEADER, CSP_META, SECURITY_HEADERS, devCsp } from './scripts/security-headers.ts';

/** Test files that start tshark, run the 100 MB transfer, analyze a 50 MB capture or sweep the whole matrix. */
const INTEGRATION = [
  'src/engine/runner/builtins.test.ts',
  'src/engine/wire/real-packets.test.ts',
  'src/engine/analysis/fixtures.test.ts',
  'src/engine/pcap/pcap-tools.test.ts',
  'src/cli/rfc-expectations.test.ts',
  'src/cli/analyze-bounded.test.ts',
  // Live against the Linux kernel: network namespaces, TUN devices, real MPTCP sockets (skipped unless root with MPTCP).
  'src/cli/live/**/*.interop.test.ts',
];

/** The built index.html carries the policy as a <meta> too, right after the charset (before any script), so a static host without headers still enforces it. */
function cspMeta(): Plugin {
  return {
    name: 'csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      const charset = /<meta charset="UTF-8" \/>\n/;
      if (!charset.test(html)) throw new Error('index.html: no <meta charset="UTF-8" /> to put the Content-Security-Policy after');
      return html.replace(charset, (m) => `${m}    <meta http-equiv="Content-Security-Policy" content="${CSP_META}" />\n`);
    },
  };
}

// One config for the app build and the Vitest projects: the engine runs under
// Node (the proof that it needs no browser), the UI under jsdom.
export default defineConfig({
  plugins: [react(), cspMeta()],
  server: {
    // React's fast-refresh preamble is the one inline script, allowed by its hash (scripts/security-headers.ts).
    headers: { 'Content-Security-Policy': devCsp([react.preambleCode.replace('__BASE__', '/')]), ...SECURITY_HEADERS },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
  },
  worker: {
    format: 'es',
  },
  preview: {
    port: 4173,
    strictPort: true,
    headers: { 'Content-Security-Policy': CSP_HEADER, ...SECURITY_HEADERS },
  },
  test: {
    // Vitest's default leaves a core idle; the unit tier is CPU-bound, so use them all.
    maxWorkers: availableParallelism(),
    projects: [
      {
        // The integration tier (`npm run test:integration`): what starts tshark, runs the 100 MB transfer or
        // the whole attack matrix. `npm test` runs both tiers; `npm run test:unit` is the quick one.
        extends: true,
        test: {
          name: 'integration',
          environment: 'node',
          include: INTEGRATION,
          testTimeout: 60_000,
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'engine',
          environment: 'node',
          include: ['src/engine/**/*.test.ts', 'src/cli/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...INTEGRATION],
          testTimeout: 30_000,
          // The engine's only module state is its crypto operation counters, which runs read as differences, so
          // files can share one module graph per worker: half the tier's time was each file re-importing and
          // re-warming it.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          environment: 'jsdom',
          include: ['src/ui/**/*.test.{ts,tsx}', 'src/worker/**/*.test.ts'],
          setupFiles: ['src/ui/test-setup.ts'],
          // Tests that render the whole app and run a scenario take 1-3 s alone, up to 10 s on two shared cores.
          testTimeout: 20_000,
          // Stores live in React context, not modules, and the setup file unmounts and restores mocks after
          // every test, so files share modules too (75 s to 20 s for this project on two cores).
          isolate: false,
        },
      },
    ],
  },
});
