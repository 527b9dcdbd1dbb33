/**
 * Pure parts of the lesson player: progress and what counts as done, and
 * which edits a step's lock refuses (where a focus points is the engine's:
 * lessons/focus.ts).
 */
import type { GoalCheck, Lesson, LessonLock, Scenario } from '../../engine/index.ts';
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
  'set-review-decision': null,
  'remove-review-decision': null,
  'mark-reviewed': null,
};

const LOCK_WORDS: Record<keyof LessonLock, string> = { topology: 'the topology', protocol: 'the protocol', mitigations: 'the mitigations', attackers: 'the attackers' };

/** Why the lock refuses these changes ("The lesson locks the protocol on this step"), or null when it allows them. */
export function lockRefusal(lock: LessonLock | undefined, changes: readonly ScenarioChange[]): string | null {
  if (!lock) return null;
  const parts = [...new Set(changes.map((c) => LOCKED_BY[c.kind]).filter((k): k is keyof LessonLock => k !== null && lock[k]))];
  return parts.length ? `The lesson locks ${parts.map((k) => LOCK_WORDS[k]).join(' and ')} on this step.` : null;
}
