/**
 * The lesson being written: its words and its steps, as the teacher has
 * them (possibly unfinished: an empty title, no step yet). It becomes a
 * lesson only through loadLesson, like a file or a link: the preview, the
 * link and the file all carry a lesson the engine's loader accepted.
 */
import { BUILTIN_LESSON_IDS, LESSON_LIMITS, LESSON_SCHEMA_VERSION, loadLesson, type Lesson, type LessonLoadResult } from '../../../../engine/index.ts';
import type { AuthoredStep } from './record-step.ts';

export interface AuthoredLesson {
  title: string;
  summary: string;
  steps: AuthoredStep[];
}

export const emptyAuthoredLesson = (): AuthoredLesson => ({ title: '', summary: '', steps: [] });

/** A lesson id from its title ("ADD_ADDR, by hand" is "add-addr-by-hand"), never a built-in lesson's. */
export function lessonIdOf(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  const id = /^[a-z]/.test(slug) ? slug : `lesson${slug ? `-${slug}` : ''}`;
  return BUILTIN_LESSON_IDS.includes(id) ? `${id}-own` : id;
}

/** The RFC sections the texts cite ("RFC 8684 §3.4.1"), in order of first mention: the lesson's references. */
export function citedRfcs(a: AuthoredLesson): string[] {
  const texts = [a.summary, ...a.steps.map((s) => s.text)].join('\n');
  return [...new Set(texts.match(/RFC \d{3,5}(?: §\d+(?:\.\d+)*)?/g) ?? [])].slice(0, 12);
}

/** The lesson document (the format's own shape) of what is written. */
export function lessonDocument(a: AuthoredLesson): Record<string, unknown> {
  return { schemaVersion: LESSON_SCHEMA_VERSION, id: lessonIdOf(a.title), title: a.title, summary: a.summary, rfc: citedRfcs(a), steps: a.steps };
}

/** The lesson, checked by the engine's loader (every problem with its JSON path). */
export function authoredLesson(a: AuthoredLesson): LessonLoadResult {
  return loadLesson(lessonDocument(a));
}

/** What a lesson (opened, or edited as JSON) gives to write on. */
export function authoredFrom(lesson: Lesson): AuthoredLesson {
  return { title: lesson.title, summary: lesson.summary, steps: lesson.steps.map((s) => structuredClone(s) as AuthoredStep) };
}

export type JsonEdit = { ok: true; lesson: AuthoredLesson } | { ok: false; problems: { path: string; message: string }[] };

/**
 * The lesson JSON the teacher edited, checked like a lesson file: a bad edit
 * lists its problems with their JSON paths and changes nothing.
 */
export function applyLessonJson(text: string): JsonEdit {
  const loaded = loadLesson(text);
  if (!loaded.ok) return { ok: false, problems: loaded.problems.map((p) => ({ path: p.path, message: p.message })) };
  return { ok: true, lesson: authoredFrom(loaded.lesson) };
}

/** The JSON the "Edit as JSON" box starts from. */
export function lessonJsonText(a: AuthoredLesson): string {
  return `${JSON.stringify(lessonDocument(a), null, 2)}\n`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const words = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : null);
const PLACEHOLDER = 'x';

/**
 * Work read back from storage, checked: the words are strings, and the steps
 * (with any unfinished title or text filled in for the check) make a lesson
 * the loader accepts. Anything else is dropped, never trusted.
 */
export function parseAuthored(v: unknown): AuthoredLesson | null {
  if (!isRecord(v) || !Array.isArray(v.steps) || v.steps.length > LESSON_LIMITS.steps) return null;
  const title = words(v.title, 200);
  const summary = words(v.summary, LESSON_LIMITS.textChars);
  if (title === null || summary === null) return null;
  if (v.steps.length === 0) return { title, summary, steps: [] };
  if (!v.steps.every((s) => isRecord(s) && typeof s.title === 'string' && typeof s.text === 'string')) return null;
  const steps = v.steps as AuthoredStep[];
  const filled = steps.map((s) => ({ ...s, title: s.title || PLACEHOLDER, text: s.text || PLACEHOLDER }));
  const loaded = loadLesson({ schemaVersion: LESSON_SCHEMA_VERSION, id: 'check', title: title || PLACEHOLDER, summary: summary || PLACEHOLDER, rfc: [], steps: filled });
  if (!loaded.ok) return null;
  // The loader's steps (defaults filled, nothing else kept), with the teacher's own words.
  return { title, summary, steps: loaded.lesson.steps.map((s, i) => ({ ...(structuredClone(s) as AuthoredStep), title: steps[i]!.title, text: steps[i]!.text })) };
}
