import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import { CapturePage } from './pages/capture-page.ts';

export const SAMPLE = 'v1-two-subflows-add-addr.pcap';

export function captureFixture(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(`../fixtures/captures/${name}`, import.meta.url)));
}

interface Fixtures {
  /** The viewer on its landing page; the test fails on any console error or uncaught exception. */
  capturePage: CapturePage;
  /** Saves a named screenshot under test-results/screenshots and attaches it to the report. */
  shot: (name: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  capturePage: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    const capturePage = new CapturePage(page);
    await capturePage.goto();
    await use(capturePage);
    expect(problems, 'console errors, warnings or uncaught exceptions').toEqual([]);
  },
  shot: async ({ page }, use, testInfo) => {
    await use(async (name: string) => {
      const path = `test-results/screenshots/${name}.png`;
      await page.screenshot({ path });
      await testInfo.attach(name, { path, contentType: 'image/png' });
    });
  },
});

export { expect };
