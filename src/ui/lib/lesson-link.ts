/**
 * A lesson in the address bar: a built-in by its id, any other lesson packed
 * whole (JSON, deflated, base64url, like a scenario's "doc="), with the step
 * on screen. A lesson from a link is checked like a file before it opens.
 */
import { LESSON_MAX_BYTES, formatMegabytes, type Lesson } from '../../engine/index.ts';
import { InflateTooBigError } from './inflate-bounded.ts';
import { packJson, unpackJson } from './share-link.ts';

export interface LessonLink {
  builtin: string | null;
  packed: string | null;
  /** 0-based step, or null when the link names none. */
  step: number | null;
}

export function parseLessonLink(search: string): LessonLink | null {
  const q = new URLSearchParams(search);
  const builtin = q.get('lesson');
  const packed = q.get('lessondoc');
  if (!builtin && !packed) return null;
  const n = Number(q.get('step'));
  return { builtin: packed ? null : builtin, packed, step: Number.isInteger(n) && n >= 1 ? n - 1 : null };
}

/** The query naming a lesson and its step (1-based in the address, as people count). */
export async function lessonLinkQuery(lesson: Lesson, builtin: boolean, step: number): Promise<string> {
  const q = new URLSearchParams();
  if (builtin) q.set('lesson', lesson.id);
  else q.set('lessondoc', await packJson(lesson));
  q.set('step', String(step + 1));
  return `?${q.toString()}`;
}

/** The lesson text a link packed; a readable error when it is damaged or unpacks past the lesson limit. */
export async function unpackLesson(packed: string): Promise<string> {
  try {
    return await unpackJson(packed, LESSON_MAX_BYTES);
  } catch (e) {
    if (e instanceof InflateTooBigError) throw new Error(`the link's lesson ("lessondoc=") is too big: it unpacks to more than ${formatMegabytes(LESSON_MAX_BYTES)}`, { cause: e });
    throw new Error('the link\'s lesson ("lessondoc=") is damaged: it is not a lesson this app packed (was the link cut short?)', { cause: e });
  }
}
