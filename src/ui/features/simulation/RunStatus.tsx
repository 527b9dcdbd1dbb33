import { useAppStore } from '../../store/store-context.tsx';
import { selectDismissRunNotice, selectHeavyRun, selectLoading, selectRunDraft, selectRunNotice } from '../../store/selectors.ts';
import { PlayIcon } from '../../components/icons.tsx';
import { plural } from '../../lib/format.ts';
import { formatEstimate } from '../../store/heavy-run.ts';

/**
 * A heavy scenario that arrived by itself (a share link, saved work) waits
 * here with its estimate until the user runs it; and a cancelled run says
 * where it stopped.
 */
export function RunStatus() {
  const heavy = useAppStore(selectHeavyRun);
  const notice = useAppStore(selectRunNotice);
  const dismiss = useAppStore(selectDismissRunNotice);
  const runDraft = useAppStore(selectRunDraft);
  const loading = useAppStore(selectLoading);
  if (!heavy && !notice) return null;
  return (
    <section className="runstatus" aria-label="Run status">
      {heavy && (
        <div className="runstatus__row" role="group" aria-label="Heavy run waiting">
          <p className="runstatus__text">
            <strong>{heavy.title}</strong> is a heavy run (about {plural(heavy.packets, 'packet')}, {formatEstimate(heavy)}), so it did not start by itself. Run it when you are ready: you can
            cancel it at any time.
          </p>
          <button type="button" className="btn btn--primary" onClick={() => void runDraft()} disabled={loading !== null}>
            <PlayIcon /> Run it ({formatEstimate(heavy)})
          </button>
        </div>
      )}
      {notice && (
        <div className="runstatus__row">
          <p className="runstatus__text" role="status">
            {notice}
          </p>
          <button type="button" className="btn btn--small btn--quiet" onClick={dismiss} aria-label="Dismiss the run status">
            ×
          </button>
        </div>
      )}
    </section>
  );
}
