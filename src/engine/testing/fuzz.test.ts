/**
 * Bounded fuzzing in `npm test`: mutated real captures and mutated built-in
 * scenarios end in a result or a coded error, each within a time and heap
 * budget. `npm run fuzz -- --minutes N` runs the same targets for longer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captureCase, checkCapture, checkScenario, scenarioCase } from './fuzz-targets.ts';

/** Per case: generous for a loaded CI machine, far below what a blow-up costs (the reported ones took minutes and GBs). */
const CASE_MS = 5_000;
const HEAP_GROWTH = 256 * 1024 * 1024;

function bounded<T>(check: (input: T) => string): (input: T) => void {
  return (input) => {
    const heap = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    check(input);
    const ms = performance.now() - t0;
    expect(ms, `one case took ${ms.toFixed(0)} ms`).toBeLessThan(CASE_MS);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(HEAP_GROWTH);
  };
}

describe('fuzzing', () => {
  it('a mutated Linux capture is analysed, listed and dissected, or refused with a code', () => {
    fc.assert(fc.property(captureCase(), bounded((c) => checkCapture(c.bytes))), { numRuns: 150 });
  });

  it('a mutated built-in scenario loads and runs, or lists coded problems', () => {
    fc.assert(fc.property(scenarioCase(), bounded((c) => checkScenario(c.text))), { numRuns: 60 });
  });
});
