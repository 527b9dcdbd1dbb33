/**
 * The "done when": a newcomer opens the app, picks "ADD_ADDR attack
 * (v0)" from the gallery, watches the attacker become a man in the middle,
 * switches to v1 and sees the attack fail with the reason on screen, then
 * exports a report — with no documentation.
 */
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.ts';
import { RunPage } from './pages/run-page.ts';

test('a newcomer: gallery, replay to the man in the middle, v1 ignores the ADD_ADDR, report', async ({ capturePage: app, shot }) => {
  test.setTimeout(90_000);
  const page = app.page;
  const run = new RunPage(page);
  const attacks = page.getByRole('region', { name: 'Attacks' });
  await attacks.getByRole('button', { name: /^Run ADD_ADDR hijack, MPTCP v0/ }).scrollIntoViewIfNeeded();
  await shot('01-landing-gallery');
  await attacks.getByRole('button', { name: /^Run ADD_ADDR hijack, MPTCP v0/ }).click();
  await expect(run.replay).toBeVisible({ timeout: 30_000 });

  // Watch it from the start.
  await run.replay.getByRole('button', { name: 'Back to the start' }).click();
  await expect(run.failure('mitm')).toHaveAttribute('data-held', 'false');
  await run.replay.getByLabel('Speed').selectOption('0.1');
  await run.replay.getByRole('button', { name: 'Play' }).click();
  await expect(run.failure('mitm')).toHaveAttribute('data-held', 'true', { timeout: 20_000 });
  await run.replay.getByRole('button', { name: 'Pause' }).click();
  await run.failure('mitm').getByRole('button', { name: /^#\d+$/ }).first().click();
  await expect(run.detailHeading).toContainText(/^Frame \d+/);
  await shot('38-newcomer-mitm-at-its-packet');

  // v1: the reason is on screen, next to the packet it is about.
  await page.getByRole('group', { name: 'Simulate' }).getByLabel('Protocol').selectOption('mptcp-v1');
  await expect(run.failures).toContainText('ADD_ADDR ignored: HMAC mismatch', { timeout: 30_000 });
  await expect(run.failure('mitm')).toHaveCount(0);
  await run.failures.locator('.verdicts').getByRole('button', { name: /^#\d+$/ }).first().click();
  await expect(page.getByTestId('inspector').getByRole('region', { name: 'What the hosts did with it' })).toContainText('ADD_ADDR ignored: HMAC mismatch');
  await shot('39-newcomer-v1-inspector');

  const download = page.waitForEvent('download');
  await run.failures.getByRole('button', { name: 'Export report' }).click();
  const report = readFileSync((await (await download).path())!, 'utf8');
  // Named after the protocol that ran, not the built-in's.
  expect(report).toContain('# Security report: ADD_ADDR hijack, MPTCP v1');
  expect(report).toContain('> This run is the built-in with MPTCP v1 (the built-in runs MPTCP v0)');
  expect(report).toContain('ADD_ADDR ignored: HMAC mismatch');
});
