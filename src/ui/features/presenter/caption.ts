import type { OpenLesson } from '../../store/lesson-model.ts';
import { plainText } from '../lessons/markdown.ts';

export interface StepCaption {
  title: string;
  text: string;
}

/**
 * What the room reads under the views: the title and plain text of the lesson
 * step on screen; null without a lesson. The step's presenter note is for the
 * teacher and never part of it.
 */
export function stepCaption(lesson: OpenLesson | null): StepCaption | null {
  const step = lesson?.lesson.steps[lesson.progress.step];
  if (!step) return null;
  // One line per paragraph or list item: a caption has no room for blank lines.
  return { title: step.title, text: plainText(step.text).replace(/\n{2,}/g, '\n') };
}
