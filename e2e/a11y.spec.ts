import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { RunPage } from './pages/run-page.ts';

/** axe-core on the page as it stands: no serious or critical violation (WCAG 2.1 A and AA rules). */
async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const lines = bad.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.length} node(s), ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  expect(lines, `axe on ${where}`).toEqual([]);
}

test('the landing page has no serious or critical accessibility violation', async ({ capturePage }) => {
  await expect(capturePage.page.getByRole('region', { name: 'Attacks' })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(capturePage.page, 'the landing page');
});

test('each view of a run has no serious or critical accessibility violation', async ({ page }) => {
  // axe takes 5-10 s a view on two busy cores.
  test.setTimeout(180_000);
  const run = new RunPage(page);
  await run.open('?scenario=attack-add-addr-hijack-v0');
  await expectAccessible(page, 'the overview');
  for (const name of ['Timeline', 'Topology', 'Packets'] as const) {
    await run.view(name).click();
    await expectAccessible(page, `the ${name.toLowerCase()} view`);
  }
  await page.getByRole('tab', { name: 'Attack matrix' }).click();
  await expectAccessible(page, 'the attack matrix');
  await page.getByRole('tab', { name: 'Compare' }).click();
  await expectAccessible(page, 'the comparison');
  // A packet in the inspector.
  await run.view('Packets').click();
  await page.getByRole('grid', { name: 'Packets' }).getByRole('row').nth(3).click();
  await expect(run.detailHeading).toContainText('Frame');
  await expectAccessible(page, 'the inspector');
});

test('an opened capture has no serious or critical accessibility violation', async ({ capturePage }) => {
  await capturePage.sampleButton.click();
  await expect(capturePage.page.getByRole('heading', { name: /MPTCP connections/ })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(capturePage.page, 'an opened capture');
  // Its ladder and inferred topology, together.
  await capturePage.page.getByRole('tab', { name: 'Overview' }).click();
  await expect(capturePage.page.getByTestId('topology')).toBeVisible();
  await expectAccessible(capturePage.page, 'an opened capture, overview');
});

test('the dark theme has no serious or critical accessibility violation either', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const run = new RunPage(page);
  await run.open('?scenario=attack-add-addr-hijack-v0');
  await expectAccessible(page, 'the overview, dark');
});

test('a lesson (a question, its reveal, an exercise) has no serious or critical accessibility violation', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?lesson=add-addr-hijack&step=2');
  const lesson = page.getByRole('region', { name: 'ADD_ADDR hijack (RFC 7430 §2)' });
  await expect(lesson.getByRole('button', { name: 'Answer, then reveal' })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, 'a lesson question');
  await lesson.getByRole('radio').first().check();
  await lesson.getByRole('button', { name: 'Answer, then reveal' }).click();
  await expect(lesson.getByText('What the engine found')).toBeVisible();
  await expectAccessible(page, 'a lesson reveal');
  await page.goto('/?lesson=add-addr-hijack&step=5');
  await expect(lesson.getByRole('button', { name: 'Check my scenario' })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, 'a lesson exercise');
});
