/**
 * Where the live mode's Python helpers are: beside this file in a checkout
 * run through tsx, and under the package's src/cli/live when the CLI runs
 * from its bundle in bin/.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function liveScript(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    for (const candidate of [join(dir, name), join(dir, 'src', 'cli', 'live', name)]) if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`live mode helper ${name} not found (looked beside ${fileURLToPath(import.meta.url)} and in src/cli/live above it)`);
}
