#!/usr/bin/env node
// The `lab` / `mptcp-lab` command: loads the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/run.ts');
