/**
 * The worker thread of `lab analyze`: the analysis runs here under a heap
 * limit (ANALYZE_HEAP_MB) so V8 collects as it goes instead of growing the
 * heap it would be allowed; progress lines and the report go to the parent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LabError } from '../engine/index.ts';
import { analyzeFile } from './commands/analyze.ts';
import type { ProgressIo } from './commands/command.ts';

const { path, tty, progress } = workerData as { path: string; tty: boolean; progress: boolean };
const io: ProgressIo = {
  tty,
  now: () => performance.now(),
  update: (text) => parentPort!.postMessage({ progress: text }),
  done: () => parentPort!.postMessage({ progressDone: true }),
};
try {
  parentPort!.postMessage({ report: analyzeFile(path, progress ? io : undefined) });
} catch (e) {
  if (!(e instanceof LabError)) throw e;
  parentPort!.postMessage({ error: { code: e.code, message: e.message } });
}
