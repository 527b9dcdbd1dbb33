import { SAMPLE, captureFixture, test, expect } from './fixtures.ts';

test.describe('bad files', () => {
  test('a JSON file shows the coded error and the earlier capture stays usable', async ({ capturePage: app, shot }) => {
    await app.loadSample();
    await app.openFile('notes.json', 'application/json', Buffer.from('{"a":1}'));
    const alert = app.alert.filter({ hasText: 'CAPTURE_UNKNOWN_FORMAT' });
    await expect(alert).toContainText(
      'CAPTURE_UNKNOWN_FORMAT: not a pcap or pcapng file: starts with 7b 22 61 22 at byte 0 (looks like JSON text)',
    );
    await expect(alert).toContainText('Could not open “notes.json”');
    await expect(alert).toContainText(`Still showing ${SAMPLE}`);
    await expect(app.connection(1)).toBeVisible();
    await app.row(3).click();
    await expect(app.fieldTree(3)).toBeVisible();
    await shot('04-error-kept-capture');
    await alert.getByRole('button', { name: 'Dismiss the error' }).click();
    await expect(app.page.getByText('CAPTURE_UNKNOWN_FORMAT')).toHaveCount(0);
  });

  test('an empty file says so', async ({ capturePage: app }) => {
    await app.openFile('empty.pcap', 'application/octet-stream', Buffer.alloc(0));
    await expect(app.alert.filter({ hasText: 'CAPTURE_EMPTY' })).toBeVisible();
    await expect(app.page.getByRole('heading', { name: 'See what attackers can do to Multipath TCP' })).toBeVisible();
  });

  test('a capture cut short is read up to the damage and the problem is listed', async ({ capturePage: app, shot }) => {
    const cut = captureFixture(SAMPLE).subarray(0, 5000);
    await app.openFile('cut.pcap', 'application/vnd.tcpdump.pcap', cut);
    const problems = app.page.getByRole('region', { name: 'Capture problems' });
    await expect(problems).toContainText('CAPTURE_TRUNCATED');
    await expect(app.connection(1)).toBeVisible();
    await expect(app.alert.filter({ hasText: /\w/ })).toHaveCount(0);
    // The packets before the damage are all there and usable.
    await expect(app.page.getByRole('status').filter({ hasText: /^19 packets$/ })).toBeVisible();
    await app.row(19).click();
    await expect(app.fieldTree(19)).toBeVisible();
    await shot('06-damaged-capture');
  });
});
