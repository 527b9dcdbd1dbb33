import type { LessonExercise } from '../../../engine/index.ts';
import type { OpenLesson } from '../../store/lesson-model.ts';
import { Markdown } from './Markdown.tsx';

/** An exercise: the task, a check the engine runs on the learner's scenario, and hints unlocked one at a time. */
export function ExerciseCard({ exercise, lesson, onCheck, onHint, busy }: { exercise: LessonExercise; lesson: OpenLesson; onCheck(): void; onHint(): void; busy: boolean }) {
  const i = lesson.progress.step;
  const check = lesson.check?.step === i ? lesson.check : null;
  const solved = lesson.progress.solved.includes(i);
  const hints = lesson.progress.hints[i] ?? 0;
  return (
    <section className="lesson-exercise" aria-label="Exercise">
      <h4 className="lesson-exercise__title">Exercise</h4>
      <Markdown className="lesson-exercise__task" source={exercise.task} />
      <div className="lesson-exercise__actions">
        <button type="button" className="btn btn--primary btn--small" onClick={onCheck} disabled={busy || check?.running === true}>
          {check?.running ? 'Checking in the engine…' : 'Check my scenario'}
        </button>
        <button type="button" className="btn btn--small" onClick={onHint} disabled={hints >= exercise.hints.length}>
          {hints >= exercise.hints.length ? 'No more hints' : 'Show a hint'}
        </button>
      </div>
      {check?.error && (
        <p className="lesson-exercise__error" role="alert">
          The check could not run: {check.error}
        </p>
      )}
      {check?.result && (
        <div className={`lesson-exercise__result ${check.result.met ? 'lesson-exercise__result--met' : 'lesson-exercise__result--unmet'}`} role="status">
          <p className="lesson-exercise__verdict">{check.result.met ? 'Solved: the engine says the goal holds.' : 'Not yet: the engine says the goal does not hold.'}</p>
          <ul className="lesson-exercise__lines">
            {check.result.lines.map((l, k) => (
              <li key={k} className={l.ok ? 'lesson-check--ok' : 'lesson-check--no'}>
                <span aria-hidden="true">{l.ok ? '✓' : '✗'}</span> {l.label}: {l.finding}
              </li>
            ))}
          </ul>
        </div>
      )}
      {!check?.result && solved && <p className="lesson-exercise__verdict lesson-exercise__result--met">Solved earlier.</p>}
      {hints > 0 && (
        <ol className="lesson-exercise__hints" aria-label="Hints">
          {exercise.hints.slice(0, hints).map((h, k) => (
            <li key={k}>
              <Markdown source={h} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
