import { useEscape } from '../../lib/use-escape.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { selectCancelRun, selectDismissRunNotice, selectHeavyRun, selectLoading, selectRunDraft, selectRunNotice } from '../../store/selectors.ts';
import { PlayIcon } from '../../components/icons.tsx';
import { plural } from '../../lib/format.ts';
import { formatEstimate } from '../../store/heavy-run.ts';
import { simulationName, simulationNumbers, simulationProgress } from './run-progress.ts';

/**
 * A simulation in progress (simulated time, packets, Cancel; Escape
 * cancels too); a heavy scenario that arrived by itself (a share link, saved
 * work), waiting with its estimate until the user runs it; and where a
 * cancelled run stopped.
 */
export function RunStatus() {
  const heavy = useAppStore(selectHeavyRun);
  const notice = useAppStore(selectRunNotice);
  const dismiss = useAppStore(selectDismissRunNotice);
  const runDraft = useAppStore(selectRunDraft);
  const loading = useAppStore(selectLoading);
  const cancelRun = useAppStore(selectCancelRun);
  const running = simulationProgress(loading);
  useEscape(running, cancelRun);
  // A quick run ends before its first report (a few thousand events): no band flickers in and out for it.
  const numbers = running && loading ? simulationNumbers(loading) : null;
  if (!heavy && !notice && numbers === null) return null;
  return (
    <section className="runstatus" aria-label="Run status">
      {numbers !== null && loading && (
        <div className="runstatus__row" role="group" aria-label="Run in progress">
          <p className="runstatus__text">
            Simulating <strong>{simulationName(loading)}</strong>:{' '}
            <span className="runstatus__numbers" role="status" aria-live="polite">
              {numbers}
            </span>
          </p>
          <button type="button" className="btn btn--small" onClick={cancelRun} title="Stop this run (Escape); the previous view stays">
            Cancel
          </button>
        </div>
      )}
      {heavy && !running && (
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
