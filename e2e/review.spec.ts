/**
 * The design review of issue 15, as a reviewer does it: nat-client's attack
 * surface mapped, two findings decided (one accepted risk, one mitigated
 * by switching a mitigation on and mapping again), and the report, the
 * Threat Dragon model and the OTM document exported — the two threat
 * models validated against their published schemas (vendor/schemas).
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import Ajv from 'ajv';
import { test, expect } from './fixtures.ts';
import { RunPage } from './pages/run-page.ts';

const schema = (name: string) => JSON.parse(readFileSync(new URL(`../vendor/schemas/${name}`, import.meta.url), 'utf8')) as object;

async function download(page: Page, menuItem: string): Promise<string> {
  await page.getByText('Export ▾').click();
  const file = page.waitForEvent('download');
  await page.getByRole('group', { name: 'Export' }).getByRole('button', { name: menuItem }).click();
  return readFileSync((await (await file).path())!, 'utf8');
}

test('a reviewer maps nat-client, decides two findings, re-maps with a mitigation, and exports the review', async ({ capturePage: app, shot }) => {
  test.setTimeout(240_000);
  const page = app.page;
  const run = new RunPage(page);
  await run.open('?scenario=nat-client');
  await page.keyboard.press('7');
  const surface = page.getByTestId('surface');
  const progress = surface.getByTestId('surface-progress-text');
  await surface.getByRole('button', { name: /^Map the attack surface \(211 rows\)$/ }).click();
  await expect(progress).toHaveText(/^211 rows in [\d.]+ s with \d workers?$/, { timeout: 120_000 });

  // Where an attacker matters: the link from the client to r1 allows a high-severity failure.
  const places = surface.getByRole('region', { name: 'Places' });
  await places.getByRole('button', { name: /^Link client-r1 — high/ }).click();

  const decisions = surface.getByRole('region', { name: /decisions/i });
  // 1. An accepted risk: an on-path eavesdropper reads the data (no TLS in this design).
  const eavesdrop = decisions.getByRole('group', { name: 'Data eavesdropped: Passive eavesdropping at client-r1 (on-path eavesdropper)' });
  await eavesdrop.getByLabel('Status').selectOption('accepted');
  await eavesdrop.getByLabel('Owner').fill('ana');
  await eavesdrop.getByLabel('Owner').press('Enter');
  await eavesdrop.getByLabel('Comment').fill('Public telemetry; TLS is planned for the next release.');
  await eavesdrop.getByLabel('Comment').blur();
  // 2. Mitigated: a forged REMOVE_ADDR is taken as the peer's (a hijack of the connection's control).
  const removeAddr = decisions.getByRole('group', { name: 'Connection hijack: Reset injection (REMOVE_ADDR) at client-r1 (on-path active)' });
  await removeAddr.getByLabel('Status').selectOption('mitigated');
  await removeAddr.getByLabel('Comment').fill('REMOVE_ADDR keepalive probe switched on.');
  await removeAddr.getByLabel('Comment').blur();
  await expect(eavesdrop.getByLabel('Status')).toHaveValue('accepted');
  await shot('review-01-decided');

  // The mitigation, switched on in the scenario: the map is stale until it is swept again.
  const menu = page.getByRole('group', { name: 'Simulate' }).getByLabel('Mitigations').first();
  await menu.click();
  await page.getByRole('group', { name: 'Mitigations' }).getByLabel('REMOVE_ADDR keepalive probe').check();
  await menu.click();
  await expect(surface.getByText('The scenario changed since this map was swept', { exact: false })).toBeVisible();
  await surface.getByRole('button', { name: /^Map the attack surface/ }).click();
  await expect(progress).toHaveText(/^211 rows in [\d.]+ s with \d workers?$/, { timeout: 120_000 });
  await places.getByRole('button', { name: /^Link client-r1/ }).click();
  // The engine no longer finds the hijack: the decision stays, flagged; the accepted risk is still there.
  await expect(removeAddr).toContainText('No longer found');
  await expect(removeAddr.getByLabel('Status')).toHaveValue('mitigated');
  await expect(eavesdrop.getByLabel('Status')).toHaveValue('accepted');
  await expect(eavesdrop).not.toContainText('No longer found');
  await shot('review-02-remapped');

  // The report carries the map and the decisions.
  const report = await download(page, 'Report (Markdown)');
  expect(report).toContain('## Attack surface');
  expect(report).toMatch(/\*\*accepted risk\*\*/);
  expect(report).toContain('ana');
  expect(report).toContain('Public telemetry; TLS is planned for the next release.');
  expect(report).toMatch(/no longer found/i);

  // The threat models, valid against the schemas Threat Dragon and OTM publish.
  const ajv = new Ajv({ allErrors: true, strict: false });
  const td = JSON.parse(await download(page, 'Threat model (Threat Dragon)')) as { detail: { diagrams: { cells: { data?: { threats?: { status: string; title: string; description: string }[] } }[] }[] } };
  expect(ajv.validate(schema('threat-dragon-v2.schema.json'), td), JSON.stringify(ajv.errors?.slice(0, 3))).toBe(true);
  const threats = td.detail.diagrams.flatMap((d) => d.cells.flatMap((c) => c.data?.threats ?? []));
  expect(threats.length).toBeGreaterThan(10);
  expect(threats.some((t) => /accepted risk/i.test(`${t.title} ${t.description}`))).toBe(true);
  const otm = JSON.parse(await download(page, 'Threat model (OTM)')) as { threats: unknown[] };
  expect(ajv.validate(schema('otm_schema.json'), otm), JSON.stringify(ajv.errors?.slice(0, 3))).toBe(true);
  expect(otm.threats.length).toBeGreaterThan(10);
});
