/**
 * The work a user does on a scenario survives: edits undo and redo, a reload
 * brings them back, a broken scenario file leaves them alone, a share link
 * opens at the same moment, and the run exports as a pcap the CLI reads.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures.ts';
import { RunPage } from './pages/run-page.ts';

const LAB = fileURLToPath(new URL('../bin/mptcp-lab.js', import.meta.url));

test('export a pcapng of the run, one interface per link, and lab analyze reads the same connection', async ({ capturePage: app }) => {
  test.setTimeout(60_000);
  const run = new RunPage(app.page);
  await run.open('?scenario=attack-add-addr-hijack-v0');
  await app.page.getByText('Export ▾').click();
  const download = app.page.waitForEvent('download');
  await app.page.getByRole('group', { name: 'Export' }).getByRole('button', { name: 'Capture (pcapng)' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.pcapng$/);
  const path = (await (await download).path())!;
  const out = execFileSync(process.execPath, [LAB, 'analyze', path], { encoding: 'utf8' });
  expect(out).toContain('1121 packets (pcapng)');
  expect(out).toMatch(/; \d+ frames are later hops of packets seen on another interface, counted once/);
  expect(out).toContain('1 MPTCP connection');
  expect(out).toContain('ADD_ADDR from server: ID 9 198.18.66.6 (v0, no HMAC)');
  // The app's own fingerprint of the capture is the file's.
  const sha = execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0];
  await expect(app.page.getByTestId('pcap-sha256')).toHaveText(sha!);
});

test('edits undo and redo, and a reload brings the work back', async ({ capturePage: app }) => {
  test.setTimeout(90_000);
  const run = new RunPage(app.page);
  await run.open('?scenario=attack-add-addr-hijack-v0');
  await expect(run.failure('mitm')).toBeVisible();
  const protocol = app.page.getByRole('group', { name: 'Simulate' }).getByLabel('Protocol');
  await protocol.selectOption('mptcp-v1');
  await expect(run.failures).toContainText('ADD_ADDR ignored: HMAC mismatch', { timeout: 30_000 });
  await app.page.keyboard.press('Control+z');
  await expect(run.failure('mitm')).toBeVisible({ timeout: 30_000 });
  await expect(protocol).toHaveValue('mptcp-v0');
  await app.page.getByRole('toolbar', { name: 'Scenario' }).getByRole('button', { name: 'Redo' }).click();
  await expect(run.failure('mitm')).toHaveCount(0, { timeout: 30_000 });
  await expect(protocol).toHaveValue('mptcp-v1');

  // A bare address (no share link): the autosaved work comes back and runs.
  await app.page.waitForTimeout(500);
  await app.page.goto('/');
  await expect(run.failures).toContainText('ADD_ADDR ignored: HMAC mismatch', { timeout: 30_000 });
  await expect(run.failures).toContainText('mptcp-v1');
});

test('a broken scenario file lists its problems with JSON paths, and the work on screen stays', async ({ capturePage: app, shot }) => {
  test.setTimeout(60_000);
  const run = new RunPage(app.page);
  await run.open('?scenario=attack-add-addr-hijack-v0');
  await app.page.getByRole('group', { name: 'Simulate' }).getByLabel('Protocol').selectOption('mptcp-v1');
  await expect(run.failures).toContainText('mptcp-v1', { timeout: 30_000 });
  const broken = JSON.parse(readFileSync(fileURLToPath(new URL('../src/engine/scenario/builtin/two-path-v1.json', import.meta.url)), 'utf8')) as Record<string, unknown> & { links: Record<string, unknown>[] };
  broken.links[0]!.delayUs = -5;
  broken.protocol = 'quic';
  await app.page.getByLabel('Scenario file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  const dialog = app.page.getByRole('dialog', { name: /broken\.json is not a scenario/ });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('$.links[0].delayUs');
  await expect(dialog).toContainText('$.protocol');
  await expect(dialog).toContainText('Nothing changed');
  await shot('40-broken-scenario-file');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  // The run, its edit and its history are as they were.
  await expect(run.failures).toContainText('mptcp-v1');
  await expect(app.page.getByRole('toolbar', { name: 'Scenario' }).getByRole('button', { name: 'Undo' })).toBeEnabled();
});

test('a share link opens at the same moment and packet', async ({ capturePage: app }) => {
  test.setTimeout(60_000);
  const run = new RunPage(app.page);
  await run.open('?scenario=attack-add-addr-hijack-v0');
  await run.seek(100_000);
  await app.page.keyboard.press('ArrowRight');
  const frame = await run.inspectedFrame();
  const moment = await run.momentUs();
  await expect(app.page).toHaveURL(new RegExp(`t=${moment}&frame=${frame}$`));
  const link = app.page.url();
  await app.page.goto('about:blank');
  await app.page.goto(link);
  await expect(run.replay).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => run.inspectedFrame()).toBe(frame);
  await expect.poll(() => run.momentUs()).toBe(moment);
  await expect(run.failure('mitm')).toHaveAttribute('data-held', 'false');
});

test('exports: topology SVG and PNG, timeline SVG, Mermaid, and a printable HTML report with the topology drawn in', async ({ capturePage: app }) => {
  test.setTimeout(90_000);
  const run = new RunPage(app.page);
  await run.open('?scenario=attack-add-addr-hijack-v0');
  const save = async (label: string): Promise<Buffer> => {
    await app.page.getByText('Export ▾').click();
    const download = app.page.waitForEvent('download');
    await app.page.getByRole('group', { name: 'Export' }).getByRole('button', { name: label }).click();
    return readFileSync((await (await download).path())!);
  };
  const topo = (await save('Topology (SVG)')).toString('utf8');
  expect(topo).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(topo).toContain('198.18.1.254');
  expect(topo).toMatch(/stroke: ?rgb\(/);
  const png = await save('Topology (PNG)');
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const mermaid = (await save('Sequence diagram (Mermaid)')).toString('utf8');
  expect(mermaid.startsWith('sequenceDiagram\n')).toBe(true);
  expect(mermaid).toMatch(/-\)L\d+: #35;\d+ ADD_ADDR \(injected\)/);
  expect(mermaid).toContain('Note over');
  const html = (await save('Report (HTML, printable)')).toString('utf8');
  expect(html).toContain('<!doctype html>');
  expect(html).toContain('<figure><figcaption>Topology</figcaption><svg');
  expect(html).toContain('<th>Prevented by</th>');
  expect(html).toMatch(/<td>Man in the middle \(<code>mitm<\/code>\)<\/td>.*<td>[^<]*mptcp-v1[^<]*<\/td><\/tr>/);

  await run.view('Timeline').click();
  const download = app.page.waitForEvent('download');
  await run.timeline.getByText('More ▾').click();
  await run.timeline.getByRole('button', { name: 'SVG' }).click();
  const timeline = readFileSync((await (await download).path())!, 'utf8');
  expect(timeline).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+"/);
  expect(timeline).toContain('>Mallory</text>');
  expect(timeline).toContain('>Data sequence (bytes)</text>');
  expect((timeline.match(/<path /g) ?? []).length).toBeGreaterThan(20);
});

test('the brand leads back to the gallery, with the work one click away', async ({ capturePage: app }) => {
  test.setTimeout(60_000);
  const run = new RunPage(app.page);
  await run.open('?scenario=attack-add-addr-hijack-v0');
  await app.page.getByRole('button', { name: 'MPTCP Threat Lab' }).click();
  const attacks = app.page.getByRole('region', { name: 'Attacks' });
  await expect(attacks).toBeVisible();
  await app.page.getByRole('button', { name: /^← Back to attack-add-addr-hijack-v0/ }).click();
  await expect(run.failure('mitm')).toBeVisible();
  await app.page.getByRole('button', { name: 'MPTCP Threat Lab' }).click();
  await attacks.getByRole('button', { name: /^Run Eavesdropper on one path/ }).click();
  await expect(run.failures).toContainText('Data eavesdropped', { timeout: 30_000 });
  await expect(run.failure('mitm')).toHaveCount(0);
});
