#!/usr/bin/env node
/* global document, MutationObserver -- the page.evaluate callbacks run in the browser */
/**
 * The attack-surface map's run time in Chromium, per network built-in:
 * open the built-in by its URL, go to the Attack surface view, and time
 * from the click on "Map the attack surface" to the map done (the progress
 * line saying "N rows in …", drawn in the same commit as the painted map),
 * measured in the page with performance.now(). Each run is a fresh page, so
 * the map's per-version cache never answers. Reports the median of --runs
 * (3) with the app's default worker count (--workers to choose).
 * Usage: node scripts/bench-surface-ui.mjs [--runs 3] [--workers 2] [--only nat-client,wifi-lte]
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startPreview } from './preview-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(arg('runs') ?? 3);
// The app's default (src/ui/features/matrix/workers.ts): up to four, as many as the cores, from 1, 2, 4.
const WORKERS = Number(arg('workers') ?? [1, 2, 4].filter((n) => n <= Math.min(4, availableParallelism() || 2)).at(-1));
const PORT = Number(process.env.BENCH_PORT ?? 4177);
const BASE = `http://127.0.0.1:${PORT}`;
const SWEEP_TIMEOUT_MS = 600_000;

/** The network built-ins (not the attack ones). */
const NETWORKS = ['two-path-v0', 'two-path-v1', 'nat-client', 'wifi-lte', 'wifi-handover', 'middlebox-strip', 'lossy-handshake', 'fallback-midstream', 'checksum-fail-single-path', 'single-path-tcp'];
/** Left out, with why: each of its rows is a whole 100 MB transfer. */
const SKIPPED = {
  'bulk-100mb': 'every row of its sweep simulates the whole 100 MB transfer (with its attacker-free and single-path TCP baselines), so one sweep takes many minutes: too long to run three times here',
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const log = (line) => process.stderr.write(`${line}\n`);

/** One sweep in a fresh page: ms from the click to the map done, and what the progress line said. */
async function sweepOnce(browser, id) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  try {
    await page.goto(`${BASE}/?scenario=${id}`);
    await page.getByRole('toolbar', { name: 'Replay' }).waitFor({ timeout: 120_000 });
    await page.getByRole('tab', { name: 'Attack surface' }).click();
    const surface = page.getByTestId('surface');
    await surface.getByLabel('Workers').selectOption(String(WORKERS));
    const button = surface.getByRole('button', { name: /^Map the attack surface/ });
    const rows = Number(/\((\d+) rows?\)/.exec(await button.textContent())[1]);
    const [ms, said] = await page.evaluate(
      (timeoutMs) =>
        new Promise((resolve, reject) => {
          const start = [...document.querySelectorAll('[data-testid="surface"] button')].find((b) => /^Map the attack surface/.test(b.textContent ?? ''));
          const timer = setTimeout(() => reject(new Error('the sweep did not finish in time')), timeoutMs);
          let t0 = 0;
          const observer = new MutationObserver(() => {
            const text = document.querySelector('[data-testid="surface-progress-text"]')?.textContent ?? '';
            if (/^\d+ rows? in [\d.]+ s/.test(text) || /^Partial map/.test(text)) {
              const t1 = performance.now();
              observer.disconnect();
              clearTimeout(timer);
              resolve([t1 - t0, text]);
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          t0 = performance.now();
          start.click();
        }),
      SWEEP_TIMEOUT_MS,
    );
    if (!/rows? in/.test(said)) throw new Error(`${id}: ${said}`);
    return { ms, said, rows };
  } finally {
    await page.close();
  }
}

const server = await startPreview(root, PORT, log);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const results = [];
try {
  log(`attack-surface map, ${WORKERS} worker(s), median of ${RUNS}`);
  const only = arg('only')?.split(',');
  for (const id of only ? NETWORKS.filter((n) => only.includes(n)) : NETWORKS) {
    const times = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = await sweepOnce(browser, id);
      times.push(r.ms);
      rows = r.rows;
      log(`  ${id} #${i + 1}: ${(r.ms / 1000).toFixed(2)} s (${r.said})`);
    }
    results.push({ scenario: id, rows, workers: WORKERS, runsMs: times.map((t) => Math.round(t)), medianMs: Math.round(median(times)) });
  }
  for (const [id, why] of Object.entries(SKIPPED)) log(`  ${id}: skipped — ${why}`);
  console.log(JSON.stringify({ workers: WORKERS, runs: RUNS, results, skipped: SKIPPED }, null, 2));
  log('');
  log('scenario                    rows   median (click → map done)');
  for (const r of results) log(`${r.scenario.padEnd(27)} ${String(r.rows).padStart(4)}   ${(r.medianMs / 1000).toFixed(2)} s`);
} finally {
  await browser.close();
  process.kill(-server.pid);
}
