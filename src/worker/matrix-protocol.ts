/** Messages of the matrix workers: each runs its share of the attack matrix and posts rows as they finish. */
import type { MatrixPlanOptions, MatrixRow } from '../engine/index.ts';

export interface MatrixJob {
  options: MatrixPlanOptions;
  /** This worker's share, of `of` (the engine deals rows so an attack's baselines stay in one worker). */
  share: number;
  of: number;
}

export type MatrixMessage =
  | { type: 'planned'; total: number; mine: number }
  | { type: 'row'; index: number; row: MatrixRow }
  /** The share's rows ran in `busyMs` of this worker's time (to see how evenly the work was dealt). */
  | { type: 'done'; busyMs: number }
  | { type: 'error'; code: string; message: string };
