/**
 * By hand only: a capture past the packet list's cap (8,000,000 frames) is made
 * by hand, not in CI (a gigabyte), and this spec runs only when it is named:
 * BIG_CAPTURE=/tmp/big.pcap E2E_PORT=4182 npx playwright test e2e/by-hand
 */
import { statSync } from 'node:fs';
import { watchOpening } from '../big-capture-watch.ts';
import { test, expect } from '../fixtures.ts';

test('a capture past the index cap lists its first frames and says so (BIG_CAPTURE)', async ({ capturePage: app, shot }) => {
  const path = process.env.BIG_CAPTURE;
  if (!path) throw new Error('set BIG_CAPTURE to a capture file of more than 8,000,000 frames');
  test.setTimeout(900_000);
  const page = app.page;
  const finish = await watchOpening(page);
  await app.fileInput.setInputFiles(path!);
  await expect(page.getByRole('note')).toContainText(/Showing the first 8,000,000 of [\d,]+ frames; the analysis covered all/, { timeout: 850_000 });
  await expect(app.row(1)).toBeVisible();
  await shot('big-capture-index-capped');
  console.log(`[big-capture] ${(statSync(path!).size / 1e6).toFixed(0)} MB ${await finish()}`);
});
