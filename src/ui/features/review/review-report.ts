/**
 * The design review's sections of the report, in Markdown: the attack
 * surface map (per place, the worst failure, how many rows found one or
 * acted, and the verdict, where "not attempted" never reads as defended),
 * the mitigation trade-off table when it was computed, and the decisions
 * about each finding with their flags.
 *
 * Every name from the scenario (place ids, reasons, owners, comments) goes
 * through mdText or mdCode, so it stays one piece of text in its cell.
 */
import { ATTACKS, MATRIX_VARIANTS, failureInfo, type FailureId, type PlaceSummary, type PlaceVerdict, type ReviewDecision, type ReviewedFinding, type SurfaceResult, type TradeoffResult, type TradeoffRow } from '../../../engine/index.ts';
import { mdCode, mdText as t } from '../../lib/export-text.ts';

export interface ReviewReportInput {
  surface: SurfaceResult;
  /** The sweep's findings against the scenario's review (`reconcileReview`). */
  reviewed: readonly ReviewedFinding[];
  /** The trade-off table; null when it was not computed. */
  tradeoffs: TradeoffResult | null;
}

const VERDICT: Record<PlaceVerdict, string> = {
  failure: '**failure**',
  defended: 'defended: attackers here acted and caused no failure',
  'not-attempted': 'not attempted: no attacker here could act (not a defence)',
  'not-run': 'not run',
};

const PLACE_KIND: Record<PlaceSummary['kind'], string> = { link: 'link', router: 'router (all its links)', 'off-path': 'off path' };

const failureText = (id: FailureId | string) => {
  const info = failureInfo(id as FailureId) as ReturnType<typeof failureInfo> | undefined;
  return info ? `${t(info.name)} (${mdCode(id, true)})` : mdCode(id, true);
};

function attackText(attack: string): string {
  const [id, variant] = attack.split(':');
  const label = (variant !== undefined ? MATRIX_VARIANTS.find((v) => v.attack === id && v.id === variant)?.label : undefined) ?? ATTACKS.find((a) => a.id === id)?.label;
  return label ? `${t(label)} (${mdCode(attack, true)})` : mdCode(attack, true);
}

function classText(c: Pick<ReviewDecision, 'location' | 'capability' | 'window'>): string {
  const where = c.location === 'on-path' ? 'on path' : c.location === 'off-path' ? 'off path' : `on path during the ${c.window ?? 'run'}`;
  return `${c.capability === 'active' ? 'active' : 'eavesdropper'}, ${where}`;
}

const setText = (row: TradeoffRow) => (row.mitigations.length ? t(row.mitigations.join(' + ')) : 'defaults');
const orDash = (n: number | null) => (n === null ? '—' : String(n));

function surfaceSection(s: SurfaceResult): string[] {
  const lines = ['## Attack surface', ''];
  lines.push(`Scenario ${mdCode(s.scenario)} (sweep ${mdCode(s.version)}), ${t(s.protocol)}, mitigations: ${s.mitigations.length ? t(s.mitigations.join(', ')) : 'none beyond the protocol'}. Every place an attacker can stand, with every class the security model allows there; each verdict comes from the monitors of that place's runs.`, '');
  lines.push('| Place | Kind | Verdict | Worst failure | Severity | MPTCP-specific | Failures found | Runs with a failure | Runs where the attacker acted | Runs |', '|---|---|---|---|---|---|---|---|---|---|');
  for (const p of s.places) {
    const worst = p.worst;
    lines.push(`| ${mdCode(p.id, true)} | ${PLACE_KIND[p.kind]} | ${VERDICT[p.verdict]} | ${worst ? failureText(worst.failure) : '—'} | ${worst ? worst.severity : '—'} | ${worst ? (worst.mptcpSpecific ? 'yes' : 'no, inherited from TCP') : '—'} | ${p.failures.length} | ${p.rowsWithFailures} | ${p.rowsAttempted} | ${p.rows} |`);
  }
  lines.push('');
  if (s.skipped.length) {
    const reasons = new Map<string, number>();
    for (const x of s.skipped) reasons.set(x.reason, (reasons.get(x.reason) ?? 0) + 1);
    lines.push(`Not placed (${s.skipped.length} run${s.skipped.length === 1 ? '' : 's'}, counted neither as failures nor as defended):`, '');
    for (const [reason, n] of reasons) lines.push(`- ${t(reason)} (${n})`);
    lines.push('');
  }
  return lines;
}

function tradeoffSection(tr: TradeoffResult | null, s: SurfaceResult): string[] {
  const lines = ['## Mitigation trade-offs', ''];
  if (!tr) return [...lines, 'Not computed for this report.', ''];
  if (tr.version !== s.version) lines.push(`> Measured on another version of the scenario (${mdCode(tr.version)}, the sweep is ${mdCode(s.version)}): compute them again.`, '');
  lines.push('Costs come from the scenario run without attackers under each set; "stops" and "remains" from re-running the runs that found each failure.', '');
  lines.push('| Set | Kinds | Hash blocks per connection | Hash blocks per join | Half-open state per connection (bytes) | Half-open state per join (bytes) | Bytes on the wire | Joins broken | Stops | Remains | Adds |', '|---|---|---|---|---|---|---|---|---|---|---|');
  for (const row of tr.rows) {
    const c = row.cost;
    lines.push(`| ${row === tr.cheapest ? `**${setText(row)}**` : setText(row)} | ${t(row.kinds.join(', '))} | ${c.hashPerConnection} | ${orDash(c.hashPerJoin)} | ${c.stateBytesPerConnection} | ${orDash(c.stateBytesPerJoin)} | ${c.wireBytes} | ${c.joinsBroken}${c.natCompatible ? '' : ' (breaks joins through the NAT)'} | ${row.stopped.length} | ${row.remaining.length} | ${row.added.length} |`);
  }
  lines.push('');
  lines.push(tr.cheapest
    ? `Cheapest set that stops every stoppable finding (${tr.stoppable.length}) and adds none: **${setText(tr.cheapest)}** (${tr.setsSearched} sets searched).`
    : `No set stops every stoppable finding (${tr.stoppable.length}) without adding one (${tr.setsSearched} sets searched).`, '');
  if (tr.unstoppable.length) {
    lines.push(`No set that keeps the scenario's joins working stops these ${tr.unstoppable.length}:`, '');
    for (const key of tr.unstoppable) lines.push(`- ${mdCode(key)}`);
    lines.push('');
  } else lines.push('Every finding is stopped by some set that keeps the joins working.', '');
  return lines;
}

const STATUS_TEXT: Record<ReviewDecision['status'], string> = { open: 'open', mitigated: 'mitigated', accepted: '**accepted risk**', 'not-applicable': 'not applicable' };
const FLAG_TEXT: Record<ReviewedFinding['flag'], string> = { unchanged: 'unchanged', new: '**new**', 'no-longer-found': 'no longer found' };

function decisionsSection(reviewed: readonly ReviewedFinding[]): string[] {
  const lines = ['## Review decisions', ''];
  if (reviewed.length === 0) return [...lines, 'No findings and no decisions.', ''];
  const count = (p: (r: ReviewedFinding) => boolean) => reviewed.filter(p).length;
  const found = count((r) => r.finding !== null);
  lines.push(
    `${found} finding${found === 1 ? '' : 's'}: ${count((r) => r.finding !== null && r.decision === null)} without a decision, ${count((r) => r.decision?.status === 'open')} open, ${count((r) => r.decision?.status === 'mitigated')} mitigated, ${count((r) => r.decision?.status === 'accepted')} accepted risks, ${count((r) => r.decision?.status === 'not-applicable')} not applicable; ${count((r) => r.flag === 'new')} new since the review was saved; ${count((r) => r.flag === 'no-longer-found')} decisions about findings this sweep no longer shows.`,
    '',
  );
  lines.push('| Place | Attack | Class | Failure | Status | Severity | Owner | Comment | Flag |', '|---|---|---|---|---|---|---|---|---|');
  // What the reviewer decided, or must look at again, first; the findings nobody has decided about after them.
  const attention = (r: ReviewedFinding) => (r.decision !== null || r.flag !== 'unchanged' ? 0 : 1);
  for (const r of [...reviewed].sort((a, b) => attention(a) - attention(b))) {
    const d = r.decision;
    const row = r.finding?.row;
    const where = row ? { location: row.location, capability: row.capability, window: row.window } : d!;
    const attack = row ? (row.variant ? `${row.attack}:${row.variant}` : row.attack) : d!.attack;
    const severity = d ? d.severity : `${r.finding!.defaultSeverity} (default)`;
    lines.push(`| ${mdCode(row?.place ?? d!.place, true)} | ${attackText(attack)} | ${classText(where)} | ${failureText(r.finding?.failure ?? d!.failure)} | ${d ? STATUS_TEXT[d.status] : 'no decision (open)'} | ${severity} | ${d?.owner ? t(d.owner) : '—'} | ${d?.comment ? t(d.comment) : '—'} | ${FLAG_TEXT[r.flag]} |`);
  }
  lines.push('');
  return lines;
}

/** The review's sections: surface map, trade-offs, decisions. */
export function reviewMarkdown(r: ReviewReportInput): string {
  return [...surfaceSection(r.surface), ...tradeoffSection(r.tradeoffs, r.surface), ...decisionsSection(r.reviewed)].join('\n');
}
