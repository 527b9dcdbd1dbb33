#!/usr/bin/env node
// The `lab` / `mptcp-lab` command: the TypeScript CLI, bundled (bin/cli-bundle.js) or, when it cannot
// be bundled, loaded through tsx.
import { pathToFileURL } from 'node:url';
import { cliBundle } from './cli-bundle.js';

const bundle = await cliBundle();
if (bundle) await import(pathToFileURL(bundle).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/run.ts');
}
