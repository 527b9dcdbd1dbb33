/** Words for surface rows: an attacker class, a row's outcome. */
import { compareFindings, failureInfo, type FailureId, type SurfaceCell, type SurfaceRow } from '../../../engine/index.ts';
import { columnLabel } from '../matrix/classes.ts';

/** "on-path active", "partial-time eavesdropper (join)", "off-path active". */
export const classText = (c: Pick<SurfaceCell, 'location' | 'capability' | 'window'>) => columnLabel(c);

/** The attack's label, with the matrix variant after it. */
export function attackText(c: Pick<SurfaceCell, 'attack' | 'variant'>, labels: ReadonlyMap<string, string>): string {
  const label = labels.get(c.attack) ?? c.attack;
  return c.variant ? `${label} (${c.variant})` : label;
}

/** A row's failures, worst first (severity, then MPTCP-specific, then the model's order). */
export function worstFirst(r: Pick<SurfaceRow, 'failures' | 'mptcpSpecific'>): FailureId[] {
  return r.failures
    .map((failure) => ({ failure, mptcpSpecific: r.mptcpSpecific.includes(failure) }))
    .sort(compareFindings)
    .map((f) => f.failure);
}

/** "Connection hijack (MPTCP-specific), Degradation"; "no failure"; "not attempted". */
export function outcomeText(r: SurfaceRow): string {
  if (r.failures.length > 0) return worstFirst(r).map((f) => `${failureInfo(f).name}${r.mptcpSpecific.includes(f) ? ' (MPTCP-specific)' : ''}`).join(', ');
  return r.attempted ? 'no failure' : 'not attempted';
}
