import { useEscape } from '../../lib/use-escape.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { selectCancelOpen, selectLoading } from '../../store/selectors.ts';
import { formatBytes, formatCount } from '../../lib/format.ts';
import { simulationName, simulationProgress } from '../simulation/run-progress.ts';

/**
 * Reading and analyzing, slice by slice: a determinate bar once sizes are known, bytes and packets so far,
 * and a way out. A simulation's numbers and Cancel are in the run status band below.
 */
export function LoadProgress() {
  const loading = useAppStore(selectLoading);
  const cancelOpen = useAppStore(selectCancelOpen);
  const cancellable = loading?.cancellable === true;

  // Escape stops the open from anywhere on the page.
  useEscape(cancellable, cancelOpen);

  if (!loading) return null;
  const p = loading.progress;
  const percent = p && p.total > 0 ? Math.round((100 * p.done) / p.total) : undefined;
  const run = simulationProgress(loading);
  const verb = !p ? 'Opening' : p.phase === 'reading' ? 'Reading' : 'Analyzing';
  const label = run ? `Simulating ${simulationName(loading)}` : `${verb} ${loading.fileName}`;
  const figures = !run && p ? `${percent ?? 0}% · ${formatBytes(p.done)} of ${formatBytes(p.total)}${p.packets !== undefined ? ` · ${formatCount(p.packets)} packets` : ''}` : null;
  return (
    <div className="progress">
      <span className="progress__label" title={label}>
        {label}
        {run || figures ? '' : '…'}
      </span>
      <div className="progress__row">
        <div className="progress__track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={figures ?? undefined}>
          <div className={`progress__fill${percent === undefined ? ' progress__fill--busy' : ''}`} style={{ width: `${percent ?? 30}%` }} />
        </div>
        {cancellable && (
          <button type="button" className="btn btn--quiet progress__cancel" onClick={cancelOpen} aria-keyshortcuts="Escape" title="Stop opening this file; what was on screen stays (Esc)">
            Cancel
          </button>
        )}
      </div>
      {figures && <span className="progress__figures">{figures}</span>}
    </div>
  );
}
