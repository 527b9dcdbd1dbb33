/**
 * Watching a run: open a built-in by URL, replay it, see a failure turn red
 * at the packet that proves it, inspect that packet; the topology follows
 * the moment; the keyboard drives it all.
 */
import { test, expect } from './fixtures.ts';
import { RunPage } from './pages/run-page.ts';

test('replay: the man-in-the-middle failure turns red at its evidence packet, which the inspector then shows', async ({ capturePage: app, shot }) => {
  test.setTimeout(60_000);
  const run = new RunPage(app.page);
  await run.open('?scenario=attack-add-addr-hijack-v0');
  await expect(run.timeline.getByRole('img', { name: /^Ladder diagram: 1121 packets on 8 lanes/ })).toBeVisible();
  // A run opens on its overview (topology and timeline together).
  await expect(run.view('Overview')).toHaveAttribute('aria-selected', 'true');
  // A run opens at its end: everything shown, every failure already red.
  await expect(run.failure('mitm')).toHaveAttribute('data-held', 'true');
  await shot('30-timeline-end');

  await app.page.keyboard.press('Home');
  await expect(run.moment).toContainText('0.000 ms');
  await expect(run.failure('mitm')).toHaveAttribute('data-held', 'false');
  await expect(run.failure('mitm').locator('.badge').first()).toHaveAttribute('title', /^Not yet/);

  // Just before it holds, step packet by packet until it does.
  const at = Number(/at ([\d.]+) ms/.exec((await run.failure('mitm').textContent())!)![1]) * 1000;
  await run.seek(at - 400);
  const evidence = (await run.failure('mitm').getByRole('button', { name: /^#\d+$/ }).allTextContents()).map((s) => Number(s.slice(1)));
  let steps = 0;
  while ((await run.failure('mitm').getAttribute('data-held')) === 'false' && steps++ < 60) await app.page.keyboard.press('ArrowRight');
  await expect(run.failure('mitm')).toHaveAttribute('data-held', 'true');
  const frame = await run.inspectedFrame();
  expect(evidence).toContain(frame);
  expect(await run.momentUs()).toBeGreaterThanOrEqual(Math.floor(at));
  await expect(app.fieldTree(frame!)).toBeVisible();
  await shot('31-timeline-failure-turns-red');

  // Play runs the clock; space pauses it.
  await app.page.keyboard.press('Home');
  await app.page.keyboard.press('Space');
  await expect(run.replay.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(() => run.momentUs(), { timeout: 5000 }).toBeGreaterThan(5000);
  await app.page.keyboard.press('Space');
  await expect(run.replay.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('topology: nodes, links and the attacker, with packets in flight at the moment; a click inspects one', async ({ capturePage: app, shot }) => {
  test.setTimeout(60_000);
  const run = new RunPage(app.page);
  await run.open('?scenario=attack-add-addr-hijack-v0');
  await app.page.keyboard.press('3');
  await expect(run.view('Topology')).toHaveAttribute('aria-selected', 'true');
  await expect(run.topology.getByRole('group', { name: /2 hosts, 2 routers, 4 links, 1 attacker/ })).toBeVisible();
  await expect(run.topology).toContainText('198.18.1.254');
  await expect(run.topology).toContainText('Mallory');
  await run.seek(150_000);
  const marks = run.topology.locator('[data-frame]');
  await expect(marks.first()).toBeVisible();
  const frame = Number(await marks.first().getAttribute('data-frame'));
  await marks.first().click({ force: true });
  await expect.poll(() => run.inspectedFrame()).toBe(frame);
  await shot('32-topology-in-flight');
});

test('the ? key lists the shortcuts, and Escape closes the list', async ({ capturePage: app, shot }) => {
  const run = new RunPage(app.page);
  await run.open('?scenario=two-path-v1');
  await app.page.keyboard.press('?');
  const dialog = app.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Step to the next packet');
  await shot('33-shortcuts');
  await app.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('drag an attacker from the palette onto a link: the run re-runs with it, and an off-path eavesdropper is refused with the reason', async ({ capturePage: app, shot }) => {
  test.setTimeout(60_000);
  const run = new RunPage(app.page);
  await run.open('?scenario=two-path-v1');
  await run.view('Topology').click();
  const palette = app.page.getByRole('complementary', { name: 'Attack palette' });
  await expect(palette.locator('button[data-attack="add-addr-hijack"]')).toContainText('RFC 7430 §2');
  const link = run.topology.locator('[data-link]').first();
  await palette.locator('button[data-attack="passive-eavesdrop"]').dragTo(link.locator('.topology__link-hit'), { force: true });
  // The attacker sits on the link; the engine re-ran the scenario with it: an on-path observer reads the v1 keys and the data.
  await expect(run.topology.locator('[data-attacker]')).toHaveCount(1);
  await expect(run.failures).toContainText('Keys compromised', { timeout: 30_000 });
  await expect(run.failures).toContainText('Data eavesdropped');
  await expect(app.page.getByRole('complementary', { name: /^Attacker / })).toBeVisible();
  await shot('34-attacker-dropped-on-link');

  // Off the path, an eavesdropper would see nothing: the UI says so and places nothing.
  await palette.getByRole('group', { name: 'Capability' }).getByRole('button', { name: 'Eavesdropper' }).click();
  await palette.locator('button[data-attack="passive-eavesdrop"]').click();
  await run.topology.locator('svg').first().click({ position: { x: 30, y: 200 } });
  await expect(run.topology.getByRole('status')).toContainText('An off-path attacker cannot be an eavesdropper');
  await expect(run.topology.locator('[data-attacker]')).toHaveCount(1);

  // Undo takes the attacker away again.
  await app.page.keyboard.press('Escape');
  await app.page.keyboard.press('Control+z');
  await expect(run.topology.locator('[data-attacker]')).toHaveCount(0);
  await expect(run.failures).toHaveCount(0, { timeout: 30_000 });
});

test('drag the start of a partial-time attacker’s window back over the handshake: it now learns the keys', async ({ capturePage: app, shot }) => {
  test.setTimeout(60_000);
  const run = new RunPage(app.page);
  await run.open('?scenario=attack-add-addr-hijack-v0');
  await expect(run.failures).not.toContainText('Keys compromised');
  const arrival = run.timeline.getByRole('slider', { name: /^Arrival of Mallory/ });
  await expect(arrival).toHaveAttribute('aria-valuetext', '35.0 ms');
  const box = (await arrival.boundingBox())!;
  const canvas = (await run.timeline.getByRole('img', { name: /^Ladder diagram/ }).boundingBox())!;
  await app.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await app.page.mouse.down();
  await app.page.mouse.move(canvas.x + 191, box.y + box.height / 2, { steps: 5 });
  await app.page.mouse.up();
  await expect(run.failures).toContainText('Keys compromised', { timeout: 30_000 });
  await expect(run.timeline.getByRole('slider', { name: /^Arrival of Mallory/ })).toHaveAttribute('aria-valuetext', /^[0-2]\.\d ms$/);
  await shot('35-window-moved-over-handshake');
  await app.page.keyboard.press('Control+z');
  await expect(run.failures).not.toContainText('Keys compromised', { timeout: 30_000 });
});

test('add a router, connect it, and delete it again: each edit re-runs, and a half-built one says what is missing', async ({ capturePage: app, shot }) => {
  test.setTimeout(60_000);
  const run = new RunPage(app.page);
  await run.open('?scenario=two-path-v1');
  await run.view('Topology').click();
  const tools = run.topology.getByRole('toolbar', { name: 'Edit topology' });
  await tools.getByRole('button', { name: 'Add router' }).click();
  const router = run.topology.locator('[data-node="router-1"]');
  await expect(router).toBeVisible();
  // A router with no interface is not a scenario yet: a draft that says what it needs, not an error; the work stays.
  await expect(run.topology.getByRole('status').filter({ hasText: 'New router router-1: connect it to a host or router to run it' })).toBeVisible();
  await expect(app.alert).toHaveCount(0);
  await tools.getByRole('button', { name: 'Connect' }).click();
  // Click the shapes (a node's box also spans its address labels, with gaps between them).
  await router.locator('.topology__shape').click();
  await run.topology.locator('[data-node="r1"] .topology__shape').click();
  await expect(run.topology.locator('[data-link="router-1-r1"]')).toBeVisible();
  await expect(run.topology).toContainText('198.18.0.1');
  await expect(app.alert).toHaveCount(0, { timeout: 30_000 });
  await shot('41-topology-router-added');
  await router.locator('.topology__shape').click();
  await tools.getByRole('button', { name: 'Delete' }).click();
  await expect(router).toHaveCount(0);
  await expect(run.topology.locator('[data-link="router-1-r1"]')).toHaveCount(0);
});

test('the inspector is one line until a packet is selected; then the splitter gives it more room, by mouse or keyboard', async ({ capturePage: app }) => {
  const run = new RunPage(app.page);
  await run.open('?scenario=two-path-v1');
  const splitter = app.page.getByRole('separator', { name: 'Resize the views and the packet detail' });
  const detail = app.page.getByTestId('inspector');
  // With nothing selected the inspector is one line and there is nothing to resize.
  await expect(splitter).toHaveCount(0);
  expect((await detail.boundingBox())!.height).toBeLessThan(60);
  await app.page.keyboard.press('Home');
  await app.page.keyboard.press('ArrowRight');
  await expect(run.detailHeading).toContainText(/^Frame \d+/);
  const before = (await detail.boundingBox())!.height;
  const box = (await splitter.boundingBox())!;
  await app.page.mouse.move(box.x + 50, box.y + 3);
  await app.page.mouse.down();
  await app.page.mouse.move(box.x + 50, box.y - 120, { steps: 4 });
  await app.page.mouse.up();
  const after = (await detail.boundingBox())!.height;
  expect(after).toBeGreaterThan(before + 100);
  await splitter.focus();
  await app.page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await detail.boundingBox())!.height).toBeLessThan(after - 10);
});
