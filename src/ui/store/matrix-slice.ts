import type { MatrixSlice } from './types.ts';
import { failureOf, type SliceCreator } from './internals.ts';
import { runMatrixInWorkers, type MatrixRun } from '../../worker/matrix-client.ts';

export const createMatrixSlice: SliceCreator<MatrixSlice> = ({ client }) => (set, get) => {
  let current: MatrixRun | null = null;
  return {
    matrix: null,
    runMatrix: (workers, protocols) => {
      current?.cancel();
      const startedAt = performance.now();
      set({ matrix: { rows: [], total: 0, done: 0, workers, running: true, startedAt, elapsedMs: null, error: null } });
      const run = runMatrixInWorkers(protocols ? { protocols } : {}, workers, {
        onPlanned: (total) => set((s) => (s.matrix && current === run ? { matrix: { ...s.matrix, total } } : {})),
        onRow: (index, row) =>
          set((s) => {
            if (!s.matrix || current !== run) return {};
            const rows = s.matrix.rows.slice();
            rows[index] = row;
            return { matrix: { ...s.matrix, rows, done: s.matrix.done + 1 } };
          }),
      });
      current = run;
      run.done.then(
        () => {
          if (current === run) set((s) => (s.matrix ? { matrix: { ...s.matrix, running: false, elapsedMs: performance.now() - startedAt } } : {}));
        },
        (e: unknown) => {
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
        get().setMainView('timeline');
      } catch (e) {
        set({ error: failureOf(e, `matrix row ${row.attack}`) });
      }
    },
  };
};
