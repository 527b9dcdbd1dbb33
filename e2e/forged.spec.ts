import { addAddrHmacOffset } from './capture-bytes.ts';
import { SAMPLE, captureFixture, test, expect } from './fixtures.ts';

test('a forged ADD_ADDR HMAC shows as a mismatch and its packet is flagged', async ({ capturePage: app, shot }) => {
  const bytes = Buffer.from(captureFixture(SAMPLE));
  const { frame, offset } = addAddrHmacOffset(bytes);
  bytes[offset] = bytes[offset]! ^ 0xff;
  await app.openFile('forged-add-addr.pcap', 'application/vnd.tcpdump.pcap', bytes);

  const forged = app.addAddrs(1).filter({ hasText: `frame ${frame}` });
  await expect(forged).toContainText('HMAC mismatch');
  await expect(app.page.getByRole('region', { name: 'Problems' })).toContainText('ANALYSIS_HMAC_MISMATCH');

  const row = app.row(frame);
  await expect(row).toHaveClass(/plist__row--problem/);
  await expect(row.getByRole('img', { name: 'problem' })).toBeVisible();
  await app.page.getByRole('region', { name: 'Problems' }).getByRole('button').first().click();
  await expect(app.selectedRow()).toHaveAttribute('id', `packet-row-${frame}`);
  // The inspector opens on the forged field itself, with the recomputed value.
  const field = app.page.getByRole('treeitem', { name: /^Truncated HMAC: .*\(problem: .*the keys give [0-9a-f]{16}\)$/ });
  await expect(field).toHaveAttribute('aria-selected', 'true');
  await expect(field).toBeInViewport();
  await shot('09-forged-hmac');
});
