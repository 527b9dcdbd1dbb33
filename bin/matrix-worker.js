// Worker threads of `lab matrix --workers N` load the TypeScript worker through tsx, as the CLI does.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/matrix-worker.ts');
