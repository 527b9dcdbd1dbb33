import { describe, expect, it } from 'vitest';
import { builtinScenario, type Scenario } from '../../engine/index.ts';
import { makeStore, until } from '../testing/harness.tsx';
import { formatEstimate, heavyCost, runCost } from './heavy-run.ts';

/** Valid (at the guess limit) but heavy: 16 attackers × 12,500 guesses, about half a minute. */
function heavyScenario(): Scenario {
  const b = builtinScenario('attack-blind-reset')!;
  return { ...b, id: 'heavy-guesses', title: 'Sixteen blind guessers', attackers: Array.from({ length: 16 }, (_, i) => ({ ...b.attackers[0]!, id: `m${i}`, guessBudget: 12_500 })) };
}

describe('heavy runs in the app', () => {
  it('the built-ins are light; sixteen guessers are heavy, with an estimate in seconds and MB', () => {
    expect(heavyCost(builtinScenario('two-path-v1')!)).toBeNull();
    expect(heavyCost(builtinScenario('attack-blind-reset')!)).toBeNull();
    expect(heavyCost(builtinScenario('bulk-100mb')!)).toBeNull();
    const c = heavyCost(heavyScenario())!;
    expect(c.seconds).toBeGreaterThan(10);
    expect(formatEstimate(c)).toMatch(/^est\. \d+ s, \d+ MB$/);
    // bulk-100mb keeps only a digest in the app: its memory is the digest's.
    expect(runCost(builtinScenario('bulk-100mb')!).megabytes).toBeLessThan(100);
  });

  it('saved work (or a link) holding a heavy scenario does not run by itself: it waits with its estimate', async () => {
    const store = makeStore();
    const r = await store.getState().restoreSavedWork({ draft: heavyScenario(), base: null });
    expect(r.ok).toBe(true);
    const s = store.getState();
    expect(s.heavyRun).toMatchObject({ title: 'Sixteen blind guessers' });
    expect(s.loading).toBeNull();
    expect(s.simulation).toBeNull();
  });

  it('a light one still runs by itself', async () => {
    const store = makeStore();
    await store.getState().restoreSavedWork({ draft: builtinScenario('two-path-v1')!, base: null });
    await until(store, (s) => s.simulation !== null && s.loading === null, 30_000);
    expect(store.getState().heavyRun).toBeNull();
  }, 60_000);

  it('asked to, it runs with progress; Cancel stops it, the previous run stays and a status says where it stopped', async () => {
    const store = makeStore();
    await store.getState().simulate('two-path-v1');
    const before = store.getState().simulation!;
    await store.getState().restoreSavedWork({ draft: heavyScenario(), base: null });
    const done = store.getState().runDraft();
    expect(store.getState().heavyRun).toBeNull();
    await until(store, (s) => s.loading?.progress?.phase === 'simulating' && (s.loading.progress.simUs ?? 0) > 0, 30_000);
    const progress = store.getState().loading!.progress!;
    expect(progress.done).toBeGreaterThan(0);
    store.getState().cancelRun();
    await done;
    const s = store.getState();
    expect(s.loading).toBeNull();
    expect(s.error).toBeNull();
    expect(s.simulation).toBe(before);
    expect(s.runNotice).toMatch(/^Run cancelled at \d+\.\d{3} s simulated\. The previous view stays on screen\.$/);
    // The heavy draft waits again, to be run when the user is ready.
    expect(s.heavyRun).toMatchObject({ title: 'Sixteen blind guessers' });
  }, 60_000);
});
