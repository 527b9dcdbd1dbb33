/**
 * bench:ui's first view (load to the start page's heading drawn), for two
 * built checkouts at once, alternating A and B so the ratio A/B is taken
 * pair by pair on the same machine in the same minute.
 * Usage: node scripts/bench-first-view-ab.mjs <checkout A> <checkout B> [--runs 15]
 * (run `npx vite build` in each first).
 */
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const [dirA, dirB] = process.argv.slice(2);
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;
if (!dirA || !dirB) throw new Error('usage: node scripts/bench-first-view-ab.mjs <checkout A> <checkout B> [--runs N]');

const serve = (dir, port) => spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: dir, stdio: 'ignore', detached: true });
async function up(port) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`vite preview did not start on port ${port}`);
}

const a = serve(dirA, 4201);
const b = serve(dirB, 4202);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
try {
  await Promise.all([up(4201), up(4202)]);
  const firstView = async (port) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByRole('heading', { name: 'See what attackers can do to Multipath TCP' }).waitFor();
    const t = await page.evaluate(() => performance.now());
    await context.close();
    return t;
  };
  await firstView(4201);
  await firstView(4202);
  const A = [];
  const B = [];
  const ratio = [];
  for (let i = 0; i < RUNS; i++) {
    const x = await firstView(4201);
    const y = await firstView(4202);
    A.push(x);
    B.push(y);
    ratio.push(x / y);
  }
  const median = (v) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)];
  console.log(`first view: A median ${median(A).toFixed(0)} ms, B median ${median(B).toFixed(0)} ms, A/B pairwise median ${median(ratio).toFixed(3)} (${RUNS} pairs)`);
} finally {
  await browser.close();
  process.kill(-a.pid);
  process.kill(-b.pid);
}
