import { useEffect, useRef, useState } from 'react';
import { downloadBlob } from '../../../lib/download.ts';
import { useAppStore, useAppStoreApi } from '../../../store/store-context.tsx';
import { selectLesson } from '../../../store/selectors.ts';
import { handoutFileName, handoutHtml } from './handout-html.ts';
import { prepareHandout } from './prepare-handout.ts';
import './handout.css';

type Status = { kind: 'preparing'; step: number; total: number } | { kind: 'saved'; fileName: string } | { kind: 'error'; message: string } | { kind: 'cancelled' };

/** "Handout": the open lesson as a printable HTML file, each step pictured from its run in the engine. */
export function HandoutButton() {
  const open = useAppStore(selectLesson);
  const store = useAppStoreApi();
  const [status, setStatus] = useState<Status | null>(null);
  const cancel = useRef(false);
  const busy = status?.kind === 'preparing';

  useEffect(() => {
    if (!status || status.kind === 'preparing') return;
    const t = setTimeout(() => setStatus(null), status.kind === 'saved' ? 12_000 : 6000);
    return () => clearTimeout(t);
  }, [status]);

  if (!open) return null;

  const make = async () => {
    cancel.current = false;
    try {
      const date = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
      const input = await prepareHandout(store, { onStep: (step, total) => setStatus({ kind: 'preparing', step, total }), cancelled: () => cancel.current }, date);
      if (!input) {
        setStatus({ kind: 'cancelled' });
        return;
      }
      const fileName = handoutFileName(input.lesson);
      downloadBlob(new Blob([handoutHtml(input)], { type: 'text/html' }), fileName);
      setStatus({ kind: 'saved', fileName });
    } catch (e) {
      setStatus({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <div className="handout">
      <button type="button" className="btn btn--small" disabled={busy || open.entering} aria-busy={busy} onClick={() => void make()} title="A printable handout of this lesson: each step with a picture of its run, its question or exercise, and the answers on a page of their own">
        Handout
      </button>
      {status && (
        <div className="handout__status" role="status" aria-label="Handout">
          {status.kind === 'preparing' && (
            <>
              <span>
                Preparing step {status.step + 1} of {status.total}…
              </span>
              <button type="button" className="btn btn--small" onClick={() => (cancel.current = true)}>
                Cancel
              </button>
            </>
          )}
          {status.kind === 'saved' && (
            <span>
              Saved <strong>{status.fileName}</strong>: open it in your browser and print it (Ctrl+P) on paper or as a PDF.
            </span>
          )}
          {status.kind === 'cancelled' && <span>Handout cancelled.</span>}
          {status.kind === 'error' && <span>The handout could not be made: {status.message}</span>}
          {status.kind !== 'preparing' && (
            <button type="button" className="btn btn--small btn--quiet" aria-label="Dismiss" onClick={() => setStatus(null)}>
              ×
            </button>
          )}
        </div>
      )}
    </div>
  );
}
