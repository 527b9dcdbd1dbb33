import { useEffect, useState } from 'react';
import { useAppStoreApi } from '../store/store-context.tsx';
import { lessonLinkQuery, parseLessonLink, unpackLesson } from '../lib/lesson-link.ts';
import { shareLinkFits } from '../lib/share-link.ts';
import { readLessonProgress } from '../lib/lesson-storage.ts';
import { newProgress } from '../store/lesson-model.ts';

/**
 * Opens the lesson a link names (at its step, with the progress kept for
 * it), and while a lesson is open keeps the address bar naming it and the
 * step on screen, so copying the address shares the lesson. Returns whether
 * the page opened with a lesson link.
 */
export function useLessonLink(onDamaged: (message: string) => void): boolean {
  const store = useAppStoreApi();
  const [link] = useState(() => parseLessonLink(window.location.search));

  useEffect(() => {
    if (!link) return;
    const s = store.getState();
    if (link.builtin) {
      const id = link.builtin;
      void s.loadLessons().then((lessons) => {
        const lesson = lessons.find((l) => l.id === id);
        if (!lesson) return onDamaged(`the link names the lesson "${id}", which this lab does not have`);
        const saved = readLessonProgress(lesson) ?? newProgress();
        const step = link.step !== null && link.step < lesson.steps.length ? link.step : saved.step;
        void s.openLesson(lesson, 'builtin', { ...saved, step });
      });
      return;
    }
    unpackLesson(link.packed!).then(
      (text) => void s.openLessonText(text, 'the shared lesson link', 'link', link.step ?? 0),
      (e: unknown) => onDamaged(e instanceof Error ? e.message : String(e)),
    );
  }, [store, link, onDamaged]);

  useEffect(() => {
    // The lesson and step the address was last written for: the query (a packed lesson, for one not built in)
    // is made once per step, not on every change of the store (the replay changes it 60 times a second).
    let shown: { lesson: unknown; step: number } | null = null;
    return store.subscribe((s) => {
      const l = s.lesson;
      if (!l) {
        shown = null;
        return;
      }
      if (shown?.lesson === l.lesson && shown.step === l.progress.step) return;
      shown = { lesson: l.lesson, step: l.progress.step };
      void lessonLinkQuery(l.lesson, l.source === 'builtin', l.progress.step).then((query) => {
        const current = store.getState().lesson;
        if (current?.lesson !== l.lesson || current.progress.step !== l.progress.step) return;
        const { origin, pathname } = window.location;
        const address = shareLinkFits(origin, pathname, query) ? query : '';
        if (window.location.search !== address) window.history.replaceState(null, '', `${pathname}${address}`);
      });
    });
  }, [store]);

  return link !== null;
}
