#!/usr/bin/env node
// The `lab` / `mptcp-lab` command: the TypeScript CLI, bundled by esbuild (bin/cli-bundle.js); through
// tsx only in a development checkout where the bundle cannot be built.
import { runBundled } from './cli-bundle.js';

await runBundled('cli', 'src/cli/run.ts');
