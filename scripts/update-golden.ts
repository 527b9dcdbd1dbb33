// Rewrites src/engine/runner/golden/builtins.json from the current engine.
// Run after a deliberate change in behaviour, and review the diff: every
// changed digest is a changed run.
import { writeFileSync } from 'node:fs';
import { BUILTIN_SCENARIOS } from '../src/engine/index.ts';
import { goldenSummary } from '../src/engine/runner/golden-summary.ts';
import { runScenario } from '../src/engine/runner/run-scenario.ts';

const out: Record<string, unknown> = {};
for (const s of BUILTIN_SCENARIOS) out[s.id] = goldenSummary(runScenario(s, { trace: 'digest' }));
writeFileSync(new URL('../src/engine/runner/golden/builtins.json', import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
console.log(`wrote ${Object.keys(out).length} golden runs`);
