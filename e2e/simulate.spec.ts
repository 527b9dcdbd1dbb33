/**
 * Determinism across runtimes: every built-in scenario, simulated by the
 * engine inside the browser's worker, gives the trace digest the Node
 * engine gave (the reviewed golden file) and the very same pcap bytes as
 * `lab run --pcap` in Node.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures.ts';

const golden = JSON.parse(readFileSync(fileURLToPath(new URL('../src/engine/runner/golden/builtins.json', import.meta.url)), 'utf8')) as Record<string, { digest: string }>;
const LAB = fileURLToPath(new URL('../bin/mptcp-lab.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lab-e2e-'));

function nodePcapSha256(id: string): string {
  const file = join(dir, `${id}.pcapng`);
  execFileSync(process.execPath, [LAB, 'run', id, '--pcap', file], { stdio: 'ignore' });
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

test.describe('simulating built-ins in the browser worker', () => {
  for (const id of Object.keys(golden)) {
    test(`${id}: same digest (and pcap bytes) as in Node`, async ({ capturePage: app, shot }) => {
      test.setTimeout(60_000);
      await app.simulate(id);
      await expect(app.page.getByTestId('trace-digest')).toHaveText(golden[id]!.digest, { timeout: 45_000 });
      if (id === 'bulk-100mb') return;
      await expect(app.page.getByTestId('pcap-sha256')).toHaveText(nodePcapSha256(id));
      // Its capture is on screen, analyzed like any file.
      await expect(app.connections).toContainText(id === 'single-path-tcp' ? /No MPTCP connection/ : /MPTCP v[01]/);
      if (id === 'two-path-v1') await shot('12-simulated-two-path-v1');
    });
  }
});
