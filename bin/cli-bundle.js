// The CLI as one bundled file, rebuilt whenever a source it could include is newer: started from the
// bundle, `lab` takes about 0.2 s to start instead of 0.7 s through tsx's loader, which every command
// and every `lab matrix` row pays for. The bundle sits three folders down (node_modules/.cache/mptcp-lab/)
// so the CLI's paths relative to its own file (../../../bin/...) still point where they do from src/cli/commands.
// esbuild is a runtime dependency for this; tsx is only a development tool, used when the bundle cannot be built.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Named for the checkout: worktrees that share one node_modules must not run each other's bundle.
const STEM = join(ROOT, 'node_modules', '.cache', 'mptcp-lab', `cli-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`);
/** The CLI and its worker threads (`lab matrix --workers N`, `lab surface --workers N`, `lab analyze`), each bundled to one file. */
const ENTRIES = { cli: ['src/cli/run.ts', `${STEM}.mjs`], matrixWorker: ['src/cli/matrix-worker.ts', `${STEM}-matrix-worker.mjs`], analyzeWorker: ['src/cli/analyze-worker.ts', `${STEM}-analyze-worker.mjs`], surfaceWorker: ['src/cli/surface-worker.ts', `${STEM}-surface-worker.mjs`] };
const SOURCES = ['src/cli', 'src/engine', 'package.json', 'package-lock.json', 'bin/cli-bundle.js'];

/** Newest modification time among the sources (test files cannot be bundled, so they do not count). */
function newest(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return path.endsWith('.test.ts') ? 0 : st.mtimeMs;
  let t = st.mtimeMs; // a deleted or renamed file changes its folder's time
  for (const name of readdirSync(path)) t = Math.max(t, newest(join(path, name)));
  return t;
}

function fresh(out) {
  try {
    return statSync(out).mtimeMs >= Math.max(...SOURCES.map((s) => newest(join(ROOT, s))));
  } catch {
    return false;
  }
}

/**
 * The bundled file of `entry` ('cli', 'matrixWorker', 'surfaceWorker' or 'analyzeWorker'), built first when stale. When it cannot be built,
 * `{ error }` says why (the caller falls back to tsx where it is installed, for development).
 */
export async function cliBundle(entry = 'cli') {
  const [source, out] = ENTRIES[entry];
  if (fresh(out)) return { path: out };
  try {
    const { build } = await import('esbuild');
    mkdirSync(dirname(out), { recursive: true });
    // Built beside it and renamed: two commands starting at once never read half a file.
    const tmp = `${out}.${process.pid}.tmp`;
    await build({
      entryPoints: [join(ROOT, source)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: tmp,
      logLevel: 'silent',
    });
    renameSync(tmp, out);
    return { path: out };
  } catch (e) {
    return { error: e instanceof Error ? e.message.split('\n')[0] : String(e) };
  }
}

/** Runs `entry` from its bundle, or through tsx when the bundle cannot be built and tsx is installed. */
export async function runBundled(entry, tsSource) {
  const bundle = await cliBundle(entry);
  if (bundle.path) return import(pathToFileURL(bundle.path).href);
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write(`lab: error CLI_BUNDLE: cannot build the command-line bundle (${bundle.error}); reinstall with \`npm install\`\n`);
    process.exit(1);
  }
  register();
  return import(pathToFileURL(join(ROOT, tsSource)).href);
}
