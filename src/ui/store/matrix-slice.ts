import { DEFAULT_VIEW } from './main-views.ts';
import type { MatrixSlice } from './types.ts';
import { failureOf, type SliceCreator } from './internals.ts';
import { rowBatches } from './row-batches.ts';
import { runMatrixInWorkers, type MatrixRun } from '../../worker/matrix-client.ts';
import type { MatrixRow } from '../../engine/index.ts';

/** How often arriving rows are put on screen. */
const FLUSH_MS = 250;

export const createMatrixSlice: SliceCreator<MatrixSlice> = ({ client }) => (set, get) => {
  let current: MatrixRun | null = null;
  return {
    matrix: null,
    runMatrix: (workers, protocols) => {
      current?.cancel();
      const startedAt = performance.now();
      set({ matrix: { rows: [], total: 0, done: 0, workers, running: true, startedAt, elapsedMs: null, error: null, busyMs: [] } });
      const batches = rowBatches<MatrixRow>((batch) =>
        set((s) => {
          if (!s.matrix || current !== run) return {};
          const rows = s.matrix.rows.slice();
          for (const { index, row } of batch) rows[index] = row;
          return { matrix: { ...s.matrix, rows, done: s.matrix.done + batch.length } };
        }),
        FLUSH_MS,
      );
      const run = runMatrixInWorkers(protocols ? { protocols } : {}, workers, {
        onPlanned: (total) => set((s) => (s.matrix && current === run ? { matrix: { ...s.matrix, total } } : {})),
        onRow: batches.add,
        onWorkerDone: (share, busyMs) => set((s) => (s.matrix && current === run ? { matrix: { ...s.matrix, busyMs: [...s.matrix.busyMs, busyMs] } } : {})),
      });
      current = run;
      run.done.then(
        () => {
          batches.flush();
          if (current === run) set((s) => (s.matrix ? { matrix: { ...s.matrix, running: false, elapsedMs: performance.now() - startedAt } } : {}));
        },
        (e: unknown) => {
          batches.flush();
          if (current === run) set((s) => (s.matrix ? { matrix: { ...s.matrix, running: false, error: e instanceof Error ? e.message : String(e) } } : {}));
        },
      );
    },
    cancelMatrix: () => {
      current?.cancel();
      current = null;
      set((s) => (s.matrix ? { matrix: { ...s.matrix, running: false } } : {}));
    },
    openMatrixRow: async (row) => {
      try {
        const scenario = await client.matrixScenario(row);
        get().replaceDraft(scenario, null);
        get().setMainView(DEFAULT_VIEW);
      } catch (e) {
        set({ error: failureOf(e, `matrix row ${row.attack}`) });
      }
    },
  };
};
