/**
 * Rows of a sweep (`lab matrix`, `lab surface`) run in worker threads: each
 * worker gets its share as workerData, runs it with a baseline cache of its
 * own and posts `{ index, row }` as each row finishes, then `{ done: true }`.
 */
import { Worker } from 'node:worker_threads';
import type { CliIo } from './commands/command.ts';

export async function runInWorkers<R>(file: string, shares: readonly unknown[], data: Record<string, unknown>, onRow: (index: number, row: R) => void): Promise<void> {
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(file, { workerData: { ...data, cells: share } });
          worker.on('message', (m: { index: number; row: R } | { done: true }) => {
            if (!('done' in m)) onRow(m.index, m.row);
          });
          worker.on('error', reject);
          worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a worker thread exited with status ${code}`))));
        }),
    ),
  );
}

/**
 * Progress of a sweep on stderr: a line every `every` rows with the rate,
 * and at the end the count, time and rate. The only clock is the CLI's.
 */
export function rowProgress(io: CliIo, command: string, total: number, every: number): { tick(): void; finish(): void } {
  const t0 = performance.now();
  let done = 0;
  const rate = () => done / Math.max((performance.now() - t0) / 1000, 1e-3);
  return {
    tick() {
      if (++done % every === 0 && done < total) io.err(`  ${done}/${total} rows (${rate().toFixed(0)} rows/s)`);
    },
    finish() {
      const seconds = (performance.now() - t0) / 1000;
      io.err(`lab ${command}: ${done} rows in ${seconds.toFixed(2)} s (${(done / Math.max(seconds, 1e-3)).toFixed(0)} rows/s)`);
    },
  };
}
