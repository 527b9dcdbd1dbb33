/**
 * A lesson against the engine: every step has a scenario that loads; each
 * choice question's `answer` is the only choice whose facts hold on that
 * step's run; each text question's facts hold; each focus finds its failure
 * or packet; each exercise's starting scenario fails its goal and its answer
 * meets it. The built-ins' test and `lab lesson check` both use it, so a
 * lesson never says what the engine does not show.
 */
import { formatTime, simTime } from '../core/time.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { firstFrameOfPacket, inFrameOrder } from '../runner/pcap-export.ts';
import { buildTimeline } from '../runner/timeline.ts';
import { lessonOutcome, type LessonOutcome } from './outcome.ts';
import { evaluateFacts } from './facts.ts';
import { checkGoal } from './check-goal.ts';
import { focusTarget } from './focus.ts';
import { applyAnswer, stepScenarios } from './setup.ts';
import type { Lesson } from './lesson-schema.ts';
import type { Scenario } from '../scenario/types.ts';
import type { TimelineData } from '../runner/timeline-codes.ts';

export interface LessonCheck {
  /** 0-based step. */
  step: number;
  title: string;
  /** What was checked: "choice 1 is the engine's answer". */
  what: string;
  ok: boolean;
  /** What the engine found. */
  detail: string;
}

interface StepRun {
  outcome: LessonOutcome;
  timeline: TimelineData;
  failures: { id: string; timeUs: number; frames: number[] }[];
}

function runStep(s: Scenario): StepRun {
  const r = runScenario(s, { trace: 'full', packetJson: false });
  const frames = inFrameOrder(r.handle.records);
  const timeline = buildTimeline(s, frames, r.attackers.map((a) => ({ id: a.id, sent: a.sent })), r.endUs);
  // A failure's evidence packets, as timeline frames (the first frame of each packet), as the app shows them.
  const frameOf = firstFrameOfPacket(frames);
  const failures = r.failures.map((f) => ({ id: f.id as string, timeUs: f.timeUs, frames: f.evidence.packets.map((p) => frameOf.get(p)).filter((x): x is number => x !== undefined) }));
  return { outcome: lessonOutcome(s, r), timeline, failures };
}

/** Every check of the lesson, in step order; `onStep` hears each step as it starts (long lessons take seconds). */
export function verifyLesson(lesson: Lesson, onStep?: (step: number) => void): LessonCheck[] {
  const checks: LessonCheck[] = [];
  const scenarios = stepScenarios(lesson);
  const runs = new Map<Scenario, StepRun>();
  const runOf = (s: Scenario) => {
    let r = runs.get(s);
    if (!r) runs.set(s, (r = runStep(s)));
    return r;
  };
  lesson.steps.forEach((step, i) => {
    onStep?.(i);
    const add = (what: string, ok: boolean, detail: string) => checks.push({ step: i, title: step.title, what, ok, detail });
    const s = scenarios[i];
    if (!s) return add('the step has a scenario', false, 'no setup before it loads one');
    const q = step.question;
    if (q?.kind === 'choice') {
      const o = runOf(s).outcome;
      const holding = q.choices.map((c) => evaluateFacts(c.when, o));
      const right = holding.flatMap((h, k) => (h.holds ? [k] : []));
      const ok = right.length === 1 && right[0] === q.answer;
      add(`choice ${q.answer + 1} is the engine's answer, and the only one`, ok, right.length === 0 ? `no choice holds: ${holding[q.answer]!.findings.map((f) => f.finding).join('; ')}` : `choices that hold: ${right.map((k) => k + 1).join(', ')}`);
    }
    if (q?.kind === 'text') {
      const r = evaluateFacts(q.facts, runOf(s).outcome);
      add('every fact of the reveal holds', r.holds, r.findings.map((f) => `${f.holds ? '' : 'NOT '}${f.finding}`).join('; '));
    }
    if (step.focus && step.focus.at !== 'time') {
      const run = runOf(s);
      const at = focusTarget(step.focus, run.timeline, run.failures);
      add(`the focus (${step.focus.at}) finds its ${step.focus.at === 'failure' ? 'failure' : 'packet'}`, at !== null, at ? `at ${formatTime(simTime(at.us))}${at.frame ? `, frame ${at.frame}` : ''}` : 'nothing in the run matches it');
    }
    const ex = step.exercise;
    if (ex) {
      const start = checkGoal(ex.goal, s);
      add('the exercise starts unsolved', !start.met, start.lines.map((l) => `${l.ok ? '✓' : '✗'} ${l.label}: ${l.finding}`).join('; '));
      const answered = applyAnswer(s, ex.answer);
      if (!answered.ok) add('the answer makes a valid scenario', false, answered.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
      else {
        const check = checkGoal(ex.goal, answered.scenario);
        add('the answer meets the goal', check.met, check.lines.map((l) => `${l.ok ? '✓' : '✗'} ${l.label}: ${l.finding}`).join('; '));
      }
    }
  });
  return checks;
}
