// A worker thread of `lab surface --workers N`: the TypeScript worker from its bundle, as the CLI runs.
import { runBundled } from './cli-bundle.js';

await runBundled('surfaceWorker', 'src/cli/surface-worker.ts');
