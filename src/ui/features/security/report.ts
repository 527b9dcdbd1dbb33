/**
 * A design-review report of a simulated attack, in Markdown: the scenario,
 * the protocol and mitigations, each attacker's class and what it learned,
 * each failure with its STRIDE category, evidence and explanation, and what
 * the hosts did with the attackers' packets.
 *
 * Every name and sentence that comes from the run goes through mdText (or
 * mdCode): a title or label carrying a line break, a `|`, a backtick, a
 * leading `#` or HTML stays one piece of text in its line or table cell.
 */
import type { Prevention, ScenarioInfo, SimulationSummary } from '../../../worker/capture-client.ts';
import { mdCode, mdText as t } from '../../lib/export-text.ts';
import { reviewMarkdown, type ReviewReportInput } from '../review/review-report.ts';
import { chance, classOf, ms } from './describe.ts';

/**
 * The report; with `prevention`, each failure also names the switches that would prevent it (measured by re-running);
 * with `review`, the design review's surface map, trade-off table and decisions follow.
 */
export function markdownReport(sim: SimulationSummary, info: ScenarioInfo | undefined, prevention: Prevention | null = null, review: ReviewReportInput | null = null): string {
  const lines: string[] = [];
  lines.push(`# Security report: ${t(sim.title)}`, '');
  if (sim.note) lines.push(`> ${t(sim.note)}`, '');
  if (info) lines.push(t(info.description), '');
  lines.push(`- Scenario: ${mdCode(sim.scenarioId)}, seed ${sim.seed}, protocol ${t(sim.protocol)}`);
  lines.push(`- Mitigations: ${sim.mitigations.length ? t(sim.mitigations.join(', ')) : 'none beyond the protocol'}`);
  const how = sim.reproduce.needsFile ? `save the scenario as JSON (Export → Scenario), then ${mdCode(sim.reproduce.command)} reproduces it` : `${mdCode(sim.reproduce.command)} reproduces it`;
  lines.push(`- Trace digest: ${mdCode(sim.digest)} (the same scenario and seed give the same bytes; ${how})`, '');
  lines.push('## Attackers', '');
  for (const a of sim.attackers) {
    lines.push(`### ${t(a.label)} — ${t(a.attackLabel)} (${t(a.rfc)})`, '');
    lines.push(`- Class: ${t(classOf(a))}`);
    lines.push(`- Knew by the end: ${a.knew.length ? t(a.knew.join(', ')) : 'nothing'}`);
    lines.push(`- Packets sent: ${a.injected}${a.capability === 'active' ? `, ${a.guessesUsed} of ${a.guessBudget} blind guesses` : ''}`);
    if (a.expectedGuesses) lines.push(`- A blind try needs about ${a.expectedGuesses.guesses.toExponential(2)} guesses: ${t(a.expectedGuesses.formula)}. ${t(a.expectedGuesses.why)} Its ${a.guessBudget} guesses succeed with probability ${chance(a.expectedGuesses.successWithinBudget)}.`);
    lines.push('');
  }
  lines.push('## Security failures', '');
  if (sim.failures.length === 0) lines.push('None: no monitor found a failure in this run.', '');
  else {
    const prevents = (id: string) => (prevention ? (prevention.byFailure[id]?.length ? t(prevention.byFailure[id]!.join(', ')) : 'none of those tried') : 'not computed');
    lines.push('| Failure | STRIDE | Attack described in | First at | MPTCP-specific | Evidence (frames) | Prevented by |', '|---|---|---|---|---|---|---|');
    for (const f of sim.failures) {
      lines.push(`| ${t(f.name)} (${mdCode(f.id, true)}) | ${t(f.stride)} | ${f.rfc ? t(f.rfc) : '—'} | ${ms(f.timeUs)} | ${f.mptcpSpecific ? 'yes' : 'no, inherited from TCP'} | ${f.frames.slice(0, 8).join(', ')}${f.frames.length > 8 ? ', …' : ''} | ${prevents(f.id)} |`);
    }
    lines.push('');
    if (prevention) lines.push(`"Prevented by": the same scenario was run again with each of ${t(prevention.tried.join(', '))}; a failure it no longer suffered is one that switch prevents.`, '');
    for (const f of sim.failures) lines.push(`**${t(f.name)}.** ${t(f.explanation)}${f.amplification ? ` Measured amplification: ${t(f.amplification)}.` : ''}`, '');
  }
  if (sim.tcpOnly?.length) lines.push(`Spared by MPTCP: single-path TCP with the same attackers suffers ${t(sim.tcpOnly.join(', '))}; this run did not.`, '');
  if (sim.verdicts.length) {
    lines.push("## What the hosts did with the attackers' packets", '');
    for (const v of sim.verdicts) lines.push(`- ${ms(v.timeUs)}${v.frame !== null ? ` (frame ${v.frame})` : ''}: ${t(v.text)}`);
    lines.push('');
  }
  lines.push('Mitigations and how each attack fares against them across attacker classes: `npm run --silent lab -- matrix` and docs/attacks.md.', '');
  if (review) lines.push(reviewMarkdown(review));
  return lines.join('\n');
}
