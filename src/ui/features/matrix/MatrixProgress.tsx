import type { MatrixState } from '../../store/types.ts';
import { busyText, progressText } from './progress-text.ts';
import { useNow } from './use-now.ts';

/** The sweep's progress: a bar of rows done, and the time it has taken. */
export function MatrixProgress({ matrix }: { matrix: MatrixState }) {
  const now = useNow(matrix.running);
  const text = progressText(matrix, now ?? matrix.startedAt);
  const known = matrix.total > 0;
  const share = known ? Math.min(1, matrix.done / matrix.total) : 0;
  return (
    <div className="mprogress">
      <div
        className={matrix.running ? 'mprogress__bar mprogress__bar--running' : 'mprogress__bar'}
        role="progressbar"
        aria-label="Attack matrix progress"
        aria-valuemin={0}
        aria-valuemax={known ? matrix.total : undefined}
        aria-valuenow={known ? matrix.done : undefined}
        aria-valuetext={text}
      >
        <div className="mprogress__fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      <span className="mprogress__text" data-testid="matrix-progress-text">
        {text}
      </span>
      {busyText(matrix) && (
        <span className="mprogress__text muted" data-testid="matrix-busy-text">
          ({busyText(matrix)})
        </span>
      )}
    </div>
  );
}
