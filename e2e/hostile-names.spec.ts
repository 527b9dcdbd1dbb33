/**
 * Script payloads in every name (issue 13): a scenario with a payload in
 * each free-text field the format allows, opened from a file and from a
 * share link, is shown as text in every view, and every export carries it
 * escaped for its format. Nothing runs: window.__pwned is never set, no
 * dialog opens, and the exported HTML and SVG, opened on their own (no CSP
 * there), run nothing either.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { hostileScenario } from './hostile-scenario.ts';
import { RunPage } from './pages/run-page.ts';

declare global {
  interface Window {
    __pwned?: number;
  }
}

const { doc, filled } = hostileScenario();
const TITLE = doc.title as string;
/** Labels of nodes the topology draws (the one-line payloads). */
const NODE_LABELS = [(doc.hosts as { label: string }[])[0]!.label, (doc.hosts as { label: string }[])[1]!.label, (doc.routers as { label: string }[])[0]!.label];

/** Whether anything ran: the flag, or a dialog. */
function watch(page: Page): () => Promise<string[]> {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return async () => [...dialogs, ...((await page.evaluate(() => window.__pwned)) !== undefined ? ['window.__pwned was set'] : [])];
}

async function save(page: Page, open: () => Promise<void>, label: string): Promise<Buffer> {
  await open();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: label, exact: true }).click();
  return readFileSync((await (await download).path())!);
}

/** Opens a file's text on its own page, with no policy, and reports whether anything in it ran (and, for SVG, whether it parsed). */
async function runsOnItsOwn(browser: Browser, body: string, contentType: string): Promise<string[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = watch(page);
  await page.route('http://export.test/file', (route) => route.fulfill({ body, contentType }));
  await page.goto('http://export.test/file');
  await page.waitForTimeout(300);
  const result = await seen();
  // An SVG is read by the XML parser: a file that is not well formed shows the parser's error instead.
  if (contentType.includes('svg') && (await page.locator('parsererror').count()) > 0) result.push('not well-formed XML');
  await context.close();
  return result;
}

/** A real tag (not escaped text) with an event handler, a script, a frame or a javascript: URL. */
const ACTIVE_MARKUP = /<(script|iframe|img|foreignObject)\b|<[^<>]*\son\w+\s*=|<[^<>]*(href|src)\s*=\s*["']?\s*javascript:/i;

test.describe.configure({ mode: 'serial' });

test('the hostile scenario fills every free-text field of the format, and the detector sees a payload that runs', async ({ browser }) => {
  expect(filled).toEqual(expect.arrayContaining(['$.title', '$.description', '$.hosts[0].label', '$.routers[0].label', '$.attackers[0].label']));
  expect(await runsOnItsOwn(browser, '<p><img src=x onerror="window.__pwned=1"></p>', 'text/html')).toEqual(['window.__pwned was set']);
  expect(await runsOnItsOwn(browser, '<svg xmlns="http://www.w3.org/2000/svg"><text>a\u0001</text></svg>', 'image/svg+xml')).toEqual(['not well-formed XML']);
});

test('opened from a file: every view shows the names as text and every export escapes them; nothing runs', async ({ capturePage: app, browser }) => {
  test.setTimeout(180_000);
  const page = app.page;
  const pwned = watch(page);
  const run = new RunPage(page);
  await run.open('?scenario=two-path-v1');
  await page.getByLabel('Scenario file').setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await expect(run.failure('mitm')).toBeVisible({ timeout: 30_000 });
  // The title on screen is the payload's text.
  await expect(page.getByText(TITLE).first()).toBeAttached();

  for (const key of ['1', '2', '3', '4', '5', '6']) {
    await page.locator('body').press(key);
    await expect(page.getByRole('tab', { selected: true })).toBeVisible();
    // The packet list: step onto a packet so the inspector shows its detail and the hosts' decisions.
    if (key === '4') await page.keyboard.press('ArrowRight');
  }
  await page.locator('body').press('3');
  // The topology names each node by its (hostile) label, as text.
  for (const label of NODE_LABELS) await expect(page.getByTestId('topology')).toContainText(label);

  const exportMenu = async () => page.getByText('Export ▾').click();
  const files: Record<string, string> = {};
  for (const label of ['Scenario (JSON)', 'Topology (SVG)', 'Sequence diagram (Mermaid)', 'Report (Markdown)', 'Report (HTML, printable)']) {
    files[label] = (await save(page, exportMenu, label)).toString('utf8');
  }
  const pcapng = await save(page, exportMenu, 'Capture (pcapng)');
  expect(pcapng.subarray(0, 4).toString('hex')).toBe('0a0d0d0a');
  const png = await save(page, exportMenu, 'Topology (PNG)');
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  await page.locator('body').press('2');
  const more = async () => page.getByTestId('timeline').getByText('More ▾').click();
  files['Timeline (SVG)'] = (await save(page, more, 'SVG')).toString('utf8');
  expect((await save(page, more, 'PNG')).subarray(0, 4).toString('hex')).toBe('89504e47');

  // The scenario file is the document, names and all.
  expect(JSON.parse(files['Scenario (JSON)']!)).toMatchObject({ title: TITLE, description: doc.description });

  // HTML and SVG: the payloads are there as escaped text, no markup came from them, and opened on their own nothing runs.
  for (const label of ['Topology (SVG)', 'Timeline (SVG)', 'Report (HTML, printable)']) {
    const text = files[label]!;
    expect(text, label).not.toMatch(ACTIVE_MARKUP);
    // A payload is there, as escaped text.
    expect(text, label).toMatch(/&lt;(img|script|svg|iframe|\/text)/);
    expect(await runsOnItsOwn(browser, text, label.includes('HTML') ? 'text/html' : 'image/svg+xml'), label).toEqual([]);
  }
  expect(files['Report (HTML, printable)']).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
  // Mermaid: only the statements we write, every name in entity codes (no line, comment, arrow or tag from a name).
  const mermaid = files['Sequence diagram (Mermaid)']!;
  for (const line of mermaid.trimEnd().split('\n')) {
    expect(line).toMatch(/^(sequenceDiagram| {2}participant L\d+ as [^\n;#%<>"]*(#\d+;[^\n;#%<>"]*)*| {2}L\d+(->>|-x|-\))L\d+: [^\n;#%<>"]*(#\d+;[^\n;#%<>"]*)*| {2}Note over L\d+,L\d+: [^\n;#%<>"]*(#\d+;[^\n;#%<>"]*)*)$/);
  }
  expect(mermaid).toContain('#34;#62;#60;svg onload=window.__pwned=1#62;');

  // Markdown: no heading, table row or HTML tag comes from a name.
  const md = files['Report (Markdown)']!;
  const lines = md.split('\n');
  expect(lines.filter((l) => /^#{1,6} /.test(l)).every((l) => /^(# Security report: |## |### )/.test(l))).toBe(true);
  expect(lines.some((l) => /^(#+ |[-|>] ?)injected/.test(l))).toBe(false);
  const rows = lines.filter((l) => l.startsWith('|'));
  for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(9);
  expect(md).not.toMatch(/(^|[^\\])<(script|img|svg|iframe)/m);
  expect(md).toContain('\\<img src=x onerror="window.\\_\\_pwned=1"\\>');

  expect(await pwned()).toEqual([]);
});

test('opened from its share link: the same names, as text, and nothing runs', async ({ capturePage: app }) => {
  test.setTimeout(120_000);
  const page = app.page;
  const run = new RunPage(page);
  await run.open('?scenario=two-path-v1');
  await page.getByLabel('Scenario file').setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await expect(run.failure('mitm')).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(/\?doc=/);
  const link = page.url();
  expect(link.length).toBeLessThanOrEqual(8192);
  await page.goto('about:blank');
  const pwned = watch(page);
  const res = await page.goto(link);
  expect(res!.status()).toBe(200);
  await expect(run.failure('mitm')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(TITLE).first()).toBeAttached();
  for (const key of ['1', '2', '3', '4', '5', '6']) {
    await page.locator('body').press(key);
    await expect(page.getByRole('tab', { selected: true })).toBeVisible();
  }
  await page.locator('body').press('3');
  for (const label of NODE_LABELS) await expect(page.getByTestId('topology')).toContainText(label);
  expect(await pwned()).toEqual([]);
});

for (const [builtin, kind] of [
  ['nat-client', 'nats'],
  ['middlebox-strip', 'middleboxes'],
] as const) {
  test(`${builtin}: its ${kind}' labels too are text on screen and in the topology export; nothing runs`, async ({ capturePage: app, browser }) => {
    test.setTimeout(90_000);
    const { doc: other, filled: paths } = hostileScenario(builtin);
    expect(paths).toContain(`$.${kind}[0].label`);
    const page = app.page;
    const pwned = watch(page);
    const run = new RunPage(page);
    await run.open('?scenario=two-path-v1');
    await page.getByLabel('Scenario file').setInputFiles({ name: `${builtin}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) });
    await expect(page.getByText(other.title as string).first()).toBeAttached({ timeout: 30_000 });
    await page.locator('body').press('3');
    const label = (other[kind] as { label: string }[])[0]!.label;
    await expect(page.getByTestId('topology')).toContainText(label.split('\n')[0]!);
    const svg = (await save(page, async () => page.getByText('Export ▾').click(), 'Topology (SVG)')).toString('utf8');
    expect(svg).not.toMatch(ACTIVE_MARKUP);
    expect(await runsOnItsOwn(browser, svg, 'image/svg+xml')).toEqual([]);
    expect(await pwned()).toEqual([]);
  });
}

test('a scenario too big for a link is offered as a file, and the address the app writes always opens (never a 431)', async ({ capturePage: app }) => {
  test.setTimeout(120_000);
  const page = app.page;
  const run = new RunPage(page);
  await run.open('?scenario=two-path-v1');
  let x = 5;
  const noise = (n: number) => Array.from({ length: n }, () => String.fromCharCode(33 + (((x = (x * 1103515245 + 12345) >>> 0) >>> 16) % 94))).join('');
  const big = { ...doc, description: noise(4000), ui: { notes: noise(20_000) } };
  await page.getByLabel('Scenario file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(big)) });
  await expect(run.failure('mitm')).toBeVisible({ timeout: 30_000 });
  const scenario = page.getByRole('toolbar', { name: 'Scenario' });
  const offer = scenario.getByRole('button', { name: 'Download scenario file' });
  await expect(offer).toBeVisible();
  await expect(scenario.getByRole('status', { name: 'Share link' })).toHaveText('Too big for a link');
  await expect(offer).toHaveAttribute('title', /too big for a share link \(\d+\.\d KB, over 8\.0 KB/);
  const download = page.waitForEvent('download');
  await offer.click();
  expect(JSON.parse(readFileSync((await (await download).path())!, 'utf8'))).toMatchObject({ title: TITLE, ui: { notes: big.ui.notes } });
  await expect(scenario.getByRole('status', { name: 'Share link' })).toContainText('send the file instead');
  // The address names nothing rather than a link the server would refuse; reloading it answers 200.
  expect(new URL(page.url()).search).toBe('');
  const res = await page.reload();
  expect(res!.status()).toBe(200);
  // For the record: the server does refuse what such a link would have been.
  const refused = await page.request.get(`/?doc=${'A'.repeat(17_000)}`, { failOnStatusCode: false });
  expect(refused.status()).toBe(431);
});
