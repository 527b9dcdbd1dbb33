/**
 * A worker thread of `lab surface --workers N`: runs the rows it is given
 * on the scenario with a baseline cache of its own and posts each row back
 * as it finishes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { newBaselineCache, runSurfaceCell, surfaceBase, surfacePhases, type Scenario, type SurfaceCell } from '../engine/index.ts';

const { scenario, cells } = workerData as { scenario: Scenario; cells: { index: number; cell: SurfaceCell }[] };
const cache = newBaselineCache();
// The phases come from one attacker-free run: read them once, not once per row.
const phases = cells.length > 0 ? surfacePhases(surfaceBase(scenario), cache) : undefined;
for (const { index, cell } of cells) parentPort!.postMessage({ index, row: runSurfaceCell(scenario, cell, cache, phases ? { phases } : {}) });
parentPort!.postMessage({ done: true });
