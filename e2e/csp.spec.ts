/**
 * A locked-down page (issue 13): `npm start` sends a Content-Security-Policy
 * without inline scripts or eval, the built page carries it as a <meta> too,
 * and the whole app works under it: a tour of every view, a simulated run,
 * a capture, the attack matrix's workers and every export gives no CSP
 * violation and no console error, while eval and an injected inline script
 * are refused.
 */
import { test, expect } from './fixtures.ts';
import { RunPage } from './pages/run-page.ts';
import type { Page } from '@playwright/test';
import { PROBE_PATH, PROBE_SCRIPT } from './csp-probe.ts';

declare global {
  interface Window {
    __violations?: string[];
    __probe?: Record<string, string | number>;
  }
}

/** Records every securitypolicyviolation the page (and its workers' owner document) reports, from the first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations!.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`));
  });
  const cspMessages: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) cspMessages.push(msg.text());
  });
  return async () => [...(await page.evaluate(() => window.__violations ?? [])), ...cspMessages];
}

test('npm start sends the policy and the security headers; the built page carries it as a meta', async ({ page }) => {
  const res = await page.goto('/');
  const headers = res!.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("worker-src 'self'");
  expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("script-src 'self'");
  expect(meta).not.toContain('frame-ancestors');
  expect(meta).not.toMatch(/unsafe-eval|unsafe-inline/);
  // The policy comes before any script in the page.
  const html = await res!.text();
  expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  // Scripts are served with the headers too.
  const theme = await page.request.get('/theme.js');
  expect(theme.headers()['x-content-type-options']).toBe('nosniff');
  expect(theme.headers()['content-type']).toMatch(/javascript/);
});

test('the theme is set before the first paint by a script file (no inline script): a saved dark theme opens dark', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('mptcp-threat-lab/theme', 'dark'));
  const res = await page.goto('/');
  expect(await res!.text()).toContain('<script src="/theme.js"></script>');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('eval throws and an injected inline script, handler or javascript: URL does not run', async ({ page }) => {
  // The plain page (not the capturePage fixture): the browser logs each refusal as a console error, which is the point here.
  const violations = await watchViolations(page);
  await page.route(`**${PROBE_PATH}`, (route) => route.fulfill({ contentType: 'text/javascript', body: PROBE_SCRIPT }));
  await page.goto('/');
  await page.evaluate((src) => {
    const s = document.createElement('script');
    s.src = src;
    document.head.append(s);
  }, PROBE_PATH);
  await page.waitForFunction(() => window.__probe !== undefined);
  const probe = await page.evaluate(() => window.__probe);
  expect(probe).toEqual({ eval: 'threw EvalError', fn: 'threw EvalError', inline: 0, timeout: 0 });
  // The refusals were reported (so the tour's empty list below means something).
  const seen = (await violations()).join('\n');
  expect(seen).toContain('script-src');
});

test('a tour of the whole app (run, every view, a capture, the matrix, every export) gives no CSP violation and no console error', async ({ page }) => {
  test.setTimeout(180_000);
  const violations = await watchViolations(page);
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  const run = new RunPage(page);
  await page.goto('/');
  // The theme script (a file, no longer inline) ran before the page.
  await expect(page.locator('html')).toHaveAttribute('data-theme', /^(light|dark)$/);
  await page.getByRole('button', { name: /Watch an ADD_ADDR hijack/ }).click();
  await expect(run.replay).toBeVisible({ timeout: 30_000 });
  await expect(run.failure('mitm')).toBeVisible({ timeout: 30_000 });
  for (const key of ['1', '2', '3', '4', '6']) {
    await page.keyboard.press(key);
    await expect(page.getByRole('tab', { selected: true })).toBeVisible();
  }

  const save = async (open: () => Promise<void>, label: string) => {
    await open();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: label, exact: true }).click();
    expect((await (await download).path())).toBeTruthy();
  };
  const exportMenu = async () => page.getByText('Export ▾').click();
  for (const label of ['Capture (pcapng)', 'Scenario (JSON)', 'Topology (SVG)', 'Topology (PNG)', 'Sequence diagram (Mermaid)', 'Report (Markdown)', 'Report (HTML, printable)']) {
    await save(exportMenu, label);
  }
  await page.keyboard.press('2');
  const more = async () => page.getByTestId('timeline').getByText('More ▾').click();
  await save(more, 'PNG');
  await save(more, 'SVG');

  // The attack matrix runs in module workers (separate files): a few rows are enough to prove they start.
  await page.keyboard.press('5');
  const matrix = page.getByTestId('matrix');
  await matrix.getByLabel('Workers').selectOption('2');
  await matrix.getByRole('button', { name: 'Run the attack matrix' }).click();
  const progress = matrix.getByRole('progressbar', { name: 'Attack matrix progress' });
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 60_000 }).toBeGreaterThan(0);

  // A capture: the analysis worker and the sample's fetch. From a clean start: the autosaved run would
  // otherwise come back and replace the landing page (and its sample button) when it has run.
  await page.evaluate(() => localStorage.clear());
  await page.goto('/');
  await page.getByRole('button', { name: /Try the sample/ }).click();
  await expect(page.getByRole('region', { name: /MPTCP connections/ })).toBeVisible({ timeout: 30_000 });

  expect(await violations()).toEqual([]);
  expect(problems).toEqual([]);
});
