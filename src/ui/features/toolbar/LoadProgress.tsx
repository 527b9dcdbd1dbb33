import { useAppStore } from '../../store/store-context.tsx';
import { selectLoading } from '../../store/selectors.ts';
import { formatBytes } from '../../lib/format.ts';
import { simulationName, simulationProgress } from '../simulation/run-progress.ts';

/** Reading, then analyzing: a determinate bar once sizes are known. A simulation's numbers and Cancel are in the run status band below. */
export function LoadProgress() {
  const loading = useAppStore(selectLoading);
  if (!loading) return null;
  const p = loading.progress;
  const percent = p && p.total > 0 ? Math.round((100 * p.done) / p.total) : undefined;
  const run = simulationProgress(loading);
  const verb = !p ? 'Opening' : p.phase === 'reading' ? 'Reading' : 'Analyzing';
  const label = run ? `Simulating ${simulationName(loading)}` : `${verb} ${loading.fileName}`;
  return (
    <div className="progress">
      <span className="progress__label">
        {label}
        {run ? '' : p ? ` · ${percent}% of ${formatBytes(p.total)}` : '…'}
      </span>
      <div className="progress__track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className={`progress__fill${percent === undefined ? ' progress__fill--busy' : ''}`} style={{ width: `${percent ?? 30}%` }} />
      </div>
    </div>
  );
}
