import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../store/store-context.tsx';
import { selectCanRedo, selectCanUndo, selectDraft, selectOpenScenarioFile, selectRedo, selectRedoLabel, selectUndo, selectUndoLabel } from '../../store/selectors.ts';
import { describeChanges } from '../../store/scenario-changes.ts';
import { MAX_SHARE_LINK_BYTES } from '../../lib/share-link.ts';
import { useShareLinkStatus } from '../../lib/share-link-status.ts';
import { saveScenario } from './save-files.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { HiddenFileInput, JSON_FILE_ACCEPT } from '../../components/HiddenFileInput.tsx';
import { useUndoKeys } from './use-undo-keys.ts';
import './scenarios.css';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Undo and redo of edits, opening and saving the scenario as JSON, sharing and exporting the run. */
export function ScenarioActions() {
  const draft = useAppStore(selectDraft);
  const canUndo = useAppStore(selectCanUndo);
  const canRedo = useAppStore(selectCanRedo);
  const undo = useAppStore(selectUndo);
  const redo = useAppStore(selectRedo);
  const undoLabel = useAppStore(selectUndoLabel);
  const redoLabel = useAppStore(selectRedoLabel);
  const openFile = useAppStore(selectOpenScenarioFile);
  const input = useRef<HTMLInputElement>(null);
  // What the last copy of the share link came to, shown for a moment (a copy gives no other sign).
  const [copied, setCopied] = useState<'copied' | 'failed' | 'saved-file' | null>(null);
  // A scenario too big for a link any server accepts is shared as its file (use-share-link.ts never writes such a link).
  const link = useShareLinkStatus();
  const tooLong = link.kind === 'too-long' ? `${kb(link.bytes)}, over ${kb(MAX_SHARE_LINK_BYTES)}` : null;
  useEffect(() => {
    if (copied === null) return;
    const t = setTimeout(() => setCopied(null), copied === 'saved-file' ? 6000 : 2500);
    return () => clearTimeout(t);
  }, [copied]);
  useUndoKeys();
  if (!draft) return null;
  return (
    <div className="scenario-actions" role="toolbar" aria-label="Scenario">
      <button type="button" className="btn btn--small scenario-actions__edit" onClick={undo} disabled={!canUndo} aria-keyshortcuts="Control+Z" title={undoLabel ? `Undo ${describeChanges(undoLabel)} (Ctrl+Z)` : 'Nothing to undo'}>
        Undo
      </button>
      <button type="button" className="btn btn--small scenario-actions__edit" onClick={redo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z" title={redoLabel ? `Redo ${describeChanges(redoLabel)} (Ctrl+Shift+Z)` : 'Nothing to redo'}>
        Redo
      </button>
      <button type="button" className="btn btn--small scenario-actions__edit" onClick={() => input.current?.click()} title="Open a scenario JSON file (a broken one lists its problems and leaves this work as it is)">
        Open scenario…
      </button>
      <HiddenFileInput ref={input} accept={JSON_FILE_ACCEPT} label="Scenario file" onFile={(file) => void openFile(file)} />
      <button type="button" className="btn btn--small scenario-actions__edit" onClick={() => saveScenario(draft)} title="Save this scenario, with your edits, as JSON (lab run reads it)">
        Save scenario
      </button>
      {tooLong ? (
        <button
          type="button"
          className="btn btn--small"
          onClick={() => {
            saveScenario(draft);
            setCopied('saved-file');
          }}
          title={`This scenario is too big for a share link (${tooLong}: servers refuse longer links): download it as a file to send; Open scenario… opens it`}
        >
          Download scenario file
        </button>
      ) : (
        <button
          type="button"
          className="btn btn--small"
          onClick={() => {
            const clip = navigator.clipboard;
            if (!clip) return setCopied('failed');
            clip.writeText(window.location.href).then(() => setCopied('copied'), () => setCopied('failed'));
          }}
          title="Copies a link that opens this run, at this moment, on the selected packet"
        >
          Copy share link
        </button>
      )}
      <span role="status" aria-label="Share link" className="scenario-actions__status">
        {copied === 'copied' ? 'Link copied' : copied === 'failed' ? 'Could not copy: the address bar has the link' : copied === 'saved-file' && tooLong ? `Too big for a link (${tooLong}): send the file instead` : tooLong ? 'Too big for a link' : ''}
      </span>
      <ExportMenu />
    </div>
  );
}
