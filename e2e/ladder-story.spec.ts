/**
 * The ladder tells the attack's story on its own (issue 12): a hover card
 * names the packet and what the hosts did with it, flags name the key
 * events, the toolbar fits a classroom projector, and a share link brings
 * back the zoom and the filters it was copied with.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { RunPage } from './pages/run-page.ts';

const HIJACK = '?scenario=attack-add-addr-hijack-v0';

async function pixels(canvas: Locator): Promise<string> {
  return createHash('sha256').update(await canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL('image/png'))).digest('hex');
}

/** The middle (CSS px, from the canvas' corner) of the pixels drawn in an RGB colour, and how many there are, within rows [top, bottom). */
async function colourAt(canvas: Locator, rgb: [number, number, number], top = 0, bottom = Infinity): Promise<{ x: number; y: number; n: number }> {
  return canvas.evaluate(
    (c, { rgb, top, bottom }) => {
      const el = c as HTMLCanvasElement;
      const scale = el.width / el.clientWidth;
      const { data, width, height } = el.getContext('2d')!.getImageData(0, 0, el.width, el.height);
      let sx = 0;
      let sy = 0;
      let n = 0;
      for (let y = Math.floor(top * scale); y < Math.min(height, bottom * scale); y++) {
        for (let x = 0; x < width; x++) {
          const k = (y * width + x) * 4;
          if (Math.abs(data[k]! - rgb[0]) + Math.abs(data[k + 1]! - rgb[1]) + Math.abs(data[k + 2]! - rgb[2]) < 30 && data[k + 3]! > 200) {
            sx += x;
            sy += y;
            n++;
          }
        }
      }
      return { x: n ? sx / n / scale : 0, y: n ? sy / n / scale : 0, n };
    },
    { rgb, top, bottom: Number.isFinite(bottom) ? bottom : 1e9 },
  );
}

function ladderOf(run: RunPage): Locator {
  return run.timeline.getByRole('img', { name: /^Ladder diagram/ });
}

test('hovering the forged ADD_ADDR shows its frame, its Info and what the client did with it; the arrow lights up', async ({ capturePage: app, shot }) => {
  test.setTimeout(60_000);
  const run = new RunPage(app.page);
  // Zoomed on the forgery, attacker packets only: one arrow, from Mallory to the client.
  await run.open(`${HIJACK}&w=58000-68000&actor=attackers`);
  const ladder = ladderOf(run);
  await expect(ladder).toBeVisible({ timeout: 30_000 });
  await expect(run.timeline.getByLabel('Show packets sent by')).toHaveValue('attackers');
  await app.page.waitForTimeout(400);
  // The arrow is drawn in the first subflow's colour (#0072B2); its middle is on it.
  const arrow = await colourAt(ladder, [0x00, 0x72, 0xb2], 60);
  expect(arrow.n, 'the arrow is drawn').toBeGreaterThan(20);
  const before = await pixels(ladder);
  const box = (await ladder.boundingBox())!;
  await app.page.mouse.move(box.x + arrow.x, box.y + arrow.y);
  const card = app.page.getByTestId('ladder-hover-card');
  await expect(card).toBeVisible();
  await expect(card).toContainText('Frame 68');
  await expect(card).toContainText('ADD_ADDR id 9 198.18.66.6');
  await expect(card).toContainText('sent by Mallory');
  await expect(card).toContainText('client connection 2279e4f9: peer announces address ID 9 198.18.66.6');
  // Inside the window, whole.
  const c = (await card.boundingBox())!;
  expect(c.x).toBeGreaterThanOrEqual(0);
  expect(c.x + c.width).toBeLessThanOrEqual(1280);
  expect(c.y + c.height).toBeLessThanOrEqual(720);
  expect(await pixels(ladder), 'the hovered arrow is drawn emphasised').not.toBe(before);
  // Zoomed this far in, its label says which address it announces.
  await shot('60-ladder-hover-card');
  await app.page.mouse.move(box.x + 5, box.y + box.height - 5);
  await expect(card).toBeHidden();
});

test('the attack\'s key events are flagged above the lanes, and the SVG export carries them', async ({ capturePage: app, shot }) => {
  test.setTimeout(60_000);
  const run = new RunPage(app.page);
  await run.open(HIJACK);
  const ladder = ladderOf(run);
  await expect(ladder).toBeVisible({ timeout: 30_000 });
  await app.page.waitForTimeout(300);
  // Failure flags are filled in the attack colour, in the strip between the axis and the first lane.
  const flags = await colourAt(ladder, [0xd5, 0x5e, 0x00], 24, 56);
  expect(flags.n, 'flags in the attack colour above the lanes').toBeGreaterThan(400);
  await shot('61-ladder-flags');
  const download = app.page.waitForEvent('download');
  await run.timeline.getByText('More ▾').click();
  await run.timeline.getByRole('button', { name: 'SVG' }).click();
  const svg = readFileSync((await (await download).path())!, 'utf8');
  expect(svg).toContain('>ADD_ADDR forged</text>');
  expect(svg).toContain('>join through Mallory</text>');
  expect(svg).toContain('>MITM from 265.3 ms</text>');
});

test('a share link brings back the timeline\'s zoom and the filters, and the address bar keeps them', async ({ capturePage: app }) => {
  test.setTimeout(60_000);
  const run = new RunPage(app.page);
  await run.open(`${HIJACK}&w=150000-170000&marks=32&q=198.18.66.6`);
  await expect(ladderOf(run)).toBeVisible({ timeout: 30_000 });
  await expect(run.timeline.getByTitle('Visible time window')).toHaveText('150 ms – 170 ms');
  await expect(run.timeline.getByLabel('Show packets carrying')).toHaveValue('32');
  await expect.poll(() => new URL(app.page.url()).searchParams.get('w')).toBe('150000-170000');
  expect(new URL(app.page.url()).searchParams.get('marks')).toBe('32');
  await run.view('Packets').click();
  await expect(app.page.getByRole('searchbox')).toHaveValue('198.18.66.6');
  await expect(app.page.locator('.filterbar__status')).toContainText(/of 1,121 packets/);
  // Zooming by hand writes the new window into the link.
  await run.view('Timeline').click();
  await expect(run.timeline.getByTitle('Visible time window')).toHaveText('150 ms – 170 ms');
  await run.timeline.getByRole('button', { name: 'Zoom out' }).click();
  await expect.poll(() => new URL(app.page.url()).searchParams.get('w')).not.toBe('150000-170000');
});

for (const [width, height] of [[1280, 720], [1097, 617]] as const) {
  test(`the timeline toolbar fits at ${width}×${height}: nothing clipped, the rare controls behind More`, async ({ capturePage: app, shot }) => {
    test.setTimeout(60_000);
    await app.page.setViewportSize({ width, height });
    const run = new RunPage(app.page);
    await run.open(HIJACK);
    await expect(ladderOf(run)).toBeVisible({ timeout: 30_000 });
    const bar = run.timeline.locator('.timeline__toolbar');
    for (const control of [run.timeline.getByLabel('Show packets carrying'), run.timeline.getByLabel('Show packets sent by'), run.timeline.getByRole('button', { name: 'SF4' }), run.timeline.getByRole('button', { name: 'Follow the moment' }), run.timeline.getByText('More ▾')]) {
      const b = (await control.boundingBox())!;
      const outer = (await bar.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(outer.x);
      expect(b.x + b.width).toBeLessThanOrEqual(Math.min(width, outer.x + outer.width) + 0.5);
    }
    await run.timeline.getByText('More ▾').click();
    await expect(run.timeline.getByRole('button', { name: 'PNG' })).toBeVisible();
    await shot(`62-timeline-toolbar-${width}`);
    await app.page.keyboard.press('Escape');
    await expect(run.timeline.getByRole('button', { name: 'PNG' })).toBeHidden();
    // The shortcuts still work.
    await app.page.keyboard.press('+');
    await expect(run.timeline.getByRole('button', { name: 'Follow the moment' })).toBeVisible();
  });
}
