/**
 * Every built-in lesson against the engine: each question's answer is what
 * the engine's run of that step shows, each exercise's starting scenario
 * fails its goal and its answer meets it, and each failure a step focuses
 * on occurs. If the engine stops showing what a lesson says, this fails.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_LESSONS } from './builtin/index.ts';
import { checkGoal, runForLesson } from './check-goal.ts';
import { evaluateFacts } from './facts.ts';
import type { LessonOutcome } from './outcome.ts';
import { applyAnswer, stepScenarios } from './setup.ts';
import type { Scenario } from '../scenario/types.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { inFrameOrder } from '../runner/pcap-export.ts';
import { buildTimeline } from '../runner/timeline.ts';
import { MARK } from '../runner/timeline-codes.ts';
import type { LessonFocus } from './lesson-schema.ts';

/** The capture frames a focus can land on (one per packet per link, in capture order): how many carry the option, or an attacker's packet. */
function focusHits(s: Scenario, focus: LessonFocus & { at: 'option' | 'attacker-packet' }): number {
  const r = runScenario(s, { trace: 'full' });
  const t = buildTimeline(s, inFrameOrder(r.handle.records), r.attackers.map((a) => ({ id: a.id, sent: a.sent })), r.endUs);
  const bit = focus.at === 'attacker-packet' ? 0 : focus.option === 'DSS' ? MARK.DSS_MAP | MARK.DATA_ACK | MARK.DATA_FIN : MARK[focus.option];
  let hits = 0;
  for (let k = 0; k < t.count; k++) if (focus.at === 'attacker-packet' ? t.attacker[k]! >= 0 : (t.marks[k]! & bit) !== 0) hits++;
  return hits;
}

const runs = new Map<Scenario, LessonOutcome>();
const outcomeOf = (s: Scenario) => {
  let o = runs.get(s);
  if (!o) runs.set(s, (o = runForLesson(s)));
  return o;
};

describe.each(BUILTIN_LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  const scenarios = stepScenarios(lesson);

  it('has a scenario for every step', () => {
    expect(scenarios.every((s) => s !== null)).toBe(true);
  });

  lesson.steps.forEach((step, i) => {
    const q = step.question;
    if (q?.kind === 'choice') {
      it(`step ${i + 1} "${step.title}": the engine picks choice ${q.answer}, and only it`, () => {
        const o = outcomeOf(scenarios[i]!);
        const holding = q.choices.map((c, k) => (evaluateFacts(c.when, o).holds ? k : -1)).filter((k) => k >= 0);
        expect(holding).toEqual([q.answer]);
      });
    }
    if (q?.kind === 'text') {
      it(`step ${i + 1} "${step.title}": every fact of the reveal holds`, () => {
        const r = evaluateFacts(q.facts, outcomeOf(scenarios[i]!));
        expect(r.findings.filter((f) => !f.holds)).toEqual([]);
      });
    }
    if (step.focus?.at === 'failure') {
      const failure = step.focus.failure;
      it(`step ${i + 1} "${step.title}": the failure it shows occurs`, () => {
        expect(outcomeOf(scenarios[i]!).failures.map((f) => f.id)).toContain(failure);
      });
    }
    const f = step.focus;
    if (f && (f.at === 'option' || f.at === 'attacker-packet')) {
      it(`step ${i + 1} "${step.title}": the packet it selects exists`, () => {
        expect(focusHits(scenarios[i]!, f)).toBeGreaterThanOrEqual(f.nth);
      });
    }
    const ex = step.exercise;
    if (ex) {
      it(`step ${i + 1} "${step.title}": the starting scenario fails the goal and the answer meets it`, () => {
        const start = checkGoal(ex.goal, scenarios[i]!);
        expect(start.met).toBe(false);
        const answered = applyAnswer(scenarios[i]!, ex.answer);
        if (!answered.ok) throw new Error(JSON.stringify(answered.problems));
        const check = checkGoal(ex.goal, answered.scenario);
        expect(check.lines.filter((l) => !l.ok)).toEqual([]);
        expect(check.met).toBe(true);
      });
    }
  });
});
