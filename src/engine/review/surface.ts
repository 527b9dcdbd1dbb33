/**
 * The attack-surface sweep of one scenario: plan its rows, run them (here
 * one after another; the CLI and the app deal them to workers with
 * `runSurfaceCell`), and put the result together. The result holds no wall
 * time, so a sweep gives the same JSON wherever and however it is split.
 */
import { sha256Hex } from '../crypto/hash.ts';
import { utf8Bytes } from '../core/utf8.ts';
import type { Scenario } from '../scenario/types.ts';
import { newBaselineCache } from '../runner/matrix.ts';
import { runKey } from '../runner/run-scenario.ts';
import { planSurface, type SurfacePlace, type SurfacePlanOptions, type SurfaceCell } from './surface-plan.ts';
import { runSurfaceCell, type SurfaceRow } from './surface-run.ts';
import { surfaceBase, surfacePhases } from './surface-scenario.ts';
import { summarizeSurface, type PlaceSummary } from './surface-summary.ts';

export interface SurfaceResult {
  scenario: string;
  /** `surfaceVersion` of the scenario swept: a result is reused only for the same version. */
  version: string;
  protocol: Scenario['protocol'];
  mitigations: string[];
  macAlgorithm: Scenario['mptcp']['macAlgorithm'];
  places: PlaceSummary[];
  rows: SurfaceRow[];
  skipped: { cell: SurfaceCell; reason: string }[];
}

/** What decides a sweep's outcome, hashed: the scenario without names, prose, view state, review or attackers. */
export function surfaceVersion(s: Scenario): string {
  return sha256Hex(utf8Bytes(runKey(surfaceBase(s), undefined))).slice(0, 16);
}

export function assembleSurface(s: Scenario, places: readonly SurfacePlace[], rows: SurfaceRow[], skipped: SurfaceResult['skipped']): SurfaceResult {
  return {
    scenario: s.id,
    version: surfaceVersion(s),
    protocol: s.protocol,
    mitigations: [...s.mptcp.mitigations],
    macAlgorithm: s.mptcp.macAlgorithm,
    places: summarizeSurface(places, rows),
    rows,
    skipped,
  };
}

/** The whole sweep in this thread. `onRow` hears each row as it finishes (for progress). */
export function runSurface(s: Scenario, o: SurfacePlanOptions & { onRow?: (done: number, total: number) => void } = {}): SurfaceResult {
  const plan = planSurface(s, o);
  const cache = newBaselineCache();
  // The phases come from one attacker-free run: read them once, not once per row.
  const phases = plan.cells.length > 0 ? surfacePhases(surfaceBase(s), cache) : undefined;
  const rows = plan.cells.map((c, i) => {
    const row = runSurfaceCell(s, c, cache, phases ? { phases } : {});
    o.onRow?.(i + 1, plan.cells.length);
    return row;
  });
  return assembleSurface(s, plan.places, rows, plan.skipped);
}
