/**
 * The attack matrix runs in workers with progress, and a cell opens its run;
 * two runs compared side by side show what the second one prevents.
 */
import { test, expect } from './fixtures.ts';
import { RunPage } from './pages/run-page.ts';

test('the attack matrix runs in workers with progress, and a cell opens that run', async ({ capturePage: app, shot }) => {
  test.setTimeout(180_000);
  const run = new RunPage(app.page);
  await run.open('?scenario=two-path-v1');
  await app.page.keyboard.press('5');
  const matrix = app.page.getByTestId('matrix');
  await matrix.getByLabel('Workers').selectOption('2');
  await matrix.getByRole('button', { name: 'Run the attack matrix' }).click();
  const progress = matrix.getByRole('progressbar', { name: 'Attack matrix progress' });
  await expect(progress).toHaveAttribute('aria-valuemax', '1046');
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(matrix.getByTestId('matrix-progress-text')).toContainText(/^1046 rows in [\d.]+ s with 2 workers$/, { timeout: 150_000 });
  await matrix.getByLabel('Protocol').selectOption('v0');
  await shot('36-matrix-v0');
  // ADD_ADDR hijack by an on-path active attacker on v0: a hijack and a man in the middle.
  const cell = matrix.getByRole('button', { name: /^ADD_ADDR hijack, on-path active, v0: .*Man in the middle.* — open this run$/ });
  await cell.click();
  await expect(run.view('Overview')).toHaveAttribute('aria-selected', 'true');
  await expect(run.failure('mitm')).toBeVisible({ timeout: 30_000 });
  await expect(run.failures).toContainText('on-path active attacker');
});

test('compare v0 against v1: v1 prevents the hijack and the man in the middle', async ({ capturePage: app, shot }) => {
  test.setTimeout(90_000);
  const run = new RunPage(app.page);
  await run.open('?scenario=attack-add-addr-hijack-v0');
  await app.page.keyboard.press('6');
  const compare = app.page.getByTestId('compare');
  await compare.getByRole('button', { name: 'v0 against v1' }).click();
  await compare.getByRole('button', { name: 'Compare', exact: true }).click();
  const diff = compare.getByRole('region', { name: 'Difference in failures' });
  await expect(diff.locator('[data-failure="mitm"]')).toHaveAttribute('data-verdict', 'only-a', { timeout: 60_000 });
  await expect(diff.locator('[data-failure="hijack"]')).toHaveAttribute('data-verdict', 'only-a');
  await expect(diff.locator('[data-failure="eavesdrop-data"]')).toHaveAttribute('data-verdict', 'both');
  await expect(compare.getByTestId('compare-summary')).toHaveText('B prevents 2 failures of A: Connection hijack, Man in the middle.');
  await shot('37-compare-v0-v1');
});
