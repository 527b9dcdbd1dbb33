import { captureFixture, test, expect } from './fixtures.ts';

test('dropping a capture anywhere opens it', async ({ capturePage: app, shot }) => {
  await app.dropFile('v1-add-addr-port.pcap', captureFixture('v1-add-addr-port.pcap'));
  await expect(app.page.getByText('Drop the capture to open it')).toHaveCount(0);
  await expect(app.page.getByRole('banner')).toContainText('v1-add-addr-port.pcap');
  const announced = app.addAddrs(1).filter({ hasText: 'announces' }).first();
  await expect(announced).toContainText('port 8090');
  await expect(announced).toContainText('HMAC verified');
  await shot('08-dropped-capture');
});
