import { useId, useState } from 'react';
import { FAILURES } from '../../../../engine/index.ts';
import { useAppStore, useAppStoreApi } from '../../../store/store-context.tsx';
import { selectBusy, selectDraft, selectRunFromCapture, selectSimulation } from '../../../store/selectors.ts';
import { failureQuestion, recordStep, type FailureId } from './record-step.ts';
import { authoringStore } from './authoring-store.ts';

/** The new step's words, and "Record step": the step shows what is on screen now. */
export function RecordStepForm({ count }: { count: number }) {
  const store = useAppStoreApi();
  const draft = useAppStore(selectDraft);
  const sim = useAppStore(selectSimulation);
  const busy = useAppStore(selectBusy);
  const fromCapture = useAppStore(selectRunFromCapture);
  const id = useId();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [ask, setAsk] = useState(false);
  const firstFailure = (sim?.outcome.failures[0]?.id ?? FAILURES[0]?.id) as FailureId | undefined;
  const [chosen, setChosen] = useState<FailureId | null>(null);
  const failure = chosen ?? firstFailure;
  const ready = draft !== null && sim !== null && !fromCapture && !busy;
  const question = ask && failure && sim ? failureQuestion(failure, sim.outcome) : undefined;

  const record = () => {
    const s = store.getState();
    if (!s.draft || !s.simulation) return;
    const step = recordStep(
      { draft: s.draft, draftBase: s.draftBase, nowUs: s.nowUs, selectedFrame: s.selectedFrame, mainView: s.mainView, timeline: s.run?.timeline ?? null },
      { title: title.trim() || `Step ${count + 1}`, text: text.trim() || 'Look at the run.' },
      ask && failure ? failureQuestion(failure, s.simulation.outcome) : undefined,
    );
    authoringStore().getState().update((l) => ({ ...l, steps: [...l.steps, step] }));
    setTitle('');
    setText('');
    setAsk(false);
    setChosen(null);
  };

  return (
    <fieldset className="authoring__record">
      <legend>Step {count + 1}: record what is on screen</legend>
      <label htmlFor={`${id}-title`}>New step title</label>
      <input id={`${id}-title`} type="text" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} placeholder={`Step ${count + 1}`} />
      <label htmlFor={`${id}-text`}>New step text (Markdown)</label>
      <textarea id={`${id}-text`} rows={3} value={text} maxLength={4000} onChange={(e) => setText(e.target.value)} placeholder="What the class should see here; **bold**, `code`, RFC 8684 §3.4.1 links itself." />
      <label className="authoring__check">
        <input type="checkbox" checked={ask} onChange={(e) => setAsk(e.target.checked)} disabled={!sim} /> Ask whether a failure occurs (the run decides the answer)
      </label>
      {ask && (
        <div className="authoring__question">
          <label htmlFor={`${id}-failure`}>Failure to ask about</label>
          <select id={`${id}-failure`} value={failure} onChange={(e) => setChosen(e.target.value as FailureId)}>
            {FAILURES.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
          {question && (
            <p className="authoring__hint" role="status" aria-label="Question answer">
              The engine’s answer on this run: “{question.choices[question.answer]?.text}”.
            </p>
          )}
        </div>
      )}
      <button type="button" className="btn btn--primary btn--small" onClick={record} disabled={!ready} title="Records the scenario on screen, the moment and the selected packet, and the view">
        Record step
      </button>
      {!ready && <p className="authoring__hint">{fromCapture ? 'An opened capture cannot be a step: run a scenario.' : busy ? 'Waiting for the run…' : 'Run a scenario (the toolbar’s picker, or the start page) to record it.'}</p>}
    </fieldset>
  );
}
