/**
 * Lesson progress kept in localStorage, per lesson id, and the lesson open
 * when the page was left (its document too when it is not a built-in), so a
 * reload resumes where the learner was. What is read back is checked: a
 * damaged entry is dropped, never trusted.
 */
import { loadLesson, type Lesson, type Scenario } from '../../engine/index.ts';
import type { LessonProgress, LessonSource } from '../store/lesson-model.ts';
import { readStoredJson, writeStoredJson } from './stored-json.ts';

export const LESSON_PROGRESS_KEY = 'mptcp-threat-lab/lessons/progress/v1';
export const CURRENT_LESSON_KEY = 'mptcp-threat-lab/lessons/current/v1';

const isIndexList = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => Number.isInteger(n) && n >= 0);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Progress as saved, if it has the right shape (exercise work is checked again when it runs). */
export function parseProgress(v: unknown, steps: number): LessonProgress | null {
  if (!isRecord(v) || !Number.isInteger(v.step) || (v.step as number) < 0 || (v.step as number) >= steps) return null;
  if (!isIndexList(v.visited) || !isIndexList(v.solved) || !isIndexList(v.waited) || !isRecord(v.answers) || !isRecord(v.hints) || !isRecord(v.work)) return null;
  const answers: LessonProgress['answers'] = {};
  for (const [k, a] of Object.entries(v.answers)) {
    if (isRecord(a) && Number.isInteger(a.choice)) answers[Number(k)] = { choice: a.choice as number };
    else if (isRecord(a) && typeof a.text === 'string') answers[Number(k)] = { text: a.text.slice(0, 2000) };
  }
  const hints: LessonProgress['hints'] = {};
  for (const [k, n] of Object.entries(v.hints)) if (Number.isInteger(n)) hints[Number(k)] = n as number;
  return { step: v.step as number, visited: v.visited, solved: v.solved, waited: v.waited, answers, hints, work: v.work as Record<number, Scenario> };
}

export function readLessonProgress(lesson: Lesson): LessonProgress | null {
  const all = readStoredJson(LESSON_PROGRESS_KEY);
  return isRecord(all) ? parseProgress(all[lesson.id], lesson.steps.length) : null;
}

export function writeLessonProgress(lessonId: string, progress: LessonProgress): void {
  const all = readStoredJson(LESSON_PROGRESS_KEY);
  writeStoredJson(LESSON_PROGRESS_KEY, { ...(isRecord(all) ? all : {}), [lessonId]: progress });
}

export function forgetLessonProgress(lessonId: string): void {
  const all = readStoredJson(LESSON_PROGRESS_KEY);
  if (!isRecord(all)) return;
  const { [lessonId]: _gone, ...rest } = all;
  writeStoredJson(LESSON_PROGRESS_KEY, rest);
}

/** The lesson open when the page was left: a built-in's id, or the whole document of one from a link or a file. */
export function writeCurrentLesson(current: { lesson: Lesson; source: LessonSource } | null): void {
  if (current === null) {
    try {
      localStorage.removeItem(CURRENT_LESSON_KEY);
    } catch {
      // Nothing to forget.
    }
    return;
  }
  writeStoredJson(CURRENT_LESSON_KEY, current.source === 'builtin' ? { builtin: current.lesson.id } : { document: current.lesson, source: current.source });
}

export type SavedCurrentLesson = { builtin: string } | { lesson: Lesson; source: LessonSource };

/** The lesson open when the page was left: a built-in by id (it loads later), or any other lesson, checked. */
export function readCurrentLesson(builtinIds: readonly string[]): SavedCurrentLesson | null {
  const v = readStoredJson(CURRENT_LESSON_KEY);
  if (!isRecord(v)) return null;
  if (typeof v.builtin === 'string') return builtinIds.includes(v.builtin) ? { builtin: v.builtin } : null;
  const loaded = loadLesson(v.document);
  const source = v.source === 'link' || v.source === 'file' || v.source === 'authored' ? v.source : 'file';
  return loaded.ok ? { lesson: loaded.lesson, source } : null;
}
