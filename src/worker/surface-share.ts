/** One worker's share of a surface sweep, row by row, and a row's scenario (the worker and the in-thread fallback both use these). */
import { computeTradeoffsSteps, newBaselineCache, planSurface, runSurfaceCell, surfaceBase, surfacePhases, surfaceScenario } from '../engine/index.ts';
import type { SurfaceJob, SurfaceMessage } from './surface-protocol.ts';

type ShareJob = Extract<SurfaceJob, { type: 'share' }>;

/** Rows are dealt by plan index modulo the number of workers, so each worker gets every attack and place in turn. */
export async function runSurfaceShare(job: ShareJob, post: (m: SurfaceMessage) => void, yieldEvery: () => Promise<void> = async () => {}): Promise<void> {
  const plan = planSurface(job.scenario, job.attacks ? { attacks: job.attacks } : {});
  const mine = plan.cells.flatMap((cell, index) => (index % job.of === job.share ? [{ index, cell }] : []));
  post({ type: 'planned', total: plan.cells.length, mine: mine.length, places: plan.places, skipped: plan.skipped });
  // One baseline cache per worker: the attacker-free run (and its phases) is shared by all its rows.
  const cache = newBaselineCache();
  const phases = mine.length > 0 ? surfacePhases(surfaceBase(job.scenario), cache) : undefined;
  for (const { index, cell } of mine) {
    post({ type: 'row', index, row: runSurfaceCell(job.scenario, cell, cache, phases ? { phases } : {}) });
    await yieldEvery();
  }
  post({ type: 'done' });
}

/** The trade-offs, posting progress at most every 100 ms of work; `yieldEvery` lets an in-thread caller breathe. */
export async function runTradeoffs(job: Extract<SurfaceJob, { type: 'tradeoffs' }>, post: (m: SurfaceMessage) => void, now: () => number, yieldEvery: () => Promise<void> = async () => {}): Promise<void> {
  const steps = computeTradeoffsSteps(job.scenario, job.surface);
  let last = -Infinity;
  for (;;) {
    const next = steps.next();
    if (next.done) {
      post({ type: 'tradeoffs', result: next.value });
      return;
    }
    if (now() - last >= 100) {
      last = now();
      post({ type: 'tradeoffs-progress', progress: next.value });
      await yieldEvery();
    }
  }
}

export async function handleSurfaceJob(job: SurfaceJob, post: (m: SurfaceMessage) => void): Promise<void> {
  if (job.type === 'share') return runSurfaceShare(job, post);
  if (job.type === 'tradeoffs') return runTradeoffs(job, post, () => performance.now());
  post({ type: 'scenario', scenario: surfaceScenario(job.scenario, job.cell, newBaselineCache()) });
}
