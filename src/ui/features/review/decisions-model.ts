/**
 * The decisions panel's pure parts: which entries a place shows, their
 * order (flagged first, then by severity), the summary line, and the
 * decision an edit makes (a finding without one gets `newDecision` first).
 */
import { compareSeverity, newDecision, type ReviewDecision, type ReviewedFinding, type ReviewSeverity, type ReviewStatus } from '../../../engine/index.ts';
import { plural } from '../../lib/format.ts';
import type { FindingParts } from './finding-text.ts';

/** What names the entry: its finding's row, else its decision (a finding no longer found). */
export function entryParts(e: ReviewedFinding): FindingParts {
  return e.decision ?? newDecision(e.finding!);
}

export function entryPlace(e: ReviewedFinding): string {
  return e.finding?.row.place ?? e.decision!.place;
}

export function entryStatus(e: ReviewedFinding): ReviewStatus {
  return e.decision?.status ?? 'open';
}

/** The decision's severity, else the finding's default. */
export function entrySeverity(e: ReviewedFinding): ReviewSeverity {
  return e.decision?.severity ?? e.finding!.defaultSeverity;
}

/** Only `place`'s entries (null: all of them). */
export function entriesAt(entries: readonly ReviewedFinding[], place: string | null): ReviewedFinding[] {
  return place === null ? [...entries] : entries.filter((e) => entryPlace(e) === place);
}

const FLAG_ORDER = { new: 0, 'no-longer-found': 1, unchanged: 2 } as const;

/** Flagged first (new, then no longer found), then high severity first; otherwise the engine's order (worst first). */
export function sortEntries(entries: readonly ReviewedFinding[]): ReviewedFinding[] {
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => FLAG_ORDER[a.e.flag] - FLAG_ORDER[b.e.flag] || compareSeverity(entrySeverity(a.e), entrySeverity(b.e)) || a.i - b.i)
    .map((x) => x.e);
}

/** The decision an edit of `patch` makes: the entry's own, or a new one for its finding. */
export function decisionWith(e: ReviewedFinding, patch: Partial<Pick<ReviewDecision, 'status' | 'severity' | 'owner' | 'comment'>>): ReviewDecision {
  return { ...(e.decision ?? newDecision(e.finding!)), ...patch };
}

/** The findings on screen (not the decisions whose finding is gone), as keys: what a decision records as reviewed. */
export function keysOnScreen(entries: readonly ReviewedFinding[]): string[] {
  return entries.filter((e) => e.finding !== null).map((e) => e.key);
}

const STATUS_WORDS: Record<ReviewStatus, string> = { open: 'open', mitigated: 'mitigated', accepted: 'accepted', 'not-applicable': 'not applicable' };

/** "12 findings: 3 open, 1 accepted, 1 mitigated, 2 new, 1 no longer found" (the statuses of findings this run shows; counts of zero left out). */
export function summaryText(entries: readonly ReviewedFinding[]): string {
  const found = entries.filter((e) => e.finding !== null);
  const parts: string[] = [];
  for (const status of ['open', 'accepted', 'mitigated', 'not-applicable'] as const) {
    const n = found.filter((e) => entryStatus(e) === status).length;
    if (n) parts.push(`${n} ${STATUS_WORDS[status]}`);
  }
  const fresh = entries.filter((e) => e.flag === 'new').length;
  const gone = entries.filter((e) => e.flag === 'no-longer-found').length;
  if (fresh) parts.push(`${fresh} new`);
  if (gone) parts.push(`${gone} no longer found`);
  const head = plural(found.length, 'finding');
  return parts.length ? `${head}: ${parts.join(', ')}` : head;
}
