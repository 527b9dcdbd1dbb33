/**
 * What `lab surface` prints without --json: the places with their worst
 * failure, then per place the rows that found failures, the cells the
 * sweep could not build, and the review's decisions against this run. A
 * place where no attacker acted says "not attempted": nothing there may
 * read as defended.
 */
import { compareFindings, findingAttack, reconcileReview, surfaceFindings, type FailureId, type PlaceSummary, type ReviewSpec, type SurfaceResult, type SurfaceRow } from '../engine/index.ts';

function grid(rows: string[][], right: ReadonlySet<number> = new Set()): string[] {
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
  return rows.map((r) => r.map((x, j) => (right.has(j) ? x.padStart(widths[j]!) : x.padEnd(widths[j]!))).join('  ').trimEnd());
}

const mark = (failure: FailureId, mptcpSpecific: boolean) => `${failure}${mptcpSpecific ? '*' : ''}`;

/** The place's worst failure, or what it is instead: "not attempted" where no attacker acted. */
function worstText(p: PlaceSummary): [string, string] {
  switch (p.verdict) {
    case 'failure':
      return [mark(p.worst!.failure, p.worst!.mptcpSpecific), p.worst!.severity];
    case 'defended':
      return ['no failure found', '—'];
    case 'not-attempted':
      return ['not attempted', '—'];
    case 'not-run':
      return ['not run (no rows here)', '—'];
  }
}

function rowFailures(r: SurfaceRow): string {
  const failures = r.failures.map((failure) => ({ failure, mptcpSpecific: r.mptcpSpecific.includes(failure) })).sort(compareFindings);
  return failures.map((f) => mark(f.failure, f.mptcpSpecific)).join(', ') + (r.cutShort ? ' (run cut short: verdicts cover part of it)' : '');
}

function placesTable(result: SurfaceResult): string {
  const head = ['place', 'kind', 'worst failure', 'severity', 'rows with failures', 'rows', 'rows attempted'];
  const body = result.places.map((p) => [p.id, p.kind, ...worstText(p), String(p.rowsWithFailures), String(p.rows), String(p.rowsAttempted)]);
  return grid([head, ...body], new Set([4, 5, 6])).join('\n');
}

function placeDetails(result: SurfaceResult): string[] {
  const out: string[] = [];
  for (const p of result.places) {
    const found = result.rows.filter((r) => r.place === p.id && r.failures.length > 0);
    if (found.length === 0) continue;
    const head = ['attack', 'class', 'window', 'failures'];
    const body = found.map((r) => [findingAttack(r), `${r.location} ${r.capability}`, r.window ?? '—', rowFailures(r)]);
    out.push([`${p.id} (${p.kind}): ${found.length} of ${p.rows} rows found failures`, ...grid([head, ...body]).map((l) => `  ${l}`)].join('\n'));
  }
  return out;
}

function skippedText(result: SurfaceResult): string {
  const groups = new Map<string, { label: string; reason: string; classes: number }>();
  for (const { cell, reason } of result.skipped) {
    const label = `${findingAttack(cell)} at ${cell.place}`;
    const key = `${label}\u0000${reason}`;
    const g = groups.get(key) ?? { label, reason, classes: 0 };
    g.classes++;
    groups.set(key, g);
  }
  const lines = [...groups.values()].map((g) => `  ${g.label} (${g.classes} attacker class${g.classes === 1 ? '' : 'es'}): ${g.reason}`);
  return [`Skipped: ${result.skipped.length} cells the sweep cannot build (not run, so never counted as defended):`, ...lines].join('\n');
}

const FLAG_TEXT = { unchanged: 'unchanged', new: 'NEW', 'no-longer-found': 'no longer found' } as const;

function reviewText(review: ReviewSpec, result: SurfaceResult): string {
  const reconciled = reconcileReview(review, surfaceFindings(result.rows));
  const count = (flag: keyof typeof FLAG_TEXT) => reconciled.filter((x) => x.flag === flag).length;
  const lines = [`Review: ${review.decisions.length} decision(s) against ${reconciled.length - count('no-longer-found')} finding(s) of this run (${count('new')} new, ${count('no-longer-found')} no longer found):`];
  for (const x of reconciled) {
    const d = x.decision;
    const decided = d ? `${d.status}, ${d.severity}${d.owner ? `, owner ${d.owner}` : ''}${d.comment ? `: ${d.comment}` : ''}` : `no decision (default severity ${x.finding!.defaultSeverity})`;
    const star = x.finding?.mptcpSpecific ? '*' : '';
    lines.push(`  ${FLAG_TEXT[x.flag].padEnd(15)}  ${x.key}${star}  ${decided}`);
  }
  return lines.join('\n');
}

export function surfaceText(result: SurfaceResult, review: ReviewSpec | undefined): string {
  const parts = [
    `Attack surface of ${result.scenario} (${result.protocol}; mitigations: ${result.mitigations.join(', ') || 'none'}; MAC ${result.macAlgorithm}; version ${result.version}): ${result.rows.length} rows at ${result.places.length} places`,
    placesTable(result),
    ...placeDetails(result),
  ];
  if (result.skipped.length > 0) parts.push(skippedText(result));
  if (review) parts.push(reviewText(review, result));
  parts.push(
    'Failures are worst first; * = MPTCP-specific (plain TCP with the same attacker does not suffer it). "not attempted" = no attacker at the place acted (nothing in its window, no guess budget, nothing it needed), which is not "defended"; "no failure found" = attackers there acted and the monitors found nothing.',
  );
  return parts.join('\n\n');
}
