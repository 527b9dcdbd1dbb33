/**
 * A finding is one failure of one surface row: what a reviewer decides
 * about. Decisions are matched to findings by key (attack, place, class,
 * failure), so they survive re-runs; reconciling flags a decision whose
 * finding a re-run no longer shows, and a finding the review has not seen.
 */
import type { FailureId } from '../monitors/monitor.ts';
import type { ReviewDecision, ReviewSeverity, ReviewSpec } from '../scenario/types.ts';
import { defaultSeverity } from './severity.ts';
import { surfaceCellKey } from './surface-plan.ts';
import type { SurfaceRow } from './surface-run.ts';
import { compareFindings } from './surface-summary.ts';

export interface Finding {
  key: string;
  row: SurfaceRow;
  failure: FailureId;
  mptcpSpecific: boolean;
  defaultSeverity: ReviewSeverity;
}

export type FindingFlag = 'unchanged' | 'new' | 'no-longer-found';

export interface ReviewedFinding {
  key: string;
  /** The finding in this run; null when a decision's finding is no longer found. */
  finding: Finding | null;
  decision: ReviewDecision | null;
  flag: FindingFlag;
}

export function findingKey(d: Pick<ReviewDecision, 'attack' | 'place' | 'location' | 'capability' | 'window' | 'failure'>): string {
  const [attack, variant] = d.attack.split(':');
  return `${surfaceCellKey({ attack: attack as SurfaceRow['attack'], ...(variant ? { variant } : {}), place: d.place, location: d.location, capability: d.capability, window: d.window })}/${d.failure}`;
}

/** The attack as a decision names it: the id, with the variant after a colon. */
export function findingAttack(row: Pick<SurfaceRow, 'attack' | 'variant'>): string {
  return row.variant ? `${row.attack}:${row.variant}` : row.attack;
}

/** Every failure of every row, worst first. */
export function surfaceFindings(rows: readonly SurfaceRow[]): Finding[] {
  const out: Finding[] = [];
  for (const row of rows) {
    for (const failure of row.failures) {
      const mptcpSpecific = row.mptcpSpecific.includes(failure);
      out.push({ key: `${surfaceCellKey(row)}/${failure}`, row, failure, mptcpSpecific, defaultSeverity: defaultSeverity(failure, mptcpSpecific) });
    }
  }
  return out.sort((a, b) => compareFindings(a, b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A new decision about a finding: open, at its default severity. */
export function newDecision(f: Finding): ReviewDecision {
  return { attack: findingAttack(f.row), place: f.row.place, location: f.row.location, capability: f.row.capability, window: f.row.window, failure: f.failure, status: 'open', severity: f.defaultSeverity, owner: '', comment: '' };
}

/**
 * The findings of a run against a review: each finding with its decision (if
 * any), flagged new when the review never saw it; then each decision whose
 * finding this run did not show, flagged no-longer-found.
 */
export function reconcileReview(review: ReviewSpec | undefined, findings: readonly Finding[]): ReviewedFinding[] {
  const decisions = new Map((review?.decisions ?? []).map((d) => [findingKey(d), d]));
  const seen = new Set(review?.reviewed ?? []);
  const out: ReviewedFinding[] = findings.map((f) => {
    const decision = decisions.get(f.key) ?? null;
    return { key: f.key, finding: f, decision, flag: decision || seen.has(f.key) || !review ? 'unchanged' : 'new' };
  });
  const found = new Set(findings.map((f) => f.key));
  for (const [key, decision] of decisions) if (!found.has(key)) out.push({ key, finding: null, decision, flag: 'no-longer-found' });
  return out;
}

/** The review after a decision is set (or replaced): the findings on screen become the reviewed ones. */
export function withDecision(review: ReviewSpec | undefined, decision: ReviewDecision, findings: readonly Finding[]): ReviewSpec {
  const key = findingKey(decision);
  const decisions = [...(review?.decisions ?? []).filter((d) => findingKey(d) !== key), decision];
  const reviewed = [...new Set([...(review?.reviewed ?? []), ...findings.map((f) => f.key)])].sort();
  return { decisions, reviewed };
}
