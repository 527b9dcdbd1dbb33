import { useEffect } from 'react';
import { useAppStore } from '../../store/store-context.tsx';
import { selectCancelRun, selectLoading } from '../../store/selectors.ts';
import { formatBytes, plural } from '../../lib/format.ts';

/** Reading, then analyzing: a determinate bar once sizes are known. A simulation shows its simulated time and packets, and can be cancelled (Escape too). */
export function LoadProgress() {
  const loading = useAppStore(selectLoading);
  const cancelRun = useAppStore(selectCancelRun);
  const p = loading?.progress ?? null;
  const simulating = loading !== null && (p ? p.phase === 'simulating' || p.phase === 'judging' : loading.fileName.startsWith('simulating '));
  useEffect(() => {
    if (!simulating) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) cancelRun();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [simulating, cancelRun]);
  if (!loading) return null;
  const percent = p && p.total > 0 ? Math.round((100 * p.done) / p.total) : undefined;
  if (simulating) {
    const name = loading.fileName.replace(/^simulating /, '').replace(/\.pcapng$/, '');
    const label = `Simulating ${name}`;
    const where = p?.simUs !== undefined ? ` · ${p.phase === 'judging' ? 'single-path baseline at ' : ''}${(p.simUs / 1e6).toFixed(3)} s simulated, ${plural(p.done, 'packet')}` : '…';
    return (
      <div className="progress progress--run">
        <span className="progress__label" role="status" aria-live="polite">
          {label}
          {where}
        </span>
        <div className="progress__row">
          <div className="progress__track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
            <div className={`progress__fill${percent === undefined ? ' progress__fill--busy' : ''}`} style={{ width: `${percent ?? 30}%` }} />
          </div>
          <button type="button" className="btn btn--small" onClick={cancelRun} title="Stop this run (Escape); the previous view stays">
            Cancel
          </button>
        </div>
      </div>
    );
  }
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
