import { countProblems } from '../../../engine/index.ts';
import { useModalDialog } from '../../lib/use-modal-dialog.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { selectDismissScenarioProblems, selectDraft, selectScenarioProblems } from '../../store/selectors.ts';
import './scenarios.css';

/** Why a scenario file could not be opened: every problem with its JSON path; the work on screen is untouched. */
export function ScenarioProblemsDialog() {
  const problems = useAppStore(selectScenarioProblems);
  const dismiss = useAppStore(selectDismissScenarioProblems);
  const draft = useAppStore(selectDraft);
  const ref = useModalDialog(problems !== null);
  return (
    <dialog ref={ref} className="problems" aria-labelledby="problems-heading" onClose={dismiss} onCancel={dismiss}>
      {problems && (
        <>
          <h2 id="problems-heading">
            {problems.fileName} is not a {problems.kind === 'lesson' ? 'lesson this lab can open' : 'scenario this lab can run'} ({countProblems(problems.problems)})
          </h2>
          <p className="muted">{draft ? `Nothing changed: “${draft.title}” is still on screen, with its edits and undo history.` : 'Nothing was opened.'}</p>
          <ul aria-label="Problems">
            {problems.problems.map((p, i) => (
              <li key={i}>{p.code === 'SCENARIO_TOO_MANY' ? p.message : <><code>{p.path}</code> {p.message}</>}</li>
            ))}
          </ul>
          <button type="button" className="btn" onClick={dismiss}>
            Close
          </button>
        </>
      )}
    </dialog>
  );
}
