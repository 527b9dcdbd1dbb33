/**
 * The review's files, built when the user exports (loaded on demand, so the
 * first view does not carry the threat-model writers): the report's review
 * sections' input and the two threat models.
 */
import { openThreatModel, reconcileReview, surfaceFindings, threatDragonModel, type Scenario, type SurfaceResult, type TradeoffResult } from '../../../engine/index.ts';
import type { ReviewReportInput } from './review-report.ts';

export function reviewReportInput(scenario: Scenario, surface: SurfaceResult, tradeoffs: TradeoffResult | null): ReviewReportInput {
  return { surface, reviewed: reconcileReview(scenario.review, surfaceFindings(surface.rows)), tradeoffs };
}

export function threatDragonFile(scenario: Scenario, surface: SurfaceResult, tradeoffs: TradeoffResult | null): Blob {
  return new Blob([JSON.stringify(threatDragonModel(scenario, surface, tradeoffs), null, 2)], { type: 'application/json' });
}

export function otmFile(scenario: Scenario, surface: SurfaceResult, tradeoffs: TradeoffResult | null): Blob {
  return new Blob([JSON.stringify(openThreatModel(scenario, surface, tradeoffs), null, 2)], { type: 'application/json' });
}
