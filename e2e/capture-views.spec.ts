/**
 * An opened capture gets the views a simulated run has (issue 12, item 8):
 * it opens on its packet list, and a tab away are its ladder and the
 * network inferred from its addresses, read only, with the inspector below.
 */
import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { RunPage } from './pages/run-page.ts';

/** Pixels of the canvas that something was drawn on, and how many colours they use. */
async function drawn(canvas: Locator): Promise<{ painted: number; colours: number }> {
  return canvas.evaluate((c) => {
    const el = c as HTMLCanvasElement;
    // Read a copy: reading the live canvas back would slow its drawing (and Chrome warns).
    const copy = document.createElement('canvas');
    copy.width = el.width;
    copy.height = el.height;
    const ctx = copy.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(el, 0, 0);
    const data = ctx.getImageData(0, 0, el.width, el.height).data;
    const colours = new Set<number>();
    let painted = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue;
      painted++;
      colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    }
    return { painted, colours: colours.size };
  });
}

test('the sample capture opens on its packets, with its ladder, topology and inspector a tab away', async ({ capturePage: app, shot }) => {
  test.setTimeout(60_000);
  const run = new RunPage(app.page);
  await app.loadSample();
  await expect(run.view('Packets')).toHaveAttribute('aria-selected', 'true');
  await expect(app.row(1)).toBeVisible();
  await expect(run.replay).toBeVisible();

  await run.view('Timeline').click();
  const ladder = run.timeline.getByRole('img', { name: /^Ladder diagram: 70 packets on 5 lanes/ });
  await expect(ladder).toBeVisible();
  await expect.poll(async () => (await drawn(ladder)).colours, { message: 'the ladder is drawn in several colours' }).toBeGreaterThan(4);
  expect((await drawn(ladder)).painted).toBeGreaterThan(10_000);

  // Click across the middle lane until an arrow is hit: the inspector shows its frame.
  const box = (await ladder.boundingBox())!;
  const y = box.y + box.height / 2 + 11;
  for (let x = box.x + 192; x < box.x + box.width && (await run.inspectedFrame()) === null; x += 4) await app.page.mouse.click(x, y);
  const frame = await run.inspectedFrame();
  expect(frame).not.toBeNull();
  await expect(app.fieldTree(frame!)).toBeVisible();
  await shot('50-capture-timeline');

  await run.view('Topology').click();
  await expect(run.topology.locator('[data-node]')).toHaveCount(2);
  await expect(run.topology.locator('[data-node="client"]')).toContainText('198.18.1.1');
  await expect(run.topology.locator('[data-node="client"]')).toContainText('198.18.2.1');
  await expect(run.topology.locator('[data-node="server"]')).toContainText('198.18.1.2');
  await expect(run.topology.locator('[data-node="server"]')).toContainText('198.18.2.2');
  await expect(run.topology.locator('[data-link]')).toHaveCount(3);
  await expect(run.topology.getByRole('toolbar', { name: 'Edit topology' })).toHaveCount(0);
  await expect(app.page.getByRole('complementary', { name: 'Attack palette' })).toHaveCount(0);
  await expect(run.topology).toContainText('Inferred from the capture’s addresses');
  await shot('51-capture-topology');

  // The replay runs on the capture's own clock.
  await app.page.keyboard.press('Home');
  await expect(run.moment).toContainText('0.000 ms');
  await app.page.keyboard.press('ArrowRight');
  await expect.poll(() => run.inspectedFrame()).toBe(2);
});
