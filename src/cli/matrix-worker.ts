/**
 * A worker thread of `lab matrix --workers N`: runs the rows it is given
 * with a baseline cache of its own and posts each row back as it finishes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { newBaselineCache, runMatrixCell, type MatrixCell } from '../engine/index.ts';

const { cells } = workerData as { cells: { index: number; cell: MatrixCell }[] };
const cache = newBaselineCache();
for (const { index, cell } of cells) parentPort!.postMessage({ index, row: runMatrixCell(cell, cache, () => performance.now()) });
parentPort!.postMessage({ done: true });
