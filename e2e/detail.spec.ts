import { test, expect } from './fixtures.ts';

test.describe('packet detail', () => {
  test('an ADD_ADDR field highlights exactly its bytes, and a byte selects its field', async ({ capturePage: app, shot }) => {
    await app.loadSample();
    // From the connections panel: the announced ADD_ADDR selects its frame.
    await app.addAddrs(1).filter({ hasText: 'announces' }).first().click();
    const frame = Number((await app.selectedRow().getAttribute('id'))!.replace('packet-row-', ''));
    await expect(app.fieldTree(frame)).toBeVisible();

    const option = await app.expandField(frame, 'ADD_ADDR');
    await expect(option).toHaveAttribute('aria-expanded', 'true');
    const hmac = await app.selectField(frame, 'Truncated HMAC');
    const value = (await hmac.getAttribute('aria-label'))!.split(': ')[1]!;
    expect(value).toMatch(/^[0-9a-f]{16}$/);

    const hl = await app.highlightedBytes(frame);
    expect(hl.offsets).toHaveLength(8);
    expect(hl.offsets.at(-1)! - hl.offsets[0]!).toBe(7);
    expect(hl.hex).toBe(value);
    await shot('03-add-addr-hmac-selected');

    // The other way round: a click on the address bytes selects the address field.
    await app.hexView(frame).locator(`[data-offset="${hl.offsets[0]! - 4}"]`).first().click();
    await expect(app.field(frame, 'IPv4 address')).toHaveAttribute('aria-selected', 'true');
    expect((await app.highlightedBytes(frame)).offsets).toHaveLength(4);
  });

  test('an MP_JOIN SYN/ACK shows its truncated HMAC bytes', async ({ capturePage: app }) => {
    await app.loadSample();
    await app.textFilter.fill('MP_JOIN');
    const synAck = app.rowsWithInfo(/\[ACK, SYN\].*MP_JOIN/).first();
    await synAck.click();
    const frame = Number((await app.selectedRow().getAttribute('id'))!.replace('packet-row-', ''));
    await app.expandField(frame, 'MP_JOIN');
    const field = await app.selectField(frame, "Sender's truncated HMAC");
    const value = (await field.getAttribute('aria-label'))!.split(': ')[1]!;
    const hl = await app.highlightedBytes(frame);
    expect(hl.offsets).toHaveLength(8);
    expect(hl.hex).toBe(value);
    // Keys carry their derived token and IDSN as a note.
    await app.textFilter.fill('');
    await app.row(2).click();
    await expect(app.fieldTree(2)).toContainText('first 32 and last 64 bits of SHA-256(key)');
  });
});
