/**
 * The long fuzz run: `npm run fuzz -- --minutes N [--seed S]`. Runs the
 * targets of `npm test`'s bounded fuzz tests (mutated Linux captures, built-in
 * scenarios and share links) in turn, splitting the time between them, and
 * prints how many cases each ran, their outcomes, the slowest case and the
 * peak RSS. A failing case is printed with the seed and path that replay it.
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { captureCase, checkCapture, checkScenario, scenarioCase } from '../src/engine/testing/fuzz-targets.ts';
import { checkLink, linkCase, seedLinks } from '../src/ui/testing/share-link-fuzz.ts';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '1' }, seed: { type: 'string' } } });
const minutes = Number(values.minutes);
if (!(minutes > 0)) {
  console.error(`fuzz: --minutes must be a positive number, got "${values.minutes}"`);
  process.exit(2);
}
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
/** A case slower than this is a failure: the blow-ups this guards against took minutes. */
const CASE_MS = 5_000;

interface Tally {
  cases: number;
  outcomes: Map<string, number>;
  slowestMs: number;
}

/** What a target's run reports back: enough to print and replay a failure. */
interface Failure {
  failed: boolean;
  numRuns: number;
  seed: number;
  counterexamplePath: string | null;
  counterexample: unknown;
  errorInstance: unknown;
}

let peakRss = 0;
function timed<T>(tally: Tally, run: () => T): T {
  const t0 = performance.now();
  const out = run();
  const ms = performance.now() - t0;
  tally.slowestMs = Math.max(tally.slowestMs, ms);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (ms > CASE_MS) throw new Error(`one case took ${ms.toFixed(0)} ms (limit ${CASE_MS} ms)`);
  return out;
}

function count(tally: Tally, outcome: string): void {
  tally.cases++;
  tally.outcomes.set(outcome, (tally.outcomes.get(outcome) ?? 0) + 1);
}

const links = await seedLinks();
const targets: { name: string; run(ms: number, tally: Tally): Failure | Promise<Failure> }[] = [
  {
    name: 'capture (mutated Linux captures: analyse, index, list, dissect)',
    run: (ms, t) => fc.check(fc.property(captureCase(), (c) => count(t, timed(t, () => checkCapture(c.bytes)))), { seed, numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: ms }),
  },
  {
    name: 'scenario (mutated built-in scenarios: load, validate, run)',
    run: (ms, t) => fc.check(fc.property(scenarioCase(), (c) => count(t, timed(t, () => checkScenario(c.text)))), { seed, numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: ms }),
  },
  {
    name: 'share link (mutated links: parse, unpack, validate)',
    run: (ms, t) =>
      fc.check(
        fc.asyncProperty(linkCase(links), async (link) => {
          const t0 = performance.now();
          const outcome = await checkLink(link);
          t.slowestMs = Math.max(t.slowestMs, performance.now() - t0);
          count(t, outcome);
        }),
        { seed, numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: ms },
      ),
  },
];

console.log(`fuzz: ${minutes} min over ${targets.length} targets, seed ${seed}`);
let failed = false;
for (const target of targets) {
  const tally: Tally = { cases: 0, outcomes: new Map(), slowestMs: 0 };
  const details = await target.run((minutes * 60_000) / targets.length, tally);
  const outcomes = [...tally.outcomes].map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`  ${target.name}: ${tally.cases} cases (${outcomes}); slowest ${tally.slowestMs.toFixed(0)} ms`);
  if (details.failed) {
    failed = true;
    console.log(`    FAILED after ${details.numRuns} cases: ${String(details.errorInstance)}`);
    console.log(`    replay with seed ${details.seed}, path "${details.counterexamplePath}"`);
    console.log(`    counterexample: ${fc.stringify(details.counterexample).slice(0, 2000)}`);
  }
}
console.log(`fuzz: peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB; ${failed ? 'FAILED' : 'no failures'}`);
process.exit(failed ? 1 : 0);
