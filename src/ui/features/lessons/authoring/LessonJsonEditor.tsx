import { useId, useRef, useState } from 'react';
import { lessonSizeProblem } from '../../../../engine/index.ts';
import { applyLessonJson, lessonJsonText, type AuthoredLesson } from './authoring-doc.ts';
import { authoringStore } from './authoring-store.ts';
import { ProblemList } from './ProblemList.tsx';
import { HiddenFileInput, JSON_FILE_ACCEPT } from '../../../components/HiddenFileInput.tsx';

/**
 * The lesson as JSON, checked by the engine's loader when applied: a bad
 * edit lists its problems with their paths and keeps both the text and the
 * lesson as they were.
 */
export function LessonJsonEditor({ lesson, onDone }: { lesson: AuthoredLesson; onDone(): void }) {
  const [text, setText] = useState(() => lessonJsonText(lesson));
  const [problems, setProblems] = useState<{ path: string; message: string }[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const apply = () => {
    const edit = applyLessonJson(text);
    if (!edit.ok) return setProblems(edit.problems);
    authoringStore().getState().replace(edit.lesson);
    onDone();
  };
  return (
    <div className="authoring__json">
      <label htmlFor={id}>Lesson JSON (the format of public/lesson.schema.json)</label>
      <textarea id={id} rows={16} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />
      {problems.length > 0 && <ProblemList title="Not applied: the lesson has these problems" problems={problems} reveal />}
      <div className="authoring__row">
        <button type="button" className="btn btn--primary btn--small" onClick={apply}>
          Apply JSON
        </button>
        <button type="button" className="btn btn--small" onClick={onDone} title="Back to the steps; the lesson stays as it was">
          Cancel
        </button>
        <button type="button" className="btn btn--small" onClick={() => input.current?.click()} title="Put a lesson file's JSON in the box (Apply makes it the lesson you write)">
          Load a lesson file…
        </button>
        <HiddenFileInput
          ref={input}
          accept={JSON_FILE_ACCEPT}
          label="Lesson file to edit"
          onFile={(file) => {
            const tooBig = lessonSizeProblem(file.size);
            if (tooBig) return setProblems([{ path: '$', message: tooBig }]);
            void file.text().then((t) => {
              setText(t);
              setProblems([]);
            });
          }}
        />
      </div>
    </div>
  );
}
