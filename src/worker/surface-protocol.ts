/** Messages of the surface workers: each runs its share of one scenario's attack-surface sweep, or builds one row's scenario. */
import type { AttackId, Scenario, SurfaceCell, SurfacePlan, SurfaceResult, SurfaceRow, TradeoffProgress, TradeoffResult } from '../engine/index.ts';

export type SurfaceJob =
  /** Run the rows whose plan index is `share` modulo `of`. The scenario travels as data. */
  | { type: 'share'; scenario: Scenario; attacks?: AttackId[]; share: number; of: number }
  /** The scenario a row ran (to open it as the run on screen). */
  | { type: 'scenario'; scenario: Scenario; cell: SurfaceCell }
  /** The mitigation trade-offs of the scenario against its map (one worker: the search is sequential). */
  | { type: 'tradeoffs'; scenario: Scenario; surface: SurfaceResult };

export type SurfaceMessage =
  | { type: 'planned'; total: number; mine: number; places: SurfacePlan['places']; skipped: SurfacePlan['skipped'] }
  | { type: 'row'; index: number; row: SurfaceRow }
  | { type: 'done' }
  | { type: 'scenario'; scenario: Scenario }
  | { type: 'tradeoffs-progress'; progress: TradeoffProgress }
  | { type: 'tradeoffs'; result: TradeoffResult }
  | { type: 'error'; code: string; message: string };
