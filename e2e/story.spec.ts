/**
 * The README's story, as a newcomer follows it in Chromium at 1280×720 and
 * at 1440×900 (issue 12's "done when"): the ladder moves while the run
 * plays, arrows carry labels, Mallory is in the topology on the path she
 * hijacked, and after switching to v1 the banner and the exported report say
 * v1. Screenshots: test-results/screenshots/story-<width>-*.png.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { RunPage } from './pages/run-page.ts';

async function pixels(canvas: Locator): Promise<string> {
  const png = await canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL('image/png'));
  return createHash('sha256').update(png).digest('hex');
}

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
] as const) {
  test.describe(`at ${width}×${height}`, () => {
    test.use({ viewport: { width, height } });

    test(`the README's story: the hijack plays on the ladder beside Mallory's topology, then v1 says v1`, async ({ capturePage: app, shot }) => {
      test.setTimeout(120_000);
      const page = app.page;
      const run = new RunPage(page);
      await shot(`story-${width}-1-landing`);
      await page.getByRole('button', { name: 'Watch an ADD_ADDR hijack (MPTCP v0)' }).click();
      await expect(run.replay).toBeVisible({ timeout: 30_000 });
      // The run opens on the overview: topology and timeline together, both on screen.
      await expect(run.view('Overview')).toHaveAttribute('aria-selected', 'true');
      for (const pane of [run.topology, run.timeline]) {
        const box = (await pane.boundingBox())!;
        expect(box.height, 'each pane has room').toBeGreaterThan(150);
        expect(box.y + box.height, 'each pane is on screen').toBeLessThanOrEqual(height);
      }
      const ladder = run.timeline.getByRole('img', { name: /^Ladder diagram/ });

      // Press Home, then Space, and watch.
      await page.keyboard.press('Home');
      await run.replay.getByLabel('Speed').selectOption('0.1');
      await page.keyboard.press('Space');
      await page.waitForTimeout(400);
      const early = await pixels(ladder);
      await page.waitForTimeout(1200);
      const later = await pixels(ladder);
      expect(later, 'the ladder moves while playing').not.toBe(early);
      await shot(`story-${width}-2-playing`);
      await expect(run.failure('mitm')).toHaveAttribute('data-held', 'true', { timeout: 30_000 });
      await page.keyboard.press('Space');
      await expect(run.replay.getByRole('button', { name: 'Play' })).toBeVisible();
      // Mallory is a node of the topology, at her own address, and the hijacked subflows are drawn through her.
      const svg = run.topology.locator('svg.topology__svg');
      const mallory = svg.locator('[data-attacker="mallory"][data-address="198.18.66.6"]');
      await expect(mallory).toBeVisible();
      await expect(mallory).toContainText('Mallory');
      await expect(svg.locator('[data-attacker-path="mallory"]')).toHaveCount(2);
      await shot(`story-${width}-3-man-in-the-middle`);

      // Switch the protocol to MPTCP v1: the banner says so, and why her ADD_ADDR is ignored.
      await page.getByRole('group', { name: 'Simulate' }).getByLabel('Protocol').selectOption('mptcp-v1');
      await expect(page.getByRole('region', { name: 'Simulation' })).toContainText('ADD_ADDR hijack, MPTCP v1', { timeout: 30_000 });
      await expect(run.failures).toContainText('ADD_ADDR ignored: HMAC mismatch');
      await shot(`story-${width}-4-v1`);

      const download = page.waitForEvent('download');
      await run.failures.getByRole('button', { name: 'Export report' }).click();
      const report = readFileSync((await (await download).path())!, 'utf8');
      expect(report).toContain('# Security report: ADD_ADDR hijack, MPTCP v1');
    });
  });
}
