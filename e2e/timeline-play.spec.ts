/**
 * The timeline while a run plays: the ladder and the data-sequence chart
 * redraw as the moment moves and hold still once paused (issue 12), and the
 * follow mode keeps the moment in view until the user pans by hand.
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

test('zoomed in, the timeline follows the moment while playing; a pan by hand stops that, and F turns it back on', async ({ capturePage: app, shot }) => {
  test.setTimeout(60_000);
  const run = new RunPage(app.page);
  await run.open('?scenario=attack-add-addr-hijack-v0');
  const ladder = run.timeline.getByRole('img', { name: /^Ladder diagram/ });
  const follow = run.timeline.getByRole('button', { name: 'Follow the moment' });
  const readout = run.timeline.getByTitle('Visible time window');
  const shown = async () => {
    const [t0, t1] = ((await readout.textContent()) ?? '').split('–').map((s) => Number.parseFloat(s) * 1000);
    return { t0: t0!, t1: t1! };
  };
  await expect(follow).toHaveAttribute('aria-pressed', 'true');

  await app.page.keyboard.press('Home');
  // Zoom in around the moment (the start): a window of an eighth of the run.
  for (let i = 0; i < 3; i++) await app.page.keyboard.press('+');
  const first = await shown();
  expect(first.t0).toBe(0);
  await app.page.keyboard.press('Space');
  // The moment runs past the first window: the window turns the page after it, and the moment stays in view.
  await expect.poll(async () => (await shown()).t0, { timeout: 15_000 }).toBeGreaterThan(0);
  await shot('37-timeline-following');
  // Paused, so the moment and the window are read together.
  await app.page.keyboard.press('Space');
  await expect(run.replay.getByRole('button', { name: 'Play' })).toBeVisible();
  const now = await run.momentUs();
  const turned = await shown();
  // The readout rounds to the axis' step (whole ms here): allow for it.
  const slack = 1000;
  expect(now).toBeGreaterThanOrEqual(turned.t0 - slack);
  expect(now).toBeLessThanOrEqual(turned.t1 + slack);
  expect(Math.abs(turned.t1 - turned.t0 - (first.t1 - first.t0))).toBeLessThanOrEqual(2 * slack);

  // A pan by hand (drag in the plot) turns following off, and the window stays where the user put it.
  const box = (await ladder.boundingBox())!;
  await app.page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.6);
  await app.page.mouse.down();
  await app.page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.6, { steps: 5 });
  await app.page.mouse.up();
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  const panned = await shown();
  await app.page.keyboard.press('End');
  await app.page.waitForTimeout(200);
  expect(await shown()).toEqual(panned);

  // F follows again: the moment (the end of the run) comes into view.
  await app.page.keyboard.press('f');
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  const end = await run.momentUs();
  await expect.poll(async () => (await shown()).t1, { timeout: 5000 }).toBeGreaterThanOrEqual(end - slack);

  // The shortcut is listed.
  await app.page.keyboard.press('?');
  await expect(app.page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Follow the moment');
});
