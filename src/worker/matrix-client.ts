/**
 * Runs the attack matrix in N Web Workers (or in-thread where workers do
 * not exist, as in tests), reporting each row as it finishes.
 */
import type { MatrixPlanOptions, MatrixRow } from '../engine/index.ts';
import type { MatrixJob, MatrixMessage } from './matrix-protocol.ts';

export interface MatrixRunHandlers {
  /** How many rows the whole matrix has (known once the first worker has planned). */
  onPlanned(total: number): void;
  onRow(index: number, row: MatrixRow): void;
  /** A worker finished its share, busy for `busyMs`. */
  onWorkerDone?(share: number, busyMs: number): void;
}

export interface MatrixRun {
  /** Resolves when every worker is done; rejects with the first worker's error. */
  done: Promise<void>;
  cancel(): void;
}

export function runMatrixInWorkers(options: MatrixPlanOptions, workers: number, h: MatrixRunHandlers): MatrixRun {
  if (typeof Worker === 'undefined') return runInThread(options, h);
  const pool: Worker[] = [];
  let planned = false;
  const done = Promise.all(
    Array.from({ length: workers }, (_, share) => {
      const worker = new Worker(new URL('./matrix.worker.ts', import.meta.url), { type: 'module', name: `attack-matrix-${share + 1}` });
      pool.push(worker);
      return new Promise<void>((resolve, reject) => {
        worker.onmessage = (e: MessageEvent<MatrixMessage>) => {
          const m = e.data;
          if (m.type === 'planned' && !planned) {
            planned = true;
            h.onPlanned(m.total);
          } else if (m.type === 'row') h.onRow(m.index, m.row);
          else if (m.type === 'done') {
            h.onWorkerDone?.(share, m.busyMs);
            resolve();
          }
          else if (m.type === 'error') reject(Object.assign(new Error(m.message), { code: m.code }));
        };
        worker.onerror = (e) => {
          e.preventDefault();
          reject(new Error(`a matrix worker failed: ${e.message || 'unknown error'}`));
        };
        worker.postMessage({ options, share, of: workers } satisfies MatrixJob);
      });
    }),
  ).then(() => undefined);
  const stop = () => pool.forEach((w) => w.terminate());
  void done.then(stop, stop);
  return { done, cancel: stop };
}

function runInThread(options: MatrixPlanOptions, h: MatrixRunHandlers): MatrixRun {
  let cancelled = false;
  const done = import('./matrix-share.ts').then(({ runMatrixShare }) =>
    runMatrixShare(
      { options, share: 0, of: 1 },
      (m) => {
        if (cancelled) throw new Error('cancelled');
        if (m.type === 'planned') h.onPlanned(m.total);
        else if (m.type === 'row') h.onRow(m.index, m.row);
      },
      () => new Promise((resolve) => setTimeout(resolve, 0)),
    ),
  );
  return {
    done,
    cancel: () => {
      cancelled = true;
    },
  };
}
