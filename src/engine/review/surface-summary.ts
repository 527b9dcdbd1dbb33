/**
 * What the map paints: for each place, the worst failure an attacker there
 * caused (by default severity, then the security model's order), how many
 * of its rows found failures, and whether any attacker there acted at all —
 * a place where none could is "not attempted", never "safe".
 */
import { FAILURES } from '../monitors/failure-catalog.ts';
import type { FailureId } from '../monitors/monitor.ts';
import type { ReviewSeverity } from '../scenario/types.ts';
import type { SurfaceRow } from './surface-run.ts';
import type { SurfacePlace } from './surface-plan.ts';
import { compareSeverity, defaultSeverity } from './severity.ts';

export type PlaceVerdict = 'failure' | 'defended' | 'not-attempted' | 'not-run';

export interface PlaceSummary extends SurfacePlace {
  verdict: PlaceVerdict;
  /** The worst failure attackers here caused, with its severity; null without failures. */
  worst: { failure: FailureId; severity: ReviewSeverity; mptcpSpecific: boolean } | null;
  /** Every failure found here, worst first. */
  failures: FailureId[];
  rows: number;
  rowsWithFailures: number;
  rowsAttempted: number;
}

const ORDER = FAILURES.map((f) => f.id);

/** Worst first: higher severity, then MPTCP-specific, then the security model's order. */
export function compareFindings(a: { failure: FailureId; mptcpSpecific: boolean }, b: { failure: FailureId; mptcpSpecific: boolean }): number {
  return compareSeverity(defaultSeverity(a.failure, a.mptcpSpecific), defaultSeverity(b.failure, b.mptcpSpecific)) || Number(b.mptcpSpecific) - Number(a.mptcpSpecific) || ORDER.indexOf(a.failure) - ORDER.indexOf(b.failure);
}

export function summarizePlace(place: SurfacePlace, rows: readonly SurfaceRow[]): PlaceSummary {
  const here = rows.filter((r) => r.place === place.id);
  const found = new Map<FailureId, boolean>();
  for (const r of here) for (const f of r.failures) found.set(f, (found.get(f) ?? false) || r.mptcpSpecific.includes(f));
  const findings = [...found].map(([failure, mptcpSpecific]) => ({ failure, mptcpSpecific })).sort(compareFindings);
  const top = findings[0];
  const attempted = here.filter((r) => r.attempted).length;
  return {
    ...place,
    verdict: here.length === 0 ? 'not-run' : top ? 'failure' : attempted > 0 ? 'defended' : 'not-attempted',
    worst: top ? { ...top, severity: defaultSeverity(top.failure, top.mptcpSpecific) } : null,
    failures: findings.map((f) => f.failure),
    rows: here.length,
    rowsWithFailures: here.filter((r) => r.failures.length > 0).length,
    rowsAttempted: attempted,
  };
}

export function summarizeSurface(places: readonly SurfacePlace[], rows: readonly SurfaceRow[]): PlaceSummary[] {
  return places.map((p) => summarizePlace(p, rows));
}
