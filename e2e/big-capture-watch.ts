/**
 * Watching the page while a big capture opens: long tasks, a trace of the
 * main thread (wall and CPU time) and the renderer's memory from /proc.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/** Records every main-thread task over 50 ms from now on (Chromium's long-task entries): [ms since the watch began, duration]. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: [number, number][] };
    w.longTasks = [];
    const t0 = performance.now();
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push([Math.round(e.startTime - t0), Math.round(e.duration)]);
    }).observe({ type: 'longtask' });
  });
}

const longTasks = (page: Page) => page.evaluate(() => (window as unknown as { longTasks: [number, number][] }).longTasks);
const longest = (tasks: [number, number][]) => Math.max(0, ...tasks.map(([, d]) => d));

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * The renderer main thread's tasks from a Chromium trace: wall and CPU time
 * (µs to ms). CPU time is what the page's code costs; wall time also counts
 * the time the OS gave the thread's core to other processes.
 */
function mainThreadTasks(trace: Buffer): { wall: number; cpu: number }[] {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events
    .filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && main.has(`${e.pid}:${e.tid}`) && (e.dur ?? 0) > 10_000)
    .map((e) => ({ wall: Math.round((e.dur ?? 0) / 1000), cpu: Math.round((e.tdur ?? e.dur ?? 0) / 1000) }));
}

/** Whether the machine has more runnable work than cores (then wall-clock task lengths measure the machine, not the page). */
const overloaded = () => loadavg()[0]! > 1.5 * cpus().length;

/** Chromium's renderer processes started by this test process (the page and its worker live in one), from /proc. */
function rendererPids(): number[] {
  const parent = new Map<number, number>();
  const renderer = new Set<number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) renderer.add(pid);
    } catch {
      // The process ended while we looked.
    }
  }
  const ours = (pid: number) => {
    for (let p = pid, hops = 0; p > 1 && hops < 10; p = parent.get(p) ?? 0, hops++) if (p === process.pid) return true;
    return false;
  };
  return [...renderer].filter(ours);
}

/** Resident and peak resident memory (MB) of those renderers, summed. */
function rendererMemory(): { rssMb: number; peakMb: number } {
  let rss = 0;
  let peak = 0;
  for (const pid of rendererPids()) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peak += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // Gone.
    }
  }
  return { rssMb: Math.round(rss / 1024), peakMb: Math.round(peak / 1024) };
}

/**
 * Watches the page while a capture opens: long tasks, a trace of the main
 * thread, the renderer's memory. `finish` returns the figures and checks them.
 */
export async function watchOpening(page: Page): Promise<() => Promise<string>> {
  await watchLongTasks(page);
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: ['toplevel'] });
  const started = Date.now();
  let sampledPeak = 0;
  const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, rendererMemory().rssMb)), 500);
  return async () => {
    clearInterval(sampler);
    const openMs = Date.now() - started;
    const tasks = await longTasks(page);
    const traced = mainThreadTasks(await browser.stopTracing());
    const memory = rendererMemory();
    const figures = `opened in ${openMs} ms; ${tasks.length} long tasks, longest ${longest(tasks)} ms wall; ${traced.length} main-thread tasks over 10 ms, longest ${Math.max(0, ...traced.map((t) => t.wall))} ms wall, ${Math.max(0, ...traced.map((t) => t.cpu))} ms CPU; renderer RSS ${memory.rssMb} MB, peak ${Math.max(sampledPeak, memory.peakMb)} MB; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
    // What the page's code costs: no task of the main thread runs 100 ms, the first paint of the results included.
    expect(Math.max(0, ...traced.map((t) => t.cpu)), 'longest main-thread task, CPU time (ms)').toBeLessThan(100);
    // Wall-clock long tasks too, unless the machine is so busy that they measure other processes.
    if (!overloaded()) expect(longest(tasks), 'longest main-thread task while opening (ms)').toBeLessThan(100);
    expect(memory.peakMb, 'renderer peak resident memory (MB)').toBeLessThan(1024);
    return figures;
  };
}

