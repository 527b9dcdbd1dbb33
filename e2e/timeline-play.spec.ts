/**
 * The timeline while a run plays: the ladder and the data-sequence chart
 * redraw as the moment moves and hold still once paused (issue 12).
 */
import { createHash } from 'node:crypto';
import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { RunPage } from './pages/run-page.ts';

/** A digest of what a canvas shows now (its pixels, as a PNG). */
async function pixels(canvas: Locator): Promise<string> {
  const png = await canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL('image/png'));
  return createHash('sha256').update(png).digest('hex');
}

async function both(ladder: Locator, dsn: Locator): Promise<{ ladder: string; dsn: string }> {
  return { ladder: await pixels(ladder), dsn: await pixels(dsn) };
}

test('playing redraws the ladder and the data-sequence chart as the moment moves; paused, they hold still', async ({ capturePage: app, shot }) => {
  test.setTimeout(60_000);
  const run = new RunPage(app.page);
  await run.open('?scenario=attack-add-addr-hijack-v0');
  const ladder = run.timeline.getByRole('img', { name: /^Ladder diagram/ });
  const dsn = run.timeline.getByRole('img', { name: /^Data sequence over time/ });
  await expect(ladder).toBeVisible({ timeout: 30_000 });
  await expect(dsn).toBeVisible({ timeout: 30_000 });

  await app.page.keyboard.press('Home');
  await expect(run.moment).toContainText('0.000 ms');
  await app.page.keyboard.press('Space');
  await expect(run.replay.getByRole('button', { name: 'Pause' })).toBeVisible();
  await app.page.waitForTimeout(300);
  const early = await both(ladder, dsn);
  const earlyUs = await run.momentUs();
  await app.page.waitForTimeout(1200);
  const later = await both(ladder, dsn);
  const laterUs = await run.momentUs();
  await shot('36-timeline-playing');
  // The clock ran (the readout moved) and both pictures moved with it.
  expect(laterUs).toBeGreaterThan(earlyUs);
  expect(later.ladder, 'the ladder redraws while playing').not.toBe(early.ladder);
  expect(later.dsn, 'the data-sequence chart redraws while playing').not.toBe(early.dsn);

  await app.page.keyboard.press('Space');
  await expect(run.replay.getByRole('button', { name: 'Play' })).toBeVisible();
  // Let the frame that was asked for before the pause land.
  await app.page.waitForTimeout(150);
  const paused = await both(ladder, dsn);
  await app.page.waitForTimeout(500);
  const still = await both(ladder, dsn);
  expect(still.ladder, 'the ladder holds still when paused').toBe(paused.ladder);
  expect(still.dsn, 'the data-sequence chart holds still when paused').toBe(paused.dsn);
  // And the paused picture is of the moment reached, not of the start.
  expect(paused.ladder).not.toBe(early.ladder);
});
