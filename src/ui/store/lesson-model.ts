/**
 * Pure parts of the lesson player: progress and what counts as done, the
 * frame a step's focus points at, and which edits a step's lock refuses.
 */
import { MARK, type GoalCheck, type Lesson, type LessonFocus, type LessonLock, type Scenario, type TimelineData } from '../../engine/index.ts';
import type { ScenarioChange } from './scenario-changes.ts';

/** The learner's answer to a step's question. */
export type StepAnswer = { choice: number } | { text: string };

export interface LessonProgress {
  step: number;
  visited: number[];
  answers: Record<number, StepAnswer>;
  solved: number[];
  /** Hints shown, by step. */
  hints: Record<number, number>;
  /** Steps whose "wait for" the learner did. */
  waited: number[];
  /** The learner's scenario on each exercise step, as last checked. */
  work: Record<number, Scenario>;
}

export type LessonSource = 'builtin' | 'link' | 'file' | 'authored';

export interface OpenLesson {
  lesson: Lesson;
  source: LessonSource;
  progress: LessonProgress;
  /** The exercise check of the step on screen. */
  check: { step: number; running: boolean; result: GoalCheck | null; error: string | null } | null;
  /** A step's scenario is loading (its run has not landed yet). */
  entering: boolean;
}

export const newProgress = (): LessonProgress => ({ step: 0, visited: [], answers: {}, solved: [], hints: {}, waited: [] , work: {} });

/** A step is done when it was seen and its question answered, its exercise solved and its action done. */
export function stepDone(lesson: Lesson, p: LessonProgress, i: number): boolean {
  const step = lesson.steps[i];
  if (!step || !p.visited.includes(i)) return false;
  if (step.question && p.answers[i] === undefined) return false;
  if (step.exercise && !p.solved.includes(i)) return false;
  if (step.waitFor && !p.waited.includes(i)) return false;
  return true;
}

export function percentDone(lesson: Lesson, p: LessonProgress): number {
  const done = lesson.steps.filter((_, i) => stepDone(lesson, p, i)).length;
  return Math.round((100 * done) / lesson.steps.length);
}

/** The timeline's mark bits of an MPTCP option a lesson names (DSS: a mapping or a DATA_ACK). */
export function optionMarks(option: string): number {
  if (option === 'DSS') return MARK.DSS_MAP | MARK.DATA_ACK;
  return (MARK as Record<string, number>)[option] ?? 0;
}

/** The moment and packet a focus points at in a run, or null when the run has none. */
export function focusTarget(focus: LessonFocus, t: TimelineData | null, failures: readonly { id: string; timeUs: number; frames: number[] }[]): { us: number; frame: number | null } | null {
  switch (focus.at) {
    case 'time':
      return { us: focus.us, frame: null };
    case 'failure': {
      const f = failures.find((x) => x.id === focus.failure);
      return f ? { us: f.timeUs, frame: f.frames[0] ?? null } : null;
    }
    case 'option':
    case 'attacker-packet': {
      if (!t) return null;
      const bit = focus.at === 'option' ? optionMarks(focus.option) : 0;
      let seen = 0;
      for (let k = 0; k < t.count; k++) {
        const hit = focus.at === 'option' ? (t.marks[k]! & bit) !== 0 : t.attacker[k]! >= 0;
        // The moment the packet has arrived, so its whole arrow is drawn.
        if (hit && ++seen === focus.nth) return { us: t.endUs[k]!, frame: k + 1 };
      }
      return null;
    }
  }
}

const LOCKED_BY: Record<ScenarioChange['kind'], keyof LessonLock | null> = {
  'set-protocol': 'protocol',
  'set-mitigations': 'mitigations',
  'set-link': 'topology',
  'add-node': 'topology',
  'add-link': 'topology',
  'remove-link': 'topology',
  'remove-node': 'topology',
  'move-node': null,
  'place-attacker': 'attackers',
  'update-attacker': 'attackers',
  'remove-attacker': 'attackers',
  'set-window': 'attackers',
};

const LOCK_WORDS: Record<keyof LessonLock, string> = { topology: 'the topology', protocol: 'the protocol', mitigations: 'the mitigations', attackers: 'the attackers' };

/** Why the lock refuses these changes ("The lesson locks the protocol on this step"), or null when it allows them. */
export function lockRefusal(lock: LessonLock | undefined, changes: readonly ScenarioChange[]): string | null {
  if (!lock) return null;
  const parts = [...new Set(changes.map((c) => LOCKED_BY[c.kind]).filter((k): k is keyof LessonLock => k !== null && lock[k]))];
  return parts.length ? `The lesson locks ${parts.map((k) => LOCK_WORDS[k]).join(' and ')} on this step.` : null;
}
