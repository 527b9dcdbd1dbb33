/** Files the app saves from more than one place (the banner, the export menu, the failures panel). */
import type { ReviewReportInput } from '../review/review-report.ts';
import type { Scenario } from '../../../engine/index.ts';
import type { Prevention, ScenarioInfo, SimulationSummary } from '../../../worker/capture-client.ts';
import { downloadBlob } from '../../lib/download.ts';
import { markdownReport } from '../security/report.ts';

/** The scenario, with its edits, as the JSON `lab run` reads. */
export function saveScenario(draft: Scenario): void {
  downloadBlob(new Blob([`${JSON.stringify(draft, null, 2)}\n`], { type: 'application/json' }), `${draft.id}.json`);
}

/** The Markdown report of a run. */
export function saveMarkdownReport(sim: SimulationSummary, info: ScenarioInfo | undefined, prevention: Prevention | null, review: ReviewReportInput | null = null): void {
  downloadBlob(new Blob([markdownReport(sim, info, prevention, review)], { type: 'text/markdown' }), `${sim.scenarioId}-${sim.protocol}-report.md`);
}
