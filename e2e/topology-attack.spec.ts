/**
 * The topology shows the attack (issue 12): Mallory's own address is a node
 * and the subflows hijacked through it are drawn to her, not along the
 * genuine path; the palette and editors sit beside the drawing; a new host
 * is a draft with a hint, never an error.
 */
import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { RunPage } from './pages/run-page.ts';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The nearest the path comes to a screen point (px), sampled along its length in screen coordinates. */
function nearest(path: Locator, p: { x: number; y: number }): Promise<number> {
  return path.evaluate((el, target) => {
    const g = el as SVGPathElement;
    const m = g.getScreenCTM()!;
    const total = g.getTotalLength();
    let best = Infinity;
    for (let s = 0; s <= total; s += 1) {
      const q = g.getPointAtLength(s).matrixTransform(m);
      best = Math.min(best, Math.hypot(q.x - target.x, q.y - target.y));
    }
    return best;
  }, p);
}

test('the hijacked subflows run through Mallory’s node, the palette sits beside the drawing, and a new host is a draft', async ({ capturePage: app, shot }) => {
  test.setTimeout(60_000);
  const run = new RunPage(app.page);
  await run.open('?scenario=attack-add-addr-hijack-v0');
  await run.view('Topology').click();
  const svg = run.topology.locator('svg.topology__svg');

  // Mallory's own address is a node, named with her address.
  const mallory = svg.locator('[data-attacker="mallory"][data-address="198.18.66.6"]');
  await expect(mallory).toBeVisible();
  await expect(mallory).toContainText('Mallory');
  await expect(mallory).toContainText('198.18.66.6');
  const shield = centre((await mallory.locator('path').boundingBox())!);
  const server = centre((await svg.locator('[data-node="server"] .topology__shape').boundingBox())!);
  await shot('40-topology-attack');

  // Both hijacked subflows (client ⇄ 198.18.66.6, 198.18.66.6 ⇄ server) end at her node.
  const hijacked = svg.locator('[data-attacker-path="mallory"]');
  await expect(hijacked).toHaveCount(2);
  const toMallory = svg.locator('.topology__subflow[data-subflow="2"]');
  await expect(toMallory).toHaveAttribute('data-attacker-path', 'mallory');
  expect(await nearest(toMallory, shield)).toBeLessThan(2);
  // The client's subflow to her address stops at her: it never runs on to the server as a genuine one would.
  expect(await nearest(toMallory, server)).toBeGreaterThan(60);
  expect(await nearest(svg.locator('.topology__subflow[data-subflow="3"]'), shield)).toBeLessThan(2);
  expect(await nearest(svg.locator('.topology__subflow[data-subflow="0"]'), server)).toBeLessThan(40);

  // The palette is docked beside the drawing, never over it.
  const palette = app.page.getByRole('complementary', { name: 'Attack palette' });
  await expect(palette).toBeVisible();
  const frame = (await run.topology.locator('.topology__frame').boundingBox())!;
  expect(overlap((await palette.boundingBox())!, frame)).toBe(false);
  // And so is an editor: selecting Mallory opens hers beside it.
  await mallory.locator('path').click();
  const editor = app.page.getByRole('complementary', { name: 'Attacker Mallory' });
  await expect(editor).toBeVisible();
  expect(overlap((await editor.boundingBox())!, frame)).toBe(false);
  await app.page.keyboard.press('Escape');

  // Add host: a draft with a hint, no error banner; the run on screen stands.
  await run.topology.getByRole('button', { name: 'Add host' }).click();
  await expect(run.topology.locator('.topology-tools__draft')).toHaveText('New host host-1: connect it to a router to run it');
  await expect(svg.locator('[data-node="host-1"][data-draft="true"]')).toBeVisible();
  await app.page.waitForTimeout(500);
  await expect(app.alert.filter({ hasText: /\w/ })).toHaveCount(0);
  await expect(run.failure('mitm')).toBeVisible();
  await shot('41-topology-draft-host');
});
