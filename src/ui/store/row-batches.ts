/**
 * Rows from sweep workers reach the store a few times a second, not one by
 * one: redrawing a grid or a map per row would take the main thread's share
 * of the CPU from the workers. `add` queues a row and starts the timer;
 * `flush` puts what is queued on screen now (at the end, or on a cancel).
 */
export interface RowBatches<R> {
  add(index: number, row: R): void;
  flush(): void;
}

export function rowBatches<R>(apply: (batch: { index: number; row: R }[]) => void, everyMs: number): RowBatches<R> {
  let pending: { index: number; row: R }[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const batch = pending;
    pending = [];
    if (batch.length > 0) apply(batch);
  };
  return {
    add(index, row) {
      pending.push({ index, row });
      timer ??= setTimeout(flush, everyMs);
    },
    flush,
  };
}
