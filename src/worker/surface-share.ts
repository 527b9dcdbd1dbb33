/** One worker's share of a surface sweep, row by row, and a row's scenario (the worker and the in-thread fallback both use these). */
import { newBaselineCache, planSurface, runSurfaceCell, surfaceBase, surfacePhases, surfaceScenario } from '../engine/index.ts';
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

export async function handleSurfaceJob(job: SurfaceJob, post: (m: SurfaceMessage) => void): Promise<void> {
  if (job.type === 'share') return runSurfaceShare(job, post);
  post({ type: 'scenario', scenario: surfaceScenario(job.scenario, job.cell, newBaselineCache()) });
}
