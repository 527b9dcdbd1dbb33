// A worker thread of `lab matrix --workers N`: the TypeScript worker from its bundle, as the CLI runs.
import { runBundled } from './cli-bundle.js';

await runBundled('matrixWorker', 'src/cli/matrix-worker.ts');
