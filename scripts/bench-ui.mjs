#!/usr/bin/env node
/* global window, requestAnimationFrame -- the page.evaluate callbacks run in the browser */
/**
 * The app's speed in Chromium (issue 5's figures), reported, never asserted:
 *  - first view: load to the landing page drawn, and first contentful paint;
 *  - initial JavaScript (gzipped) the first view loads;
 *  - edit → result drawn: a protocol switch on a built-in, from the edit to
 *    the re-run's timeline on screen (performance marks `lab:edit` and
 *    `lab:result-drawn`), against the worker's own run time of the scenario;
 *  - a ~100,000-packet run: frame times while zooming and panning the
 *    timeline (rAF intervals, p50/p95) and the page's JS heap.
 * Usage: npm run --silent bench:ui [-- --runs 5]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync, deflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startPreview } from './preview-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const PORT = 4176;
const BASE = `http://127.0.0.1:${PORT}`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (x) => `${x.toFixed(1)} ms`;

function log(line) {
  process.stderr.write(`${line}\n`);
}

function initialJs() {
  const html = readFileSync(`${root}/dist/index.html`, 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  let js = 0;
  let css = 0;
  for (const a of assets) {
    const gz = gzipSync(readFileSync(`${root}/dist/assets/${a}`)).length;
    if (a.endsWith('.js')) js += gz;
    else css += gz;
  }
  const worker = readdirSync(`${root}/dist/assets`).find((f) => f.startsWith('capture.worker') && f.endsWith('.js'));
  return { jsGzipKb: js / 1024, cssGzipKb: css / 1024, workerGzipKb: worker ? gzipSync(readFileSync(`${root}/dist/assets/${worker}`)).length / 1024 : null };
}

async function firstView(browser) {
  const loads = [];
  const fcps = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(BASE);
    await page.getByRole('heading', { name: 'See what attackers can do to Multipath TCP' }).waitFor();
    const drawnAt = await page.evaluate(() => performance.now());
    // The paint entry may be recorded a frame after the heading is laid out.
    await page.waitForFunction(() => performance.getEntriesByType('paint').some((e) => e.name === 'first-contentful-paint'), null, { timeout: 3000 }).catch(() => {});
    const t = await page.evaluate(() => ({ now: performance.now(), fcp: performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? NaN }));
    loads.push(drawnAt);
    fcps.push(t.fcp);
    await context.close();
  }
  return { drawnMs: median(loads), fcpMs: median(fcps) };
}

async function editToRedraw(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${BASE}/?scenario=attack-add-addr-hijack-v0`);
  await page.getByRole('toolbar', { name: 'Replay' }).waitFor({ timeout: 60_000 });
  const protocol = page.getByRole('group', { name: 'Simulate' }).getByLabel('Protocol');
  const times = [];
  const workerTimes = [];
  for (let i = 0; i < RUNS + 1; i++) {
    await page.evaluate(() => performance.clearMarks());
    await protocol.selectOption(i % 2 === 0 ? 'mptcp-v1' : 'mptcp-v0');
    await page.waitForFunction(() => performance.getEntriesByName('lab:result-drawn').length > 0 && performance.getEntriesByName('lab:edit').length > 0, null, { timeout: 60_000 });
    const [dt, worker] = await page.evaluate(() => {
      const edit = performance.getEntriesByName('lab:edit')[0].startTime;
      return [performance.getEntriesByName('lab:result-drawn').at(-1).startTime - edit, performance.getEntriesByName('lab:run-received').at(-1).startTime - edit];
    });
    // The first warms the worker's JIT.
    if (i > 0) {
      times.push(dt);
      workerTimes.push(worker);
    }
  }
  await page.close();
  return { medianMs: median(times), runs: times, workerMedianMs: median(workerTimes) };
}

/** two-path-v1 uploading 41 MB: about 100,000 packets on the links. */
function bigScenarioLink() {
  const doc = JSON.parse(readFileSync(`${root}/src/engine/scenario/builtin/two-path-v1.json`, 'utf8'));
  doc.id = 'two-path-v1-100k';
  doc.title = 'Two paths, ~100,000 packets (UI benchmark)';
  doc.traffic[0].bytes = 41_000_000;
  doc.durationUs = 60_000_000;
  const packed = deflateRawSync(Buffer.from(JSON.stringify(doc))).toString('base64url');
  return `${BASE}/?doc=${packed}`;
}

async function gestures(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const t0 = Date.now();
  await page.goto(url);
  await page.getByRole('toolbar', { name: 'Replay' }).waitFor({ timeout: 300_000 });
  const canvas = page.getByTestId('timeline').getByRole('img', { name: /^Ladder diagram/ });
  await canvas.waitFor();
  const label = await canvas.getAttribute('aria-label');
  const packets = Number(/(\d+) packets/.exec(label)[1]);
  const openSeconds = (Date.now() - t0) / 1000;
  await page.waitForTimeout(500);
  const box = await canvas.boundingBox();
  const cx = box.x + box.width * 0.6;
  const cy = box.y + box.height * 0.6;
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const loop = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (window.__recording) requestAnimationFrame(loop);
    };
    window.__recording = true;
    requestAnimationFrame(loop);
  });
  // Baseline in the same page: frames while nothing happens.
  await page.waitForTimeout(2000);
  const idle = await page.evaluate(() => window.__frames.splice(0).slice(1));
  await page.mouse.move(cx, cy);
  // Zoom in step by step, pan, zoom back out: what a user does to find a packet.
  for (let i = 0; i < 25; i++) {
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(16);
  }
  await page.mouse.down();
  for (let i = 0; i < 30; i++) {
    await page.mouse.move(cx - i * 12, cy);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  for (let i = 0; i < 25; i++) {
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(16);
  }
  const frames = await page.evaluate(() => {
    window.__recording = false;
    return window.__frames.slice(1);
  });
  const heapMb = await page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize / 1024 / 1024 : NaN));
  await page.close();
  return { packets, openSeconds, frames: frames.length, p50Ms: quantile(frames, 0.5), p95Ms: quantile(frames, 0.95), maxMs: Math.max(...frames), idleP50Ms: quantile(idle, 0.5), idleP95Ms: quantile(idle, 0.95), heapMb };
}

/** The attack matrix in the app with 1, then 2 workers (the first run of each warms nothing for the other: fresh pages). */
async function matrixWorkers(browser) {
  const out = {};
  let rows = 0;
  for (const workers of [1, 2]) {
    const times = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(`${BASE}/?scenario=two-path-v1`);
      await page.getByRole('toolbar', { name: 'Replay' }).waitFor({ timeout: 60_000 });
      await page.getByRole('tab', { name: 'Attack matrix' }).click();
      const matrix = page.getByTestId('matrix');
      await matrix.getByLabel('Workers').selectOption(String(workers));
      await matrix.getByRole('button', { name: 'Run the attack matrix' }).click();
      const text = matrix.getByTestId('matrix-progress-text').filter({ hasText: /rows in/ });
      await text.waitFor({ timeout: 300_000 });
      const said = await text.textContent();
      times.push(Number(/in ([\d.]+) s/.exec(said)[1]));
      rows = Number(/^(\d+) rows/.exec(said)?.[1] ?? rows);
      log(`  ${workers} worker(s): ${await text.textContent()} ${(await matrix.getByTestId('matrix-busy-text').textContent().catch(() => '')) ?? ''}`);
      await page.close();
    }
    out[workers] = median(times);
  }
  return { rows, oneWorkerS: out[1], twoWorkersS: out[2], speedup: out[1] / out[2] };
}

const bigTimeline = (browser) => gestures(browser, bigScenarioLink());
const smallTimeline = (browser) => gestures(browser, `${BASE}/?scenario=two-path-v1`);

const server = await startPreview(root, PORT, log);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
});
try {
  const js = initialJs();
  log('first view…');
  const view = await firstView(browser);
  log('edit → redraw…');
  const edit = await editToRedraw(browser);
  log('100,000-packet timeline…');
  const big = await bigTimeline(browser);
  log('the same gestures on a small run (baseline)…');
  const small = await smallTimeline(browser);
  log('attack matrix with 1 and 2 workers…');
  const matrix = await matrixWorkers(browser);
  const result = { runs: RUNS, initial: js, firstView: view, editToRedraw: edit, bigTimeline: big, smallTimeline: small, matrix };
  console.log(JSON.stringify(result, null, 2));
  log('');
  log(`initial JS ${js.jsGzipKb.toFixed(1)} kB gzipped (+ CSS ${js.cssGzipKb.toFixed(1)} kB; the engine worker ${js.workerGzipKb?.toFixed(1)} kB loads off the main thread)`);
  log(`first view drawn: median ${ms(view.drawnMs)} after navigation (first contentful paint ${ms(view.fcpMs)})`);
  log(`edit → re-run drawn (protocol switch, attack-add-addr-hijack-v0): median ${ms(edit.medianMs)} over ${edit.runs.length}, of which the worker's run and analysis ${ms(edit.workerMedianMs)}`);
  log(`${big.packets} packets: opened in ${big.openSeconds.toFixed(1)} s; zoom/pan frames p50 ${ms(big.p50Ms)}, p95 ${ms(big.p95Ms)} (budget 16.7 ms) over ${big.frames} frames (idle page, same run: p50 ${ms(big.idleP50Ms)}, p95 ${ms(big.idleP95Ms)}); JS heap ${big.heapMb.toFixed(0)} MB`);
  log(`attack matrix (${matrix.rows} rows) in the app: median ${matrix.oneWorkerS.toFixed(1)} s with 1 worker, ${matrix.twoWorkersS.toFixed(1)} s with 2 (${matrix.speedup.toFixed(2)}×)`);
  log(`baseline, the same gestures on ${small.packets} packets: p50 ${ms(small.p50Ms)}, p95 ${ms(small.p95Ms)}; ratio of p95s ${(big.p95Ms / small.p95Ms).toFixed(2)}`);
} finally {
  await browser.close();
  process.kill(-server.pid);
}
