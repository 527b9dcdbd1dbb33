import { useEffect } from 'react';
import { stepScenarios } from '../../../engine/index.ts';
import { useAppStore, useAppStoreApi } from '../../store/store-context.tsx';
import { selectBusy, selectLesson, selectSimulation } from '../../store/selectors.ts';
import { percentDone, stepDone } from '../../store/lesson-model.ts';
import { Markdown } from './Markdown.tsx';
import { QuestionCard } from './QuestionCard.tsx';
import { ExerciseCard } from './ExerciseCard.tsx';
import { waitSatisfied, waitText } from './wait-for.ts';
import { HandoutButton } from './handout/HandoutButton.tsx';
import { LessonAuthoring } from './authoring/LessonAuthoring.tsx';
import { LessonAuthoringActions } from './authoring/LessonAuthoringActions.tsx';
import './lessons.css';

/** The lesson being followed: the step on screen, its question or exercise, and the way on. */
export function LessonPanel() {
  const open = useAppStore(selectLesson);
  const summary = useAppStore(selectSimulation);
  const busy = useAppStore(selectBusy);
  const store = useAppStoreApi();
  const i = open?.progress.step ?? 0;
  const step = open?.lesson.steps[i];
  const wait = step?.waitFor;
  const lesson = open?.lesson;
  const waited = open?.progress.waited.includes(i) === true;

  // A step that waits for the learner watches what is on screen until it is done (set up once per step, not
  // on every change of progress: the step's scene is worked out from the whole lesson).
  useEffect(() => {
    if (!lesson || !wait || waited) return;
    const scene = stepScenarios(lesson)[i] ?? null;
    const test = () => {
      const s = store.getState();
      if (s.lesson?.progress.waited.includes(i) !== false) return;
      if (waitSatisfied(wait, { draft: s.draft, scene, selectedFrame: s.selectedFrame, timeline: s.run?.timeline ?? null })) s.markWaited(i);
    };
    test();
    return store.subscribe(test);
  }, [lesson, wait, waited, i, store]);

  if (!open || !lesson || !step) return <LessonAuthoring />;
  const { progress } = open;
  const s = store.getState();
  const percent = percentDone(lesson, progress);
  const last = i === lesson.steps.length - 1;
  return (
    <section className="lesson" aria-labelledby="lesson-title">
      <header className="lesson__header">
        <div className="lesson__heading">
          <h2 id="lesson-title" className="lesson__title">
            {lesson.title}
          </h2>
          <HandoutButton />
          <button type="button" className="btn btn--small lesson__close" onClick={() => s.closeLesson()} title="Close the lesson (your progress is kept)">
            Close
          </button>
        </div>
        <div className="lesson__progress">
          <span>
            Step {i + 1} of {lesson.steps.length}
          </span>
          <div className="lesson__bar" role="progressbar" aria-label="Lesson progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
            <div className="lesson__bar-fill" style={{ width: `${percent}%` }} />
          </div>
          <span>{percent} % done</span>
        </div>
        <ol className="lesson__dots" aria-label="Steps">
          {lesson.steps.map((st, k) => (
            <li key={k}>
              <button
                type="button"
                className={`lesson__dot${k === i ? ' lesson__dot--current' : ''}${stepDone(lesson, progress, k) ? ' lesson__dot--done' : ''}`}
                aria-current={k === i ? 'step' : undefined}
                aria-label={`Step ${k + 1}: ${st.title}${stepDone(lesson, progress, k) ? ' (done)' : ''}`}
                title={st.title}
                onClick={() => void s.goToStep(k)}
              />
            </li>
          ))}
        </ol>
      </header>
      <div className="lesson__body">
        <h3 className="lesson__step-title">{step.title}</h3>
        {open.entering && <p className="lesson__loading">Running this step’s scenario in the engine…</p>}
        <Markdown className="lesson__text" source={step.text} />
        {wait && (
          <p className={`lesson__wait${progress.waited.includes(i) ? ' lesson__wait--done' : ''}`} role="status">
            <span aria-hidden="true">{progress.waited.includes(i) ? '✓' : '→'}</span> {progress.waited.includes(i) ? 'Done: ' : 'Do this: '}
            {waitText(wait)}
          </p>
        )}
        {step.question && <QuestionCard key={`${lesson.id}-${i}`} question={step.question} answer={progress.answers[i]} onAnswer={(a) => s.answerStep(a)} summary={open.entering ? null : summary} />}
        {step.exercise && <ExerciseCard exercise={step.exercise} lesson={open} onCheck={() => void s.checkExercise()} onHint={() => s.revealHint()} busy={busy || open.entering} />}
        {step.lock && Object.values(step.lock).some(Boolean) && (
          <p className="lesson__lock">
            Locked on this step: {Object.entries(step.lock).filter(([, v]) => v).map(([k]) => k).join(', ')}.
          </p>
        )}
      </div>
      <footer className="lesson__nav">
        <button type="button" className="btn btn--small" onClick={() => void s.goToStep(i - 1)} disabled={i === 0} title="Previous step (←)">
          ← Previous
        </button>
        <LessonAuthoringActions />
        <button type="button" className="btn btn--primary btn--small" onClick={() => (last ? s.closeLesson() : void s.goToStep(i + 1))} title={last ? 'Finish the lesson' : 'Next step (→)'}>
          {last ? 'Finish' : 'Next →'}
        </button>
      </footer>
    </section>
  );
}
