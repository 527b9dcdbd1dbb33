/**
 * The attack-surface map: a built-in's topology painted with the worst
 * failure each place allows, a place's rows, a row's run; a cancelled sweep
 * leaves a partial map.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { RunPage } from './pages/run-page.ts';

/** Pixels that differ between two screenshots of the same region, and how many of the second are the map's "high" red. */
async function pixelChange(page: Page, before: Buffer, after: Buffer): Promise<{ changed: number; red: number; total: number }> {
  return page.evaluate(
    async ([a, b]) => {
      const load = async (b64: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        return g.getImageData(0, 0, img.width, img.height);
      };
      const [x, y] = await Promise.all([load(a), load(b)]);
      let changed = 0;
      let red = 0;
      const n = Math.min(x.data.length, y.data.length);
      for (let i = 0; i < n; i += 4) {
        if (Math.abs(x.data[i]! - y.data[i]!) + Math.abs(x.data[i + 1]! - y.data[i + 1]!) + Math.abs(x.data[i + 2]! - y.data[i + 2]!) > 30) changed++;
        // --sev-high #c2181f and its anti-aliased edges: strongly red, little green or blue.
        if (y.data[i]! > 150 && y.data[i + 1]! < 80 && y.data[i + 2]! < 90) red++;
      }
      return { changed, red, total: n / 4 };
    },
    [before.toString('base64'), after.toString('base64')] as const,
  );
}

async function openSurface(app: { page: Page }, scenario: string): Promise<{ run: RunPage; surface: Locator }> {
  const run = new RunPage(app.page);
  await run.open(`?scenario=${scenario}`);
  await app.page.keyboard.press('7');
  const surface = app.page.getByTestId('surface');
  await expect(surface).toBeVisible();
  return { run, surface };
}

test('the attack surface of nat-client: painted places, a place’s rows, a row’s run, and back to the map', async ({ capturePage: app, shot }) => {
  test.setTimeout(120_000);
  const { run, surface } = await openSurface(app, 'nat-client');
  const drawing = surface.getByTestId('surface-map').locator('svg.topology__svg');
  await expect(drawing.locator('[data-node="r1"]')).toBeVisible();
  const before = await drawing.screenshot();
  await shot('surface-01-before');

  const button = surface.getByRole('button', { name: /^Map the attack surface \(211 rows\)$/ });
  await button.click();
  const text = surface.getByTestId('surface-progress-text');
  // Progress first: rows done of the plan, the time taken and the time left.
  await expect(text).toHaveText(/^(Planning the sweep · [\d.]+ s|\d+ of 211 rows · [\d.]+ s · (estimating the time left|about \d+ s left|under a second left))$/);
  await expect(surface.getByRole('progressbar', { name: 'Attack surface progress' })).toBeVisible();
  await expect(text).toHaveText(/^211 rows in [\d.]+ s with \d workers?$/, { timeout: 90_000 });
  await expect(surface.getByRole('region', { name: 'Legend: worst failure per place' })).toBeVisible();
  await expect(surface.getByRole('region', { name: 'Places' }).getByRole('button')).toHaveCount(6);
  await shot('surface-02-mapped');

  // The drawing itself changed where the places were painted: the links and the router turned red.
  const after = await drawing.screenshot();
  const diff = await pixelChange(app.page, before, after);
  expect(diff.changed).toBeGreaterThan(2000);
  expect(diff.red).toBeGreaterThan(1000);

  // Every place of nat-client allows a high-severity failure, but off-path (low).
  await expect(drawing.locator('.surface-badge[data-link="client-r1"]')).toHaveAttribute('data-look', 'high');
  await expect(drawing.locator('[data-place="off-path"]')).toHaveAttribute('data-look', 'low');

  // A place chosen on the map lists its rows.
  await drawing.locator('.surface-badge[data-link="client-nat"]').click();
  const rows = surface.getByTestId('surface-rows');
  await expect(rows.getByRole('heading')).toHaveText(/^Link client-nat: \d+ rows$/);
  await expect(rows.getByText(/cells? skipped here/)).toBeVisible();
  await shot('surface-03-place-rows');

  // The off-path marker is a place too, reached by keyboard.
  await drawing.locator('[data-place="off-path"]').focus();
  await app.page.keyboard.press('Enter');
  await expect(rows.getByRole('heading')).toHaveText(/^Off-path: \d+ rows$/);

  // A row opens its run: the row's one attacker in the user's scenario.
  await surface.getByRole('button', { name: 'Link client-r1 — high', exact: false }).click();
  // Keys read in the handshake, then a subflow added with valid HMACs: v1's ADD_ADDR HMAC does not help.
  const open = rows.getByRole('button', { name: /^Handshake eavesdrop, then hijack, on-path active: Connection hijack \(MPTCP-specific\).* — open this run$/ });
  await open.click();
  await expect(run.view('Overview')).toHaveAttribute('aria-selected', 'true', { timeout: 30_000 });
  await expect(run.failure('hijack')).toBeVisible({ timeout: 30_000 });
  await expect(run.failures).toContainText('on-path active attacker');
  await shot('surface-04-row-run');

  // Back to the map: it is kept, and not stale (the row's attacker does not count).
  await app.page.keyboard.press('7');
  await expect(text).toHaveText(/^211 rows in [\d.]+ s with \d workers?$/);
  await expect(surface.getByText('The scenario changed since this map was swept', { exact: false })).toHaveCount(0);
});

test('a cancelled sweep leaves a partial map, labelled partial', async ({ capturePage: app, shot }) => {
  test.setTimeout(90_000);
  const { surface } = await openSurface(app, 'nat-client');
  await surface.getByLabel('Workers').selectOption('1');
  await surface.getByRole('button', { name: /^Map the attack surface/ }).click();
  const text = surface.getByTestId('surface-progress-text');
  await expect(text).toHaveText(/^[1-9]\d* of 211 rows · /, { timeout: 30_000 });
  await surface.getByRole('button', { name: 'Cancel' }).click();
  await expect(text).toHaveText(/^Partial map: cancelled at [1-9]\d* of 211 rows$/);
  await expect(surface.getByRole('note')).toContainText('Partial map');
  // The places are painted from the rows that ran.
  await expect(surface.getByRole('region', { name: 'Places' }).getByRole('button')).toHaveCount(6);
  await shot('surface-05-partial');
});
