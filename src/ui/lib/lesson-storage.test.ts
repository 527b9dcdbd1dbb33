import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_LESSON_IDS, builtinLesson } from '../../engine/index.ts';
import { CURRENT_LESSON_KEY, LESSON_PROGRESS_KEY, parseProgress, readCurrentLesson, readLessonProgress, writeCurrentLesson, writeLessonProgress } from './lesson-storage.ts';
import { newProgress } from '../store/lesson-model.ts';

const lesson = builtinLesson('add-addr-hijack')!;

describe('lesson storage', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  it('keeps progress per lesson and the lesson that was open', () => {
    const p = { ...newProgress(), step: 3, visited: [0, 1, 2, 3], answers: { 1: { choice: 0 }, 2: { text: 'she relays' } } };
    writeLessonProgress(lesson.id, p);
    expect(readLessonProgress(lesson)).toEqual(p);
    writeCurrentLesson({ lesson, source: 'builtin' });
    expect(readCurrentLesson(BUILTIN_LESSON_IDS)).toEqual({ builtin: lesson.id });
    writeCurrentLesson(null);
    expect(readCurrentLesson(BUILTIN_LESSON_IDS)).toBeNull();
  });

  it('drops damaged entries instead of trusting them', () => {
    localStorage.setItem(LESSON_PROGRESS_KEY, '{not json');
    expect(readLessonProgress(lesson)).toBeNull();
    expect(parseProgress({ ...newProgress(), step: 99 }, lesson.steps.length)).toBeNull();
    expect(parseProgress({ ...newProgress(), visited: ['x'] }, lesson.steps.length)).toBeNull();
    localStorage.setItem(CURRENT_LESSON_KEY, JSON.stringify({ document: { schemaVersion: 1, id: 'x' }, source: 'link' }));
    expect(readCurrentLesson(BUILTIN_LESSON_IDS)).toBeNull();
    localStorage.setItem(CURRENT_LESSON_KEY, JSON.stringify({ builtin: 'no-such-lesson' }));
    expect(readCurrentLesson(BUILTIN_LESSON_IDS)).toBeNull();
  });

  it('a lesson that is not a built-in is kept whole and checked again when read', () => {
    const own = { ...lesson, id: 'my-lesson', title: 'Mine' };
    writeCurrentLesson({ lesson: own, source: 'authored' });
    expect(readCurrentLesson(BUILTIN_LESSON_IDS)).toEqual({ lesson: own, source: 'authored' });
  });
});
