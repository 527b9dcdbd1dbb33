// The worker thread of `lab analyze`, from its bundle, as the CLI runs.
import { runBundled } from './cli-bundle.js';

await runBundled('analyzeWorker', 'src/cli/analyze-worker.ts');
