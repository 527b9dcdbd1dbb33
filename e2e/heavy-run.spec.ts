/**
 * Heavy runs are runs a user can steer (issue 13): a share link or saved
 * work holding a valid but heavy scenario never runs by itself; it shows its
 * estimate and waits; asked to, it runs with visible progress, and Cancel
 * (or Escape) stops it with the page still responsive.
 */
import { deflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures.ts';

const blind = JSON.parse(readFileSync(fileURLToPath(new URL('../src/engine/scenario/builtin/attack-blind-reset.json', import.meta.url)), 'utf8')) as { attackers: Record<string, unknown>[] } & Record<string, unknown>;
/** Valid (at the 200,000-guess limit) but heavy: sixteen blind guessers, half a minute or more. */
const heavy = { ...blind, id: 'heavy-guesses', title: 'Sixteen blind guessers', attackers: Array.from({ length: 16 }, (_, i) => ({ ...blind.attackers[0], id: `m${i}`, guessBudget: 12_500 })) };
const link = `/?doc=${deflateRawSync(Buffer.from(JSON.stringify(heavy))).toString('base64url')}`;

test('a heavy share link waits with its estimate; run, it shows progress, and Cancel stops it', async ({ capturePage: app, shot }) => {
  test.setTimeout(90_000);
  const page = app.page;
  expect(link.length).toBeLessThan(2000);
  await page.goto(link);
  const waiting = page.getByRole('group', { name: 'Heavy run waiting' });
  await expect(waiting).toContainText('Sixteen blind guessers is a heavy run');
  const runIt = waiting.getByRole('button', { name: /^Run it \(est\. \d+ s, \d+ MB\)$/ });
  await expect(runIt).toBeVisible();
  // Nothing runs by itself.
  await page.waitForTimeout(1000);
  await expect(page.getByRole('progressbar', { name: /^Simulating/ })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Simulation' })).toHaveCount(0);
  await shot('heavy-run-waiting');

  await runIt.click();
  const progress = page.getByRole('group', { name: 'Run in progress' }).getByRole('status');
  await expect(progress).toHaveText(/^\d+\.\d{3} s simulated, [\d,]+ packets$/, { timeout: 20_000 });
  const first = await progress.textContent();
  await expect(progress).not.toHaveText(first!, { timeout: 20_000 });
  await shot('heavy-run-progress');

  // The page answers while the worker runs: the theme menu opens, the landing scrolls.
  const mitigations = page.getByRole('group', { name: 'Simulate' }).getByText(/^Mitigations/);
  await mitigations.click();
  await expect(page.getByRole('group', { name: 'Mitigations' }).getByRole('checkbox').first()).toBeVisible({ timeout: 2000 });
  await mitigations.click();

  await page.getByRole('group', { name: 'Run in progress' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Run cancelled at' })).toContainText(/^Run cancelled at \d+\.\d{3} s simulated\. The previous view stays on screen\.$/, { timeout: 10_000 });
  await expect(page.getByRole('progressbar', { name: /^Simulating/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'See what attackers can do to Multipath TCP' })).toBeVisible();
  await shot('heavy-run-cancelled');

  // Escape stops a run too.
  await page.getByRole('group', { name: 'Heavy run waiting' }).getByRole('button', { name: /^Run it/ }).click();
  await expect(progress).toHaveText(/s simulated/, { timeout: 20_000 });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('status').filter({ hasText: 'Run cancelled at' })).toBeVisible({ timeout: 10_000 });
});

test('saved work holding a heavy draft does not run when the home page opens again', async ({ capturePage: app, shot }) => {
  test.setTimeout(60_000);
  const page = app.page;
  await page.goto(link);
  await expect(page.getByRole('group', { name: 'Heavy run waiting' })).toBeVisible();
  // The draft is saved a moment after it arrives.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('mptcp-threat-lab/work/v1')?.includes('heavy-guesses') ?? false)).toBe(true);
  await page.goto('/');
  const waiting = page.getByRole('group', { name: 'Heavy run waiting' });
  await expect(waiting).toContainText('Sixteen blind guessers');
  await page.waitForTimeout(1500);
  await expect(page.getByRole('progressbar', { name: /^Simulating/ })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Simulation' })).toHaveCount(0);
  await shot('heavy-run-autosave');
});
