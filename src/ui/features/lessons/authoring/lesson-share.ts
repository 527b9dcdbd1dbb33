/**
 * Sharing a lesson: a link (a built-in by its id, any other lesson packed
 * whole), refused when it would be longer than servers accept, and the
 * lesson as a JSON file, which "Open a lesson file…" opens.
 */
import type { Lesson } from '../../../../engine/index.ts';
import { downloadBlob } from '../../../lib/download.ts';
import { lessonLinkQuery } from '../../../lib/lesson-link.ts';
import { linkBytes, shareLinkFits } from '../../../lib/share-link.ts';

export type LessonLinkResult = { fits: true; url: string } | { fits: false; bytes: number };

export async function lessonLink(lesson: Lesson, builtin: boolean, step = 0): Promise<LessonLinkResult> {
  const query = await lessonLinkQuery(lesson, builtin, step);
  const { origin, pathname } = window.location;
  const url = `${origin}${pathname}${query}`;
  return shareLinkFits(origin, pathname, query) ? { fits: true, url } : { fits: false, bytes: linkBytes(url) };
}

export function lessonFileText(lesson: Lesson): string {
  return `${JSON.stringify(lesson, null, 2)}\n`;
}

export function saveLessonFile(lesson: Lesson): void {
  downloadBlob(new Blob([lessonFileText(lesson)], { type: 'application/json' }), `${lesson.id}.lesson.json`);
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
