import { useEffect, useId, useRef } from 'react';
import type { Lesson } from '../../../engine/index.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { selectBusy, selectLesson } from '../../store/selectors.ts';
import { Tag } from '../../components/Tag.tsx';
import { HiddenFileInput, JSON_FILE_ACCEPT } from '../../components/HiddenFileInput.tsx';
import { readLessonProgress } from '../../lib/lesson-storage.ts';
import { percentDone } from '../../store/lesson-model.ts';
import { NewLessonButton } from './authoring/NewLessonButton.tsx';
import './lessons.css';

function LessonCard({ lesson, onStart, disabled }: { lesson: Lesson; onStart(): void; disabled: boolean }) {
  const titleId = useId();
  const progress = readLessonProgress(lesson);
  const percent = progress ? percentDone(lesson, progress) : 0;
  return (
    <article className="scenario-card lesson-card" aria-labelledby={titleId} data-lesson={lesson.id}>
      <h4 id={titleId} className="scenario-card__title">
        {lesson.title}
      </h4>
      <p className="scenario-card__text" title={lesson.summary}>
        {lesson.summary}
      </p>
      <div className="scenario-card__tags">
        <Tag tone="accent">{lesson.steps.length} steps · {lesson.minutes} min</Tag>
        {lesson.rfc.slice(0, 3).map((r) => (
          <Tag key={r}>{r}</Tag>
        ))}
        {progress && <Tag tone="warn">{percent} % done</Tag>}
      </div>
      <button type="button" className="btn btn--small btn--primary scenario-card__run" aria-label={`${progress ? 'Continue' : 'Start'} the lesson ${lesson.title}`} onClick={onStart} disabled={disabled}>
        {progress ? 'Continue' : 'Start'}
      </button>
    </article>
  );
}

/** The built-in lessons, and a way to open one from a file. */
export function LessonGallery() {
  const busy = useAppStore(selectBusy);
  const open = useAppStore(selectLesson);
  const openLesson = useAppStore((s) => s.openLesson);
  const openLessonText = useAppStore((s) => s.openLessonText);
  const lessons = useAppStore((s) => s.builtinLessons);
  const loadLessons = useAppStore((s) => s.loadLessons);
  useEffect(() => {
    void loadLessons();
  }, [loadLessons]);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  return (
    <section className="gallery lessons-gallery" aria-labelledby={id}>
      <h2 id={id} className="gallery__title">
        Learn it step by step
      </h2>
      <p className="gallery__group-lead">
        Lessons for a class that knows TCP: each step runs the engine, asks you to predict before it shows the verdict, and checks your exercises by running your scenario. Progress is kept in this browser.
      </p>
      <div className="gallery__cards">
        {lessons.map((l) => (
          <LessonCard key={l.id} lesson={l} disabled={busy && open?.lesson !== l} onStart={() => void openLesson(l, 'builtin', readLessonProgress(l) ?? undefined)} />
        ))}
      </div>
      <p>
        <button type="button" className="btn btn--small" onClick={() => input.current?.click()}>
          Open a lesson file…
        </button>
        <NewLessonButton />
        <HiddenFileInput ref={input} accept={JSON_FILE_ACCEPT} label="Lesson file" onFile={(file) => void openLessonText(file, file.name, 'file')} />
      </p>
    </section>
  );
}
