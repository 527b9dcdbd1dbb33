import { existsSync, statSync } from 'node:fs';
import { writeSyntheticCapture } from './capture-bytes.ts';
import { test, expect } from './fixtures.ts';

const PACKETS = 1_000_000;

test('a million-packet capture opens and the list stays virtual and responsive', async ({ capturePage: app, shot }, testInfo) => {
  test.setTimeout(120_000);
  const path = testInfo.outputPath('synthetic-1m.pcap');
  if (!existsSync(path)) writeSyntheticCapture(path, PACKETS);
  expect(statSync(path).size).toBe(24 + PACKETS * 70);

  await app.fileInput.setInputFiles(path);
  await expect(app.page.getByRole('progressbar')).toBeVisible();
  await shot('11-loading-progress');
  await expect(app.page.getByRole('status').filter({ hasText: '1,000,000 packets' })).toBeVisible({ timeout: 60_000 });
  await expect(app.row(1)).toBeVisible();

  // Only a window of rows is in the DOM.
  expect(await app.packetGrid.getByRole('row').count()).toBeLessThan(60);

  const t0 = Date.now();
  await app.row(1).click();
  await app.packetGrid.press('End');
  await expect(app.selectedRow()).toHaveAttribute('id', `packet-row-${PACKETS}`);
  await expect(app.row(PACKETS)).toBeInViewport();
  await app.packetGrid.press('PageUp');
  await expect(app.selectedRow()).not.toHaveAttribute('id', `packet-row-${PACKETS}`);
  await app.page.mouse.move(800, 200);
  await app.page.mouse.wheel(0, -2_000_000);
  await expect(app.packetGrid.getByRole('row').nth(5)).not.toContainText('loading');
  expect(Date.now() - t0).toBeLessThan(10_000);
  await shot('10-million-packets');
});
