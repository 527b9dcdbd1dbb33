/**
 * A teacher presents the ADD_ADDR lesson to a room (issue 14): P turns
 * presenter mode on, the chrome and the engine's fingerprints go, the step
 * reads as a large caption under topology and ladder side by side, a laser
 * dot follows the mouse, and P brings the workspace back. At 1920×1080 and at
 * 175 % (a 1097×617 window drawn at 1.75 device pixels per CSS pixel).
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { RunPage } from './pages/run-page.ts';

const LESSON = 'ADD_ADDR hijack (RFC 7430 §2)';
const STEP_1 = 'Announcing an address';

async function openLesson(page: Page): Promise<RunPage> {
  const run = new RunPage(page);
  await page.getByRole('button', { name: `Start the lesson ${LESSON}` }).click();
  await expect(page.getByRole('region', { name: LESSON })).toContainText('Step 1 of 8', { timeout: 30_000 });
  await expect(run.replay).toBeVisible({ timeout: 30_000 });
  // The step's focus opens the ADD_ADDR packet in the inspector, with its HMAC.
  await expect(page.getByTestId('inspector')).toContainText('ADD_ADDR', { timeout: 30_000 });
  return run;
}

/** The size in CSS pixels of an element's box. */
async function box(page: Page, selector: string): Promise<{ width: number; height: number }> {
  const b = await page.locator(selector).first().boundingBox();
  return { width: b?.width ?? 0, height: b?.height ?? 0 };
}

/** The laser dot's centre, in CSS pixels. */
async function dotCentre(page: Page): Promise<{ x: number; y: number }> {
  const b = await page.getByTestId('laser-dot').boundingBox();
  expect(b).not.toBeNull();
  return { x: b!.x + b!.width / 2, y: b!.y + b!.height / 2 };
}

/** How many red pixels the laser's trail canvas holds. */
function redPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('.laser__trail');
    if (!c) return -1;
    // A copy read once (reading the laser's own canvas again and again makes the browser warn).
    const copy = document.createElement('canvas');
    copy.width = c.width;
    copy.height = c.height;
    const ctx = copy.getContext('2d', { willReadFrequently: true });
    if (!ctx) return -1;
    ctx.drawImage(c, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3]! > 0 && d[i]! > 200 && d[i + 1]! < 80) n++;
    return n;
  });
}

async function presentAndCheck(page: Page, run: RunPage, minCaptionPx: number): Promise<void> {
  const present = run.replay.getByRole('button', { name: 'Present' });
  const inspector = page.getByTestId('inspector');
  const connections = page.getByRole('region', { name: /Connections/ }).or(page.locator('.connections'));
  const banner = page.getByRole('region', { name: 'Simulation' });
  await expect(present).toHaveAttribute('aria-pressed', 'false');
  // The replay bar still has room for all its controls, Present and ? included.
  const bar = (await run.replay.boundingBox())!;
  for (const control of [present, run.replay.getByRole('button', { name: 'Keyboard shortcuts' })]) {
    const b = (await control.boundingBox())!;
    expect(b.x + b.width).toBeLessThanOrEqual(bar.x + bar.width);
  }
  await expect(banner).toBeVisible();
  await expect(inspector).toBeVisible();

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('p');
  await expect(page.locator('.app.presenter')).toBeVisible();
  await expect(present).toHaveAttribute('aria-pressed', 'true');

  // The step as a caption: its title, its text without markup, never the teacher's note.
  const caption = page.getByRole('region', { name: 'Lesson step' });
  await expect(caption.getByRole('heading', { name: STEP_1 })).toBeVisible();
  await expect(caption).toContainText('A host with a second address tells its peer with an ADD_ADDR option');
  await expect(caption).not.toContainText('**');
  const size = await caption.locator('.presenter-caption__text').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(minCaptionPx);

  // The chrome and the engine's fingerprints are gone: file buttons, the banner with its digests and
  // reproduce command, the connections with their keys and tokens, the inspector with its HMAC hex.
  await expect(page.getByRole('button', { name: /Open capture/ })).toBeHidden();
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('trace-digest')).toBeHidden();
  await expect(page.getByText(/lab run /).filter({ visible: true })).toHaveCount(0);
  await expect(page.getByText(/[0-9a-f]{16}/).filter({ visible: true })).toHaveCount(0);
  await expect(connections).toBeHidden();
  await expect(inspector).toHaveCount(0);
  await expect(page.getByRole('region', { name: LESSON })).toBeHidden();

  // Side by side: the topology drawing and the ladder canvas, both with room.
  await expect(run.replay.getByRole('button', { name: 'Side by side' })).toHaveAttribute('aria-pressed', 'true');
  const topo = await box(page, '.side-by-side [data-testid="topology"] svg');
  const ladder = await box(page, '.side-by-side [data-testid="timeline"] canvas');
  expect(topo.width).toBeGreaterThan(100);
  expect(topo.height).toBeGreaterThan(100);
  expect(ladder.width).toBeGreaterThan(100);
  expect(ladder.height).toBeGreaterThan(100);
}

async function laserFollows(page: Page): Promise<void> {
  const ladder = page.locator('.side-by-side [data-testid="timeline"] canvas').first();
  const b = (await ladder.boundingBox())!;
  await page.mouse.move(b.x + b.width * 0.3, b.y + b.height * 0.4);
  await page.mouse.move(b.x + b.width * 0.5, b.y + b.height * 0.5, { steps: 8 });
  let at = await dotCentre(page);
  expect(Math.abs(at.x - (b.x + b.width * 0.5))).toBeLessThan(2);
  expect(Math.abs(at.y - (b.y + b.height * 0.5))).toBeLessThan(2);
  // The trail is drawn while it moves (read straight after a move: it fades within half a second).
  let wiggle = 0;
  await expect
    .poll(async () => {
      wiggle = 1 - wiggle;
      await page.mouse.move(b.x + b.width * (0.45 + 0.1 * wiggle), b.y + b.height * 0.5, { steps: 4 });
      return redPixels(page);
    })
    .toBeGreaterThan(0);
  await page.mouse.move(b.x + b.width * 0.7, b.y + b.height * 0.6, { steps: 8 });
  at = await dotCentre(page);
  expect(Math.abs(at.x - (b.x + b.width * 0.7))).toBeLessThan(2);
  // It fades away once the mouse rests.
  await expect.poll(() => redPixels(page)).toBe(0);
}

test.describe('presenter mode at 1920×1080', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('P presents the lesson: caption, no engine details, side by side, laser, P restores', async ({ capturePage: app, shot }) => {
    test.setTimeout(90_000);
    const page = app.page;
    const run = await openLesson(page);
    await presentAndCheck(page, run, 28);
    await laserFollows(page);
    await shot('71-presenter-side-by-side-1920');

    // Clicks go through the laser (a click on a covered element would fail its hit test): one view at a time.
    await expect(page.getByTestId('laser')).toHaveCSS('pointer-events', 'none');
    await run.replay.getByRole('button', { name: 'One view' }).click();
    await expect(run.replay.getByRole('button', { name: 'One view' })).toHaveAttribute('aria-pressed', 'true');
    // S switches back and forth; a digit chooses the view alone; L hides the laser.
    await page.keyboard.press('s');
    await expect(run.replay.getByRole('button', { name: 'Side by side' })).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('3');
    await expect(page.getByRole('tab', { name: 'Topology' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('[data-testid="topology"] svg').first()).toBeVisible();
    await page.keyboard.press('l');
    await expect(page.getByTestId('laser')).toHaveCount(0);
    await expect(run.replay.getByRole('button', { name: 'Laser' })).toHaveAttribute('aria-pressed', 'false');
    await page.keyboard.press('1');
    await shot('70-presenter-1920');

    // → moves to the next step: the caption follows.
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('region', { name: 'Lesson step' }).getByRole('heading')).toHaveText("Mallory on the client's link");

    // P again: the workspace as it was.
    await page.keyboard.press('p');
    await expect(page.locator('.app.presenter')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Lesson step' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Simulation' })).toBeVisible();
    await expect(page.getByTestId('inspector')).toBeVisible();
    await expect(page.getByRole('region', { name: LESSON })).toBeVisible();
    await expect(run.replay.getByRole('button', { name: 'Present' })).toHaveAttribute('aria-pressed', 'false');

    // The button does the same, and Esc leaves too.
    await run.replay.getByRole('button', { name: 'Present' }).click();
    await expect(page.locator('.app.presenter')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.locator('.app.presenter')).toHaveCount(0);
  });

  test('P while typing types; the ? list names the presenter keys', async ({ capturePage: app }) => {
    const page = app.page;
    const run = await openLesson(page);
    await run.view('Packets').click();
    const filter = page.getByRole('searchbox', { name: 'Filter' });
    await filter.fill('');
    await filter.press('p');
    await expect(filter).toHaveValue('p');
    await expect(page.locator('.app.presenter')).toHaveCount(0);
    await filter.fill('');
    await run.replay.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(list).toContainText('Presenter mode on or off');
    await expect(list).toContainText('the laser pointer on or off');
  });
});

test.describe('presenter mode at 175 %', () => {
  test.use({ viewport: { width: 1097, height: 617 }, deviceScaleFactor: 1.75 });

  test('the caption, both views and the laser fit a 1920×1080 screen at 175 %', async ({ capturePage: app, shot }) => {
    test.setTimeout(90_000);
    const page = app.page;
    const run = await openLesson(page);
    // 16 CSS px at 1.75 device pixels each: 28 pixels on the screen.
    await presentAndCheck(page, run, 16);
    await laserFollows(page);
    await shot('72-presenter-175pc');
    // Nothing spills sideways: the page does not scroll.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
