/**
 * An exercise's check: run the learner's scenario in the engine and compare
 * what the monitors found with the goal. Nothing here trusts the learner's
 * word, the scenario's flags or an attacker's log: each check reads the
 * run's outcome. "Cheapest" runs each candidate mitigation set too.
 */
import { formatTime, simTime } from '../core/time.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { withSwitches } from '../scenario/switches.ts';
import type { Scenario } from '../scenario/types.ts';
import { failureInfo } from '../monitors/failure-catalog.ts';
import type { LessonGoal } from './lesson-schema.ts';
import { lessonOutcome, type LessonOutcome } from './outcome.ts';

export interface GoalCheckLine {
  /** What the goal asks: "hijack occurs". */
  label: string;
  ok: boolean;
  /** What the run showed. */
  finding: string;
}

export interface CandidateCost {
  mitigations: string[];
  stopsAll: boolean;
  hashWork: number;
}

export interface GoalCheck {
  met: boolean;
  lines: GoalCheckLine[];
  outcome: LessonOutcome;
  /** With a `cheapest` goal: each candidate set, run. */
  candidates: CandidateCost[] | null;
}

const seconds = (us: number) => formatTime(simTime(us));
const setText = (m: readonly string[]) => (m.length ? m.join(' + ') : 'no mitigations');

/** The run the check reads: every baseline, so failures carry their single-path label. */
export function runForLesson(s: Scenario): LessonOutcome {
  return lessonOutcome(s, runScenario(s, { trace: 'count' }));
}

export function judgeGoal(goal: LessonGoal, o: LessonOutcome, candidates: CandidateCost[] | null = null): GoalCheck {
  const lines: GoalCheckLine[] = [];
  const found = (id: string) => o.failures.find((f) => f.id === id);
  if (o.cutShort) lines.push({ label: 'the run finishes', ok: false, finding: 'the run was cut short: its verdicts cover only part of it' });
  if (goal.protocol) lines.push({ label: `the scenario runs ${goal.protocol}`, ok: o.protocol === goal.protocol, finding: `it runs ${o.protocol}` });
  if (goal.attacker) {
    const want = goal.attacker;
    const like = o.attackers.filter((a) => (!want.attack || a.attack === want.attack) && (!want.location || want.location.includes(a.location)) && (!want.capability || a.capability === want.capability));
    const acted = like.filter((a) => a.attempted);
    const what = [want.capability, want.location?.join(' or '), 'attacker', want.attack ? `running ${want.attack}` : ''].filter(Boolean).join(' ');
    const finding = like.length === 0 ? `no ${what} is placed` : acted.length === 0 ? `${like.map((a) => a.id).join(', ')} did not act (not attempted)` : `${acted.map((a) => a.id).join(', ')} acted`;
    lines.push({ label: `${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} acts`, ok: acted.length > 0, finding });
  }
  for (const id of goal.occur ?? []) {
    const f = found(id);
    lines.push({ label: `${failureInfo(id).name} (${id}) occurs`, ok: f !== undefined, finding: f ? `it occurred at ${seconds(f.timeUs)}` : 'the monitors did not find it' });
  }
  for (const id of goal.absent ?? []) {
    const f = found(id);
    lines.push({ label: `no ${failureInfo(id).name} (${id})`, ok: f === undefined, finding: f ? `it occurred at ${seconds(f.timeUs)}` : 'the monitors did not find it' });
  }
  for (const id of goal.tcpOnly ?? []) {
    const f = found(id);
    const spared = o.tcpOnly?.includes(id) ?? false;
    const finding = !o.tcpOnly ? 'single-path TCP was not run against the same attackers' : spared ? 'single-path TCP suffers it and this run does not' : f ? `it occurred here too, at ${seconds(f.timeUs)}` : 'single-path TCP does not suffer it either';
    lines.push({ label: `single-path TCP suffers ${failureInfo(id).name} (${id}) and MPTCP is spared`, ok: spared, finding });
  }
  if (goal.noFailures || goal.cheapest) {
    const ids = [...new Set(o.failures.map((f) => f.id))];
    lines.push({ label: 'no failure at all', ok: ids.length === 0, finding: ids.length ? `still found: ${ids.join(', ')}` : 'the monitors found none' });
  }
  if (goal.cheapest && candidates) {
    const cheaper = candidates.filter((c) => c.stopsAll && c.hashWork < o.hashWork);
    const best = cheaper.sort((a, b) => a.hashWork - b.hashWork)[0];
    lines.push({
      label: 'at the lowest hash work',
      ok: best === undefined,
      finding: best ? `${setText(best.mitigations)} also stops every failure with ${best.hashWork} hash operations, against ${o.hashWork} for ${setText(o.mitigations)}` : `${o.hashWork} hash operations: no candidate that stops every failure does less`,
    });
  }
  return { met: lines.every((l) => l.ok), lines, outcome: o, candidates };
}

/** Runs the learner's scenario (and, for `cheapest`, each candidate set on it) and judges the goal. */
export function checkGoal(goal: LessonGoal, s: Scenario): GoalCheck {
  const outcome = runForLesson(s);
  let candidates: CandidateCost[] | null = null;
  if (goal.cheapest) {
    candidates = goal.cheapest.among.map((m) => {
      const o = runForLesson(withSwitches(s, { mitigations: m }));
      return { mitigations: [...m], stopsAll: o.failures.length === 0 && !o.cutShort, hashWork: o.hashWork };
    });
  }
  return judgeGoal(goal, outcome, candidates);
}
