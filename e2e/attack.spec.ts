/**
 * The newcomer's journey: run the ADD_ADDR attack on MPTCP v0, see the
 * attacker become a man in the middle and the packets that prove it, switch
 * to v1 and see the attack fail with the host's reason, export a report.
 */
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.ts';

test('ADD_ADDR attack: a man in the middle on v0, an ignored ADD_ADDR on v1, and a report', async ({ capturePage: app, shot }) => {
  test.setTimeout(60_000);
  const page = app.page;
  const failures = page.getByTestId('failures');

  await app.simulate('attack-add-addr-hijack-v0');
  await expect(failures).toBeVisible({ timeout: 30_000 });
  const mitm = failures.locator('[data-failure="mitm"]');
  await expect(mitm).toContainText('Man in the middle');
  await expect(mitm).toContainText('MPTCP-specific');
  await expect(failures.locator('[data-failure="hijack"]')).toContainText('198.18.66.6');
  await expect(failures).toContainText('Mallory');
  await expect(failures).toContainText('partial-time on-path');
  // Its knowledge over time: sequence numbers from the packets it saw, never a key (it arrived after the handshake).
  await failures.getByText(/^What Mallory learned, and when/).click();
  const learned = failures.getByRole('list', { name: 'What Mallory learned' });
  await expect(learned).toContainText('sequence-numbers');
  await expect(learned.getByText('key', { exact: true })).toHaveCount(0);

  // Its evidence is a packet of the run: one click selects it in the list and the detail.
  const evidence = mitm.getByRole('button', { name: /^#\d+$/ }).first();
  const frame = Number((await evidence.textContent())!.slice(1));
  await evidence.click();
  await page.getByRole('tab', { name: 'Packets' }).click();
  await expect(app.selectedRow()).toContainText(String(frame));
  await expect(app.fieldTree(frame)).toBeVisible();
  await shot('20-attack-v0-mitm');

  // v1: the same attacker, without the keys, cannot make the ADD_ADDR's HMAC.
  await page.getByRole('group', { name: 'Simulate' }).getByLabel('Protocol').selectOption('mptcp-v1');
  await expect(failures).toContainText('mptcp-v1', { timeout: 30_000 });
  await expect(failures.locator('[data-failure="mitm"]')).toHaveCount(0);
  await expect(failures.locator('[data-failure="hijack"]')).toHaveCount(0);
  await expect(failures).toContainText('ADD_ADDR ignored: HMAC mismatch');
  await shot('21-attack-v1-ignored');

  const download = page.waitForEvent('download');
  await failures.getByRole('button', { name: 'Export report' }).click();
  const report = readFileSync((await (await download).path())!, 'utf8');
  // Named after the protocol that ran, not the built-in's.
  expect(report).toContain('# Security report: ADD_ADDR hijack, MPTCP v1');
  expect(report).toContain('`npm run --silent lab -- run attack-add-addr-hijack-v0 --protocol mptcp-v1` reproduces it');
  expect(report).toContain('protocol mptcp-v1');
  expect(report).toContain('ADD_ADDR ignored: HMAC mismatch');
  // What would prevent what is left, measured by re-running with each mitigation: TLS keeps the bytes secret.
  expect(report).toMatch(/^\| Data eavesdropped \(`eavesdrop-data`\) \| Information disclosure \| RFC 7430 §2 \|.*\| [^|]*\btls\b[^|]* \|$/m);
});

test('mitigation switches re-run the scenario: add-addr-hmac on v0 stops the hijack too', async ({ capturePage: app }) => {
  test.setTimeout(60_000);
  const page = app.page;
  const failures = page.getByTestId('failures');
  await app.simulate('attack-add-addr-hijack-v0');
  await expect(failures.locator('[data-failure="hijack"]')).toBeVisible({ timeout: 30_000 });
  await page.getByText(/^Mitigations \(\d+\)$/).click();
  await page.getByRole('checkbox', { name: 'ADD_ADDR HMAC (v0 what-if)' }).check();
  await expect(failures).toContainText('add-addr-hmac', { timeout: 30_000 });
  await expect(failures.locator('[data-failure="hijack"]')).toHaveCount(0);
  await expect(failures).toContainText('ADD_ADDR ignored: HMAC mismatch');
});

test('a share link opens the same run, switches, packet and tab', async ({ capturePage: app }) => {
  test.setTimeout(60_000);
  const page = app.page;
  await app.simulate('attack-add-addr-hijack-v0');
  await page.getByRole('group', { name: 'Simulate' }).getByLabel('Protocol').selectOption('mptcp-v1');
  const failures = page.getByTestId('failures');
  await expect(failures).toContainText('mptcp-v1', { timeout: 30_000 });
  // The host's verdict on the attacker's ADD_ADDR names its packet; select it.
  await failures.locator('.verdicts').getByRole('button', { name: /^#\d+$/ }).first().click();
  await page.getByRole('tab', { name: 'Packets' }).click();
  const frame = Number((await app.selectedRow().getByRole('gridcell').first().textContent())!.replace(/\D/g, ''));
  await expect(page).toHaveURL(new RegExp(`scenario=attack-add-addr-hijack-v0&protocol=mptcp-v1&mitigations=&frame=${frame}&view=packets$`));
  const link = page.url();

  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByTestId('failures')).toContainText('ADD_ADDR ignored: HMAC mismatch', { timeout: 30_000 });
  await expect(page.getByRole('group', { name: 'Simulate' }).getByLabel('Protocol')).toHaveValue('mptcp-v1');
  // The link names the tab too: the packet list is on screen without a click.
  await expect(page.getByRole('tab', { name: 'Packets' })).toHaveAttribute('aria-selected', 'true');
  await expect(app.selectedRow()).toContainText(String(frame));
  await expect(app.fieldTree(frame)).toContainText('ADD_ADDR');
});

test('a share link naming no built-in, or an unknown mitigation, says so and leaves the app as it was', async ({ capturePage: app }) => {
  const page = app.page;
  await page.goto('/?scenario=attack-nope');
  await expect(app.alert).toContainText('no built-in scenario "attack-nope"');
  await expect(page.getByRole('heading', { name: 'See what attackers can do to Multipath TCP' })).toBeVisible();
  await page.goto('/?scenario=attack-add-addr-hijack-v0&mitigations=firewall');
  await expect(app.alert).toContainText('unknown mitigation "firewall"');
  await expect(page.getByRole('heading', { name: 'See what attackers can do to Multipath TCP' })).toBeVisible();
});
