import { existsSync, statSync } from 'node:fs';
import { writeSyntheticCapture } from './capture-bytes.ts';
import { watchOpening } from './big-capture-watch.ts';
import { test, expect } from './fixtures.ts';

/** About 200 MB: three million 54-byte frames, streamed from the File in 4 MB slices by the worker. */
const PACKETS = 3_000_000;

test('a 200 MB capture opens without blocking the page, within bounded memory, and a second open can be cancelled', async ({ capturePage: app, shot }, testInfo) => {
  test.setTimeout(240_000);
  const path = testInfo.outputPath('synthetic-3m.pcap');
  if (!existsSync(path)) writeSyntheticCapture(path, PACKETS);
  const size = statSync(path).size;
  expect(size).toBe(24 + PACKETS * 70);
  const page = app.page;
  const list = page.getByRole('status').filter({ hasText: '3,000,000 packets' });

  const finish = await watchOpening(page);
  await app.fileInput.setInputFiles(path);
  const progress = page.getByRole('progressbar');
  await expect(progress).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Analyzing synthetic-3m.pcap' })).toBeVisible();
  await expect(page.getByText(/^\d+% · .* of 200\.3 MiB · [\d,]+ packets$/)).toBeVisible();
  // The page answers input while the worker reads: typing in the filter box echoes at once.
  await app.textFilter.fill('still responsive');
  await expect(app.textFilter).toHaveValue('still responsive');
  await app.textFilter.fill('');
  await expect(list).toBeVisible({ timeout: 180_000 });
  await expect(app.row(1)).toBeVisible();
  expect(await app.packetGrid.getByRole('row').count()).toBeLessThan(60);
  const figures = `${(size / 1e6).toFixed(0)} MB ${await finish()}`;
  testInfo.annotations.push({ type: 'figures', description: figures });
  console.log(`[big-capture] ${figures}`);

  // Scrolling to the end reads only the rows drawn.
  await app.row(1).click();
  await app.packetGrid.press('End');
  await expect(app.row(PACKETS)).toBeInViewport();

  // A second open of the same file, cancelled: the first stays as it was.
  await app.fileInput.setInputFiles(path);
  const cancel = page.getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeVisible();
  await expect(page.getByText(/^\d+% · .* MiB of 200\.3 MiB · [1-9][\d,]* packets$/)).toBeVisible();
  await shot('big-capture-progress-cancel');
  await cancel.click();
  await expect(page.getByRole('status', { name: 'Opening' })).toHaveText('Opening cancelled');
  await expect(progress).toHaveCount(0);
  await expect(list).toBeVisible();
  await expect(app.row(PACKETS)).toBeInViewport();

  // Escape cancels too.
  await app.fileInput.setInputFiles(path);
  await expect(cancel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('status', { name: 'Opening' })).toHaveText('Opening cancelled');
  await expect(list).toBeVisible();
});
