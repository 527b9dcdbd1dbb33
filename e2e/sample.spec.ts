import { test, expect } from './fixtures.ts';

test.describe('load the sample capture', () => {
  test('one click shows the connection, its subflows and verified HMACs', async ({ capturePage: app, shot }) => {
    await shot('01-landing');
    await app.loadSample();

    const conn = app.connection(1);
    await expect(conn).toBeVisible();
    await expect(conn).toContainText('MPTCP v1');
    const subflows = app.subflows(1);
    await expect(subflows.first()).toBeVisible();
    expect(await subflows.count()).toBeGreaterThanOrEqual(2);
    await expect(subflows.first()).toContainText('initial');

    const join = subflows.filter({ hasText: 'MP_JOIN' }).first();
    await expect(join).toContainText('HMAC verified');
    await expect(subflows.filter({ hasText: 'HMAC mismatch' })).toHaveCount(0);

    const announced = app.addAddrs(1).filter({ hasText: 'announces' }).first();
    await expect(announced).toContainText('HMAC verified');
    await expect(app.addAddrs(1).filter({ hasText: 'echo' }).first()).toBeVisible();

    await expect(conn.getByRole('table')).toContainText('verified');
    await expect(app.page.getByRole('banner')).toContainText('v1-two-subflows-add-addr.pcap');
    await shot('02-sample-loaded');
  });

  test('the packet list is virtual and keyboard operable', async ({ capturePage: app }) => {
    await app.loadSample();
    await expect(app.row(1)).toBeVisible();
    const drawn = await app.packetGrid.getByRole('row').count();
    expect(drawn).toBeLessThan(70);
    await expect(app.packetGrid).toHaveAttribute('aria-rowcount', '71');

    await app.row(1).click();
    await expect(app.selectedRow()).toHaveAttribute('id', 'packet-row-1');
    await app.packetGrid.press('ArrowDown');
    await expect(app.selectedRow()).toHaveAttribute('id', 'packet-row-2');
    await app.packetGrid.press('End');
    await expect(app.selectedRow()).toHaveAttribute('id', 'packet-row-70');
    await expect(app.row(70)).toBeInViewport();
    await app.packetGrid.press('Home');
    await expect(app.selectedRow()).toHaveAttribute('id', 'packet-row-1');
    await app.packetGrid.press('PageDown');
    await expect(app.selectedRow()).not.toHaveAttribute('id', 'packet-row-1');
    await expect(app.page.getByRole('heading', { name: /^Frame \d+/ })).toBeVisible();

    await app.mptcpOnly.check();
    await expect(app.page.getByRole('status').filter({ hasText: 'packets' })).toBeVisible();
    await app.textFilter.fill('ADD_ADDR');
    await expect(app.page.getByText('2 of 70 packets')).toBeVisible();
    await expect(app.rowsWithInfo('ADD_ADDR')).toHaveCount(2);
  });

  test('Ctrl+O opens the file chooser', async ({ capturePage: app }) => {
    const chooser = app.page.waitForEvent('filechooser');
    await app.page.keyboard.press('Control+O');
    const fc = await chooser;
    expect(fc.isMultiple()).toBe(false);
  });

  test('dark theme follows the system', async ({ capturePage: app, shot }) => {
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await app.loadSample();
    await app.addAddrs(1).first().click();
    await expect(app.fieldTree(4)).toBeVisible();
    await app.selectField(4, 'Truncated HMAC');
    await shot('07-dark');
  });
});
