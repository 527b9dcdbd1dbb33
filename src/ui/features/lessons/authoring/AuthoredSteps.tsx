import { useEffect, useRef } from 'react';
import { describeStep } from './record-step.ts';
import { authoringStore, moveStep } from './authoring-store.ts';
import type { AuthoredLesson } from './authoring-doc.ts';

/** The recorded steps: their words to edit, what each shows, and their order. */
export function AuthoredSteps({ lesson }: { lesson: AuthoredLesson }) {
  const update = authoringStore().getState().update;
  const list = useRef<HTMLOListElement>(null);
  const count = useRef(lesson.steps.length);
  // A step just recorded is shown, not left below the fold.
  useEffect(() => {
    if (lesson.steps.length > count.current) list.current?.lastElementChild?.scrollIntoView?.({ block: 'nearest' });
    count.current = lesson.steps.length;
  }, [lesson.steps.length]);
  const setStep = (i: number, change: { title?: string; text?: string }) => update((l) => ({ ...l, steps: l.steps.map((s, k) => (k === i ? { ...s, ...change } : s)) }));
  if (lesson.steps.length === 0) return <p className="authoring__hint">No step yet: set up the run below as the class should first see it, then record it.</p>;
  return (
    <ol className="authoring__steps" aria-label="Steps of the lesson" ref={list}>
      {lesson.steps.map((step, i) => {
        const n = i + 1;
        return (
          <li key={i} className="authoring__step">
            <div className="authoring__step-head">
              <span className="authoring__step-number" aria-hidden="true">
                {n}
              </span>
              <input type="text" aria-label={`Step ${n} title`} value={step.title} maxLength={200} onChange={(e) => setStep(i, { title: e.target.value })} />
              <button type="button" className="btn btn--small btn--quiet" aria-label={`Move step ${n} up`} title="Move up" disabled={i === 0} onClick={() => update((l) => moveStep(l, i, -1))}>
                ↑
              </button>
              <button type="button" className="btn btn--small btn--quiet" aria-label={`Move step ${n} down`} title="Move down" disabled={i === lesson.steps.length - 1} onClick={() => update((l) => moveStep(l, i, 1))}>
                ↓
              </button>
              <button type="button" className="btn btn--small btn--quiet" aria-label={`Delete step ${n}`} title="Delete this step" onClick={() => update((l) => ({ ...l, steps: l.steps.filter((_, k) => k !== i) }))}>
                ✕
              </button>
            </div>
            <textarea aria-label={`Step ${n} text`} rows={3} value={step.text} maxLength={4000} onChange={(e) => setStep(i, { text: e.target.value })} />
            <p className="authoring__shows" data-testid={`step-${n}-shows`}>
              {describeStep(step)}
            </p>
            {step.question && (
              <p className="authoring__shows">
                Asks: {step.question.prompt}{' '}
                <button type="button" className="btn btn--small btn--quiet" aria-label={`Remove the question of step ${n}`} onClick={() => update((l) => ({ ...l, steps: l.steps.map((s, k) => (k === i ? { ...s, question: undefined } : s)) }))}>
                  Remove question
                </button>
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
