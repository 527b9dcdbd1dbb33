import { useEffect, useState } from 'react';
import { BUILTIN_LESSON_IDS } from '../../engine/index.ts';
import { useAppStoreApi } from '../store/store-context.tsx';
import { readCurrentLesson, readLessonProgress, writeCurrentLesson, writeLessonProgress } from '../lib/lesson-storage.ts';

/**
 * Keeps each lesson's progress (and which lesson is open) in localStorage,
 * and resumes the open lesson at its step when the app opens without a
 * share link. Returns whether it resumed one (the draft's own autosave
 * then stands aside: the lesson's step loads its scenario).
 */
export function useLessonAutosave(openedWithLink: boolean): boolean {
  const store = useAppStoreApi();
  // Decided once, on the first render: what was open when the page was left.
  const [resume] = useState(() => (openedWithLink ? null : readCurrentLesson(BUILTIN_LESSON_IDS)));

  useEffect(() => {
    if (!resume) return;
    const open = async () => {
      const s = store.getState();
      const saved = 'builtin' in resume ? { lesson: (await s.loadLessons()).find((l) => l.id === resume.builtin), source: 'builtin' as const } : resume;
      if (saved.lesson) await s.openLesson(saved.lesson, saved.source, readLessonProgress(saved.lesson) ?? undefined);
    };
    void open();
  }, [store, resume]);

  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.lesson === prev.lesson) return;
        if (s.lesson?.lesson !== prev.lesson?.lesson) writeCurrentLesson(s.lesson ? { lesson: s.lesson.lesson, source: s.lesson.source } : null);
        if (s.lesson && s.lesson.progress !== prev.lesson?.progress) writeLessonProgress(s.lesson.lesson.id, s.lesson.progress);
      }),
    [store],
  );
  return resume !== null;
}
