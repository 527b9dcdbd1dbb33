import { useState } from 'react';
import { useAppStore } from '../../store/store-context.tsx';
import { selectCancelMatrix, selectRunMatrix } from '../../store/selectors.ts';
import type { MatrixState } from '../../store/types.ts';
import { MatrixProgress } from './MatrixProgress.tsx';
import { WORKER_CHOICES, defaultWorkers } from './workers.ts';

/** Run, workers, cancel, progress and error of the sweep. */
export function MatrixToolbar({ matrix }: { matrix: MatrixState | null }) {
  const runMatrix = useAppStore(selectRunMatrix);
  const cancelMatrix = useAppStore(selectCancelMatrix);
  const [workers, setWorkers] = useState(() => defaultWorkers(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency));
  const running = matrix?.running ?? false;
  return (
    <div className="matrix__bar">
      <button type="button" className="btn btn--primary btn--small" disabled={running} onClick={() => runMatrix(workers)}>
        {matrix ? 'Run again' : 'Run the attack matrix'}
      </button>
      <label className="matrix__field">
        Workers
        <select value={workers} disabled={running} onChange={(e) => setWorkers(Number(e.target.value))}>
          {WORKER_CHOICES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      {running && (
        <button type="button" className="btn btn--small" onClick={cancelMatrix}>
          Cancel
        </button>
      )}
      {matrix ? <MatrixProgress matrix={matrix} /> : <span className="matrix__hint">Every attack against every attacker class, for v0 and v1, with each mitigation set.</span>}
      {matrix?.error && (
        <p role="alert" className="matrix__error">
          The sweep failed: {matrix.error}
        </p>
      )}
    </div>
  );
}
