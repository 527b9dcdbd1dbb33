import { useRef } from 'react';
import { useAppStore } from '../../store/store-context.tsx';
import { selectCanRedo, selectCanUndo, selectDraft, selectOpenScenarioText, selectRedo, selectRedoLabel, selectUndo, selectUndoLabel } from '../../store/selectors.ts';
import { describeChanges } from '../../store/scenario-changes.ts';
import { saveScenario } from './save-files.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { useUndoKeys } from './use-undo-keys.ts';
import './scenarios.css';

export const SCENARIO_ACCEPT = '.json,application/json';

/** Undo and redo of edits, opening and saving the scenario as JSON, sharing and exporting the run. */
export function ScenarioActions() {
  const draft = useAppStore(selectDraft);
  const canUndo = useAppStore(selectCanUndo);
  const canRedo = useAppStore(selectCanRedo);
  const undo = useAppStore(selectUndo);
  const redo = useAppStore(selectRedo);
  const undoLabel = useAppStore(selectUndoLabel);
  const redoLabel = useAppStore(selectRedoLabel);
  const openText = useAppStore(selectOpenScenarioText);
  const input = useRef<HTMLInputElement>(null);
  useUndoKeys();
  if (!draft) return null;
  return (
    <div className="scenario-actions" role="toolbar" aria-label="Scenario">
      <button type="button" className="btn btn--small" onClick={undo} disabled={!canUndo} aria-keyshortcuts="Control+Z" title={undoLabel ? `Undo ${describeChanges(undoLabel)} (Ctrl+Z)` : 'Nothing to undo'}>
        Undo
      </button>
      <button type="button" className="btn btn--small" onClick={redo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z" title={redoLabel ? `Redo ${describeChanges(redoLabel)} (Ctrl+Shift+Z)` : 'Nothing to redo'}>
        Redo
      </button>
      <button type="button" className="btn btn--small" onClick={() => input.current?.click()} title="Open a scenario JSON file (a broken one lists its problems and leaves this work as it is)">
        Open scenario…
      </button>
      <input
        ref={input}
        type="file"
        accept={SCENARIO_ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Scenario file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void file.text().then((text) => openText(text, file.name));
        }}
      />
      <button type="button" className="btn btn--small" onClick={() => saveScenario(draft)} title="Save this scenario, with your edits, as JSON (lab run reads it)">
        Save scenario
      </button>
      <button type="button" className="btn btn--small" onClick={() => void navigator.clipboard?.writeText(window.location.href)} title="Copies a link that opens this run, at this moment, on the selected packet">
        Copy share link
      </button>
      <ExportMenu />
    </div>
  );
}
