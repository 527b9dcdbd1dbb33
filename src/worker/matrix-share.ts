/** One worker's share of the attack matrix, run row by row (the worker and the in-thread fallback both use it). */
import { dealMatrixCells, newBaselineCache, planMatrix, runMatrixCell } from '../engine/index.ts';
import type { MatrixJob, MatrixMessage } from './matrix-protocol.ts';

export async function runMatrixShare(job: MatrixJob, post: (m: MatrixMessage) => void, yieldEvery: () => Promise<void> = async () => {}): Promise<void> {
  const cells = planMatrix(job.options);
  const mine = dealMatrixCells(cells, job.of)[job.share] ?? [];
  post({ type: 'planned', total: cells.length, mine: mine.length });
  const cache = newBaselineCache();
  let busyMs = 0;
  for (const { index, cell } of mine) {
    const row = runMatrixCell(cell, cache, () => performance.now());
    busyMs += row.runMs;
    post({ type: 'row', index, row });
    await yieldEvery();
  }
  post({ type: 'done', busyMs });
}
