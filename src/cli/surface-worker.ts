/**
 * A worker thread of `lab surface --workers N`: runs the rows it is given
 * on the scenario with a baseline cache of its own and posts each row back
 * as it finishes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { newBaselineCache, runSurfaceCell, type Scenario, type SurfaceCell } from '../engine/index.ts';

const { scenario, cells } = workerData as { scenario: Scenario; cells: { index: number; cell: SurfaceCell }[] };
const cache = newBaselineCache();
for (const { index, cell } of cells) parentPort!.postMessage({ index, row: runSurfaceCell(scenario, cell, cache) });
parentPort!.postMessage({ done: true });
