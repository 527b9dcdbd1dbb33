import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../scenario/builtin/index.ts';
import { runScenario, runScenarioSteps, type RunProgress } from './run-scenario.ts';

const blind = builtinScenario('attack-blind-reset')!;
const onPath = builtinScenario('attack-add-addr-hijack')!;

describe('runScenario progress and stop', () => {
  it('reports progress every N events, and batching does not change the run', () => {
    const seen: RunProgress[] = [];
    const batched = runScenario(blind, { trace: 'digest', progressEvery: 100, onProgress: (p) => seen.push(p) });
    const whole = runScenario(blind, { trace: 'digest' });
    expect(batched.digest).toBe(whole.digest);
    expect(batched.failures).toEqual(whole.failures);
    expect(batched.stopped).toBeNull();
    const run = seen.filter((p) => p.phase === 'run');
    expect(run.length).toBe(Math.floor(whole.eventsRun / 100));
    expect(run.map((p) => p.events)).toEqual(run.map((_, i) => (i + 1) * 100));
    // Simulated time and packets only grow.
    for (let i = 1; i < run.length; i++) {
      expect(run[i]!.simUs).toBeGreaterThanOrEqual(run[i - 1]!.simUs);
      expect(run[i]!.packets).toBeGreaterThanOrEqual(run[i - 1]!.packets);
    }
    // The single-path baseline reports too.
    expect(seen.some((p) => p.phase === 'baseline')).toBe(true);
  });

  it('a stop after N events gives a partial result marked stopped by the user', () => {
    let reports = 0;
    const r = runScenario(blind, { trace: 'digest', progressEvery: 200, onProgress: () => reports++, shouldStop: () => reports >= 1 });
    expect(r.eventsRun).toBe(200);
    expect(r.stopped).toEqual({ atUs: r.endUs, by: 'user', phase: 'run' });
    expect(r.finished).toBe(false);
    expect(r.endUs).toBeLessThan(runScenario(blind, { trace: 'digest' }).endUs);
    // Cut short, the single-path baseline is not run: failures stay unlabelled rather than guessed.
    expect(r.baselines.singlePath).toBeNull();
    expect(r.tcpOnly).toBeNull();
  });

  it('an attack cut short is incomplete, never defended', () => {
    // The blind reset strikes at 100 ms; stopping at the first report leaves it unable to act.
    const r = runScenario(blind, { trace: 'digest', progressEvery: 20, shouldStop: () => true });
    expect(r.stopped?.by).toBe('user');
    expect(r.failures).toEqual([]);
    expect(r.attackers[0]!.cutShort).toBe(true);
    expect(r.attackers[0]!.attempted).toBe(false);
    // The same attack run to its end is not cut short.
    expect(runScenario(blind, { trace: 'digest' }).attackers[0]!.cutShort).toBe(false);
  });

  it('an attack that succeeded before the stop keeps its failure', () => {
    const whole = runScenario(onPath, { trace: 'digest' });
    expect(whole.failures.length).toBeGreaterThan(0);
    const after = whole.failures[0]!.timeUs + 1;
    const r = runScenario(onPath, { trace: 'digest', untilUs: Math.max(after, 1) });
    expect(r.stopped === null || r.stopped.by === 'until').toBe(true);
    expect(r.failures.map((f) => f.id)).toContain(whole.failures[0]!.id);
  });

  it('--until marks the run stopped by until, with its attacks cut short', () => {
    const r = runScenario(blind, { trace: 'digest', untilUs: 50_000 });
    expect(r.stopped).toEqual({ atUs: 50_000, by: 'until', phase: 'run' });
    expect(r.endUs).toBe(50_000);
    expect(r.attackers[0]!.cutShort).toBe(true);
    expect(runScenario(blind, { trace: 'digest', untilUs: blind.durationUs }).stopped).toBeNull();
  });

  it('as a generator, yields between batches so a caller can pause', () => {
    const steps = runScenarioSteps(blind, { trace: 'digest', progressEvery: 500 });
    let yields = 0;
    let next = steps.next();
    while (!next.done) {
      yields++;
      next = steps.next();
    }
    expect(yields).toBeGreaterThan(1);
    expect(next.value.digest).toBe(runScenario(blind, { trace: 'digest' }).digest);
  });
});
