import { useState } from 'react';
import { useAppStore } from '../../store/store-context.tsx';
import { selectCancelSurface, selectMapSurface } from '../../store/selectors.ts';
import type { SurfaceState } from '../../store/types.ts';
import { useNow } from '../matrix/use-now.ts';
import { WORKER_CHOICES, defaultWorkers } from '../matrix/workers.ts';
import { surfaceProgressText } from './progress-text.ts';

interface Props {
  surface: SurfaceState | null;
  /** Rows the draft's sweep has (planned here, before it runs). */
  planned: number;
  stale: boolean;
}

/** Run (with the rows it will take), workers, cancel, and the sweep's progress with the time left. */
export function SurfaceToolbar({ surface, planned, stale }: Props) {
  const mapSurface = useAppStore(selectMapSurface);
  const cancel = useAppStore(selectCancelSurface);
  const [workers, setWorkers] = useState(() => defaultWorkers(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency));
  const running = surface?.running ?? false;
  const now = useNow(running);
  const text = surface ? surfaceProgressText(surface, now ?? surface.startedAt) : null;
  return (
    <div className="surface__bar">
      <button type="button" className="btn btn--primary btn--small" disabled={running} onClick={() => mapSurface(workers)}>
        Map the attack surface ({planned} {planned === 1 ? 'row' : 'rows'})
      </button>
      <label className="surface__field">
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
        <button type="button" className="btn btn--small" onClick={cancel}>
          Cancel
        </button>
      )}
      {surface && text !== null ? (
        <span className="surface__progress">
          <progress className="surface__meter" aria-label="Attack surface progress" aria-valuetext={text} max={surface.total || undefined} value={surface.total ? surface.done : undefined} />
          <span className="surface__progress-text" data-testid="surface-progress-text">
            {text}
          </span>
        </span>
      ) : (
        <span className="surface__hint">Every place an attacker can stand, every class and window the model allows there, every attack, under this scenario’s protocol and mitigations.</span>
      )}
      {stale && !running && (
        <p className="surface__stale" role="status">
          The scenario changed since this map was swept: map it again to see the change.
        </p>
      )}
      {surface?.error && (
        <p role="alert" className="surface__error">
          The sweep failed: {surface.error}
        </p>
      )}
    </div>
  );
}
