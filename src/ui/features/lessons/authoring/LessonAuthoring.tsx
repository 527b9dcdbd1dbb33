import { useId, useMemo, useState } from 'react';
import { useAppStoreApi } from '../../../store/store-context.tsx';
import { useAuthoring, authoringStore } from './authoring-store.ts';
import { authoredLesson, emptyAuthoredLesson } from './authoring-doc.ts';
import { AuthoredSteps } from './AuthoredSteps.tsx';
import { RecordStepForm } from './RecordStepForm.tsx';
import { LessonJsonEditor } from './LessonJsonEditor.tsx';
import { LessonShare } from './LessonShare.tsx';
import { ProblemList } from './ProblemList.tsx';
import '../lessons.css';
import './authoring.css';

/**
 * Writing a lesson beside the run: its title and summary, the steps
 * recorded from what is on screen (their words to edit, their order), or
 * the whole lesson as JSON; then preview it in the player, copy its link or
 * save its file. Shown while authoring and no lesson is being played.
 */
export function LessonAuthoring() {
  const open = useAuthoring((s) => s.open);
  const lesson = useAuthoring((s) => s.lesson);
  const app = useAppStoreApi();
  const [json, setJson] = useState(false);
  const [discard, setDiscard] = useState(false);
  const id = useId();
  const checked = useMemo(() => (lesson.steps.length > 0 ? authoredLesson(lesson) : null), [lesson]);
  if (!open) return null;
  const { update, setOpen, replace } = authoringStore().getState();
  const ready = checked?.ok ? checked.lesson : null;
  return (
    <section className="lesson authoring" aria-label="Lesson authoring">
      <header className="lesson__header">
        <div className="lesson__heading">
          <h2 className="lesson__title">{lesson.steps.length ? 'Edit lesson' : 'New lesson'}</h2>
          <button type="button" className="btn btn--small" onClick={() => setJson(!json)} aria-pressed={json}>
            {json ? 'Edit steps' : 'Edit as JSON'}
          </button>
          <button type="button" className="btn btn--small" onClick={() => setOpen(false)} title="Close the authoring panel (your lesson is kept in this browser)">
            Close
          </button>
        </div>
      </header>
      <div className="lesson__body authoring__body">
        {json ? (
          <LessonJsonEditor lesson={lesson} onDone={() => setJson(false)} />
        ) : (
          <>
            <label htmlFor={`${id}-title`}>Lesson title</label>
            <input id={`${id}-title`} type="text" value={lesson.title} maxLength={200} onChange={(e) => update((l) => ({ ...l, title: e.target.value }))} placeholder="e.g. ADD_ADDR, by hand" />
            <label htmlFor={`${id}-summary`}>Summary</label>
            <textarea id={`${id}-summary`} rows={2} value={lesson.summary} maxLength={4000} onChange={(e) => update((l) => ({ ...l, summary: e.target.value }))} placeholder="What the lesson teaches, in a sentence or two." />
            <AuthoredSteps lesson={lesson} />
            <RecordStepForm count={lesson.steps.length} />
            {checked && !checked.ok && <ProblemList title="Before the preview and sharing, fix:" problems={checked.problems} />}
          </>
        )}
      </div>
      <footer className="authoring__footer">
        <div className="authoring__row">
          <button type="button" className="btn btn--primary btn--small" disabled={!ready || json} onClick={() => ready && void app.getState().openLesson(ready, 'authored')} title="Play the lesson as a learner sees it (“Back to editing” returns here)">
            Preview
          </button>
          {discard ? (
            <>
              <button
                type="button"
                className="btn btn--small"
                onClick={() => {
                  replace(emptyAuthoredLesson());
                  setDiscard(false);
                  setJson(false);
                }}
              >
                Discard {lesson.steps.length} steps
              </button>
              <button type="button" className="btn btn--small btn--quiet" onClick={() => setDiscard(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" className="btn btn--small btn--quiet" onClick={() => setDiscard(true)} disabled={lesson.steps.length === 0 && !lesson.title && !lesson.summary}>
              Start over
            </button>
          )}
        </div>
        <LessonShare lesson={ready} builtin={false} disabled={json} />
      </footer>
    </section>
  );
}
