import { useAppStore } from '../../store/store-context.tsx';
import { selectLoading } from '../../store/selectors.ts';
import { formatBytes } from '../../lib/format.ts';

/** Reading, then analyzing: a determinate bar once sizes are known. */
export function LoadProgress() {
  const loading = useAppStore(selectLoading);
  if (!loading) return null;
  const p = loading.progress;
  const percent = p && p.total > 0 ? Math.round((100 * p.done) / p.total) : undefined;
  const verb = !p ? 'Opening' : p.phase === 'reading' ? 'Reading' : 'Analyzing';
  const label = `${verb} ${loading.fileName}`;
  return (
    <div className="progress">
      <span className="progress__label">
        {label}
        {p ? ` · ${percent}% of ${formatBytes(p.total)}` : '…'}
      </span>
      <div className="progress__track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className={`progress__fill${percent === undefined ? ' progress__fill--busy' : ''}`} style={{ width: `${percent ?? 30}%` }} />
      </div>
    </div>
  );
}
