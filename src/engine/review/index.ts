// Public surface of the design-review module; src/engine/index.ts re-exports from here.
export { planSurface, surfacePlaces, surfaceCellKey, offPathEntry, OFF_PATH, type SurfaceCell, type SurfacePlace, type SurfacePlaceKind, type SurfacePlan, type SurfacePlanOptions } from './surface-plan.ts';
export { surfaceScenario, surfacePhases, surfaceBase, type SurfacePhases } from './surface-scenario.ts';
export { runSurfaceCell, type SurfaceRow } from './surface-run.ts';
export { summarizeSurface, summarizePlace, compareFindings, type PlaceSummary, type PlaceVerdict } from './surface-summary.ts';
export { runSurface, assembleSurface, surfaceVersion, type SurfaceResult } from './surface.ts';
export { defaultSeverity, compareSeverity, SEVERITIES } from './severity.ts';
export { surfaceFindings, reconcileReview, withDecision, newDecision, findingKey, findingAttack, type Finding, type FindingFlag, type ReviewedFinding } from './findings.ts';
export type { MitigationCost, TradeoffKind, TradeoffRow, TradeoffResult } from './tradeoff-types.ts';
export { computeTradeoffs, computeTradeoffsSteps, measureCost, compareCost, withMitigationSet, tradeoffMitigations, type TradeoffProgress } from './tradeoffs.ts';
export { threatDragonModel, type ThreatDragonModel } from './threat-dragon.ts';
export { openThreatModel, type OpenThreatModel } from './otm.ts';
export { surfaceHead, assembleSurfaceFrom, dealSurfaceCells, type SurfaceHead } from './surface-parts.ts';
export { surfaceRowFixture } from './surface-row-fixture.ts';
