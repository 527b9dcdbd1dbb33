/**
 * A teacher writes a lesson in the app (issue 14): records three steps from
 * the runs on screen (a network at its ADD_ADDR, the same network switched
 * to v0, an attack with a question the engine answers), edits it as JSON
 * (a bad edit is refused with its path and loses nothing), keeps it across
 * a reload, previews it, and shares its link, which a fresh browser opens
 * at the same three steps, each running its scenario.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { RunPage } from './pages/run-page.ts';

const STEPS = [
  { title: 'The server announces an address', text: 'The server tells the client about `198.18.2.2` with an **ADD_ADDR** (RFC 8684 §3.4.1); its HMAC is in the packet detail.' },
  { title: 'The same network under v0', text: 'Under MPTCP v0 the announcement carries **no HMAC** (RFC 6824 §3.4.1).' },
  { title: 'Mallory on the path', text: 'Mallory saw the keys in the handshake and forges her own announcement.' },
];
const TITLE = 'Address announcements, by hand';

async function selectPacket(page: Page, option: string): Promise<void> {
  await page.getByRole('tab', { name: 'Packets' }).click();
  await page.getByRole('searchbox', { name: 'Filter' }).fill(option);
  await page.getByRole('grid', { name: 'Packets' }).getByRole('row').filter({ hasText: option }).first().click();
  await page.getByRole('searchbox', { name: 'Filter' }).fill('');
  await page.getByRole('tab', { name: 'Overview' }).click();
}

test('a teacher records a three-step lesson in the app and shares it as a link a fresh browser opens', async ({ capturePage: app, shot, browser }) => {
  test.setTimeout(180_000);
  const page = app.page;
  const run = new RunPage(page);

  // The start page offers a new lesson; the panel opens beside the run.
  await page.getByRole('button', { name: 'New lesson' }).click();
  await expect(page.getByRole('status', { name: 'Lesson authoring' })).toContainText('pick a scenario');
  await page.getByRole('region', { name: 'Learn it step by step' }).scrollIntoViewIfNeeded();
  await shot('69-authoring-start-page');
  await app.simulate('two-path-v1');
  const panel = page.getByRole('region', { name: 'Lesson authoring' });
  await expect(panel.getByRole('heading', { name: 'New lesson' })).toBeVisible({ timeout: 30_000 });
  await panel.getByLabel('Lesson title').fill(TITLE);
  await panel.getByLabel('Summary').fill('What an address announcement lets a host do, and who else can send one.');

  const record = async (i: number) => {
    await panel.getByLabel('New step title').fill(STEPS[i]!.title);
    await panel.getByLabel('New step text (Markdown)').fill(STEPS[i]!.text);
    await panel.getByRole('button', { name: 'Record step' }).click();
    await expect(panel.getByLabel(`Step ${i + 1} title`)).toHaveValue(STEPS[i]!.title);
  };

  // Step 1: two-path-v1, at its ADD_ADDR packet.
  await expect(run.replay).toBeVisible({ timeout: 30_000 });
  await selectPacket(page, 'ADD_ADDR');
  await expect(run.detailHeading).toBeVisible();
  await record(0);
  await expect(panel.getByTestId('step-1-shows')).toHaveText('two-path-v1 · mptcp-v1 · no mitigations · packet: 1st ADD_ADDR · overview view');

  // Step 2: the same network, switched to v0.
  await page.getByRole('group', { name: 'Simulate' }).getByLabel('Protocol').selectOption('mptcp-v0');
  await expect(page.getByRole('region', { name: 'Simulation' })).toContainText('Two paths, MPTCP v0', { timeout: 30_000 });
  await expect(panel.getByRole('button', { name: 'Record step' })).toBeEnabled({ timeout: 30_000 });
  await record(1);
  await expect(panel.getByTestId('step-2-shows')).toContainText('two-path-v1 · mptcp-v0 · no mitigations');

  // Step 3: an attack, with a question whose answer the run decides.
  await app.simulate('attack-add-addr-hijack');
  await expect(run.failure('hijack')).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByRole('button', { name: 'Record step' })).toBeEnabled();
  await panel.getByLabel('New step title').fill(STEPS[2]!.title);
  await panel.getByLabel('New step text (Markdown)').fill(STEPS[2]!.text);
  await panel.getByLabel('Ask whether a failure occurs (the run decides the answer)').check();
  await panel.getByLabel('Failure to ask about').selectOption('hijack');
  await expect(panel.getByRole('status', { name: 'Question answer' })).toHaveText('The engine’s answer on this run: “Yes: Connection hijack occurs”.');
  await shot('70-authoring-record');
  await panel.getByRole('button', { name: 'Record step' }).click();
  await expect(panel.getByLabel('Step 3 title')).toHaveValue(STEPS[2]!.title);
  await expect(panel.getByTestId('step-3-shows')).toContainText('attack-add-addr-hijack');
  await expect(panel).toContainText('Asks: In this run, will the monitors find Connection hijack?');
  await shot('71-authoring-three-steps');

  // Order and words are the teacher's to change: down and back up again.
  await panel.getByRole('button', { name: 'Move step 1 down' }).click();
  await expect(panel.getByLabel('Step 2 title')).toHaveValue(STEPS[0]!.title);
  await panel.getByRole('button', { name: 'Move step 2 up' }).click();
  await expect(panel.getByLabel('Step 1 title')).toHaveValue(STEPS[0]!.title);

  // Edit as JSON: a bad edit lists its problem at its path and changes nothing.
  await panel.getByRole('button', { name: 'Edit as JSON' }).click();
  const json = panel.getByLabel(/^Lesson JSON/);
  const text = await json.inputValue();
  expect(JSON.parse(text)).toMatchObject({ title: TITLE, rfc: ['RFC 8684 §3.4.1', 'RFC 6824 §3.4.1'] });
  const broken = text.replace(`"title": "${TITLE}"`, '"title": ""').replace('"view": "overview"', '"view": "sideways"');
  await json.fill(broken);
  await panel.getByRole('button', { name: 'Apply JSON' }).click();
  const problems = panel.getByRole('list', { name: 'Lesson problems' });
  await expect(problems).toContainText('$.title');
  await expect(problems).toContainText('$.steps[0].view');
  await expect(json).toHaveValue(broken);
  await shot('72-authoring-json-problems');
  // A good edit applies.
  await json.fill(text.replace(`"title": "${STEPS[1]!.title}"`, '"title": "The same network under MPTCP v0"'));
  await panel.getByRole('button', { name: 'Apply JSON' }).click();
  await expect(panel.getByLabel('Step 2 title')).toHaveValue('The same network under MPTCP v0');
  await panel.getByLabel('Step 2 title').fill(STEPS[1]!.title);

  // A reload keeps the work.
  await page.reload();
  await expect(panel.getByLabel('Step 3 title')).toHaveValue(STEPS[2]!.title, { timeout: 30_000 });
  await expect(panel.getByLabel('Step 2 text')).toHaveValue(STEPS[1]!.text);
  await expect(panel.getByLabel('Lesson title')).toHaveValue(TITLE);

  // Preview plays it in the player; back to editing keeps it.
  await panel.getByRole('button', { name: 'Preview' }).click();
  const player = page.getByRole('region', { name: TITLE });
  await expect(player).toContainText('Step 1 of 3');
  await expect(player.getByRole('heading', { name: STEPS[0]!.title })).toBeVisible();
  await expect(page.getByTestId('inspector')).toContainText('ADD_ADDR', { timeout: 30_000 });
  await shot('73-authoring-preview');
  await player.getByRole('button', { name: 'Back to editing' }).click();
  await expect(panel.getByLabel('Step 3 title')).toHaveValue(STEPS[2]!.title);

  // Share: the link, shown as text as well as copied.
  await panel.getByRole('button', { name: 'Copy lesson link' }).click();
  const address = panel.getByRole('textbox', { name: 'Lesson link address' });
  await expect(address).toHaveValue(/\?lessondoc=.+&step=1$/);
  const link = await address.inputValue();
  await shot('74-authoring-share');

  // A fresh browser opens the link: the same three steps, each running its scenario.
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const fresh = await context.newPage();
  const errors: string[] = [];
  fresh.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  fresh.on('pageerror', (e) => errors.push(e.message));
  await fresh.goto(link);
  const lesson = fresh.getByRole('region', { name: TITLE });
  const scenario = fresh.getByRole('group', { name: 'Simulate' });
  await expect(lesson).toContainText('Step 1 of 3', { timeout: 30_000 });
  await expect(lesson.getByRole('heading', { name: STEPS[0]!.title })).toBeVisible();
  await expect(lesson).toContainText('The server tells the client about 198.18.2.2 with an ADD_ADDR');
  await expect(lesson.getByRole('link', { name: 'RFC 8684 §3.4.1' })).toBeVisible();
  await expect(fresh.getByTestId('inspector')).toContainText('ADD_ADDR', { timeout: 30_000 });
  await expect(scenario.getByLabel('Scenario')).toHaveValue('two-path-v1');
  await expect(scenario.getByLabel('Protocol')).toHaveValue('mptcp-v1');
  mkdirSync('test-results/screenshots', { recursive: true });
  await fresh.screenshot({ path: 'test-results/screenshots/75-authored-lesson-opened-from-link.png' });

  await lesson.getByRole('button', { name: 'Next →' }).click();
  await expect(lesson).toContainText('Step 2 of 3');
  await expect(lesson.getByRole('heading', { name: STEPS[1]!.title })).toBeVisible();
  await expect(lesson).toContainText('Under MPTCP v0 the announcement carries no HMAC');
  await expect(scenario.getByLabel('Protocol')).toHaveValue('mptcp-v0', { timeout: 30_000 });

  await lesson.getByRole('button', { name: 'Next →' }).click();
  await expect(lesson).toContainText('Step 3 of 3');
  await expect(lesson.getByRole('heading', { name: STEPS[2]!.title })).toBeVisible();
  await expect(lesson).toContainText(STEPS[2]!.text);
  await expect(scenario.getByLabel('Scenario')).toHaveValue('attack-add-addr-hijack', { timeout: 30_000 });
  await lesson.getByLabel('Yes: Connection hijack occurs').check();
  await lesson.getByRole('button', { name: 'Answer, then reveal' }).click();
  await expect(lesson.getByRole('status').filter({ hasText: 'engine’s run agrees' })).toContainText('Right');
  await expect(lesson).toContainText('Connection hijack (hijack) occurred at');
  await fresh.screenshot({ path: 'test-results/screenshots/76-authored-lesson-step-3-revealed.png' });
  expect(errors, 'console errors in the fresh browser').toEqual([]);
  await context.close();
});
