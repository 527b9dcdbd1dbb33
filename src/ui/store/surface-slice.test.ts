import { act } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { builtinScenario, planSurface, type Scenario } from '../../engine/index.ts';
import { makeStore, until } from '../testing/harness.tsx';
import { selectSurfaceStale } from './surface-slice.ts';

// The smallest network built-in: one router, two links, off-path; 155 rows.
const base = () => builtinScenario('single-path-tcp')!;

function withDraft(s: Scenario) {
  const store = makeStore();
  store.getState().replaceDraft(s, null, { run: false });
  return store;
}

async function swept(s: Scenario) {
  const store = withDraft(s);
  act(() => store.getState().mapSurface(1));
  await until(store, (st) => st.surface !== null && !st.surface.running, 60_000);
  return store;
}

describe('surface slice (in-thread engine)', () => {
  it('sweeps the draft: every planned row, every place summarised', async () => {
    const store = await swept(base());
    const m = store.getState().surface!;
    expect(m.error).toBeNull();
    expect([m.total, m.done, m.cancelled, m.fromCache]).toEqual([planSurface(base()).cells.length, m.total, false, false]);
    expect(m.elapsedMs).toBeGreaterThan(0);
    expect(m.result!.places.map((p) => [p.id, p.verdict])).toEqual([
      ['client-r1', 'failure'],
      ['r1-server', 'failure'],
      ['r1', 'failure'],
      ['off-path', 'failure'],
    ]);
    expect(m.result!.rows).toHaveLength(m.total);
  }, 60_000);

  it('shows the cached map at once for the same scenario version: positions, names and attackers do not count', async () => {
    const store = await swept(base());
    const first = store.getState().surface!.result;
    const draft = store.getState().draft!;
    act(() => store.getState().edit({ kind: 'move-node', id: 'r1', x: 10, y: 20 }));
    act(() => store.getState().replaceDraft({ ...store.getState().draft!, title: 'Renamed', attackers: [] }, null, { run: false }));
    expect(store.getState().draft).not.toBe(draft);
    expect(selectSurfaceStale(store.getState())).toBe(false);
    act(() => store.getState().mapSurface(1));
    // At once: no sweep runs.
    const again = store.getState().surface!;
    expect([again.running, again.fromCache, again.done, again.total]).toEqual([false, true, first!.rows.length, first!.rows.length]);
    expect(again.result).toBe(first);
  }, 60_000);

  it('says the map is stale when the draft changes in a way that counts, and sweeps that version anew', async () => {
    const store = await swept(base());
    const draft = store.getState().draft!;
    act(() => store.getState().replaceDraft({ ...draft, links: draft.links.map((l) => ({ ...l, delayUs: l.delayUs * 2 })) }, null, { run: false }));
    expect(selectSurfaceStale(store.getState())).toBe(true);
    act(() => store.getState().mapSurface(1));
    expect([store.getState().surface!.running, store.getState().surface!.fromCache]).toEqual([true, false]);
    expect(selectSurfaceStale(store.getState())).toBe(false);
    act(() => store.getState().cancelSurface());
  }, 60_000);

  it('keeps the rows done on cancel, as a partial map summarised over them', async () => {
    const store = withDraft(base());
    act(() => store.getState().mapSurface(1));
    await until(store, (s) => (s.surface?.done ?? 0) >= 3, 30_000);
    act(() => store.getState().cancelSurface());
    const stoppedAt = store.getState().surface!.done;
    await new Promise((r) => setTimeout(r, 300));
    const m = store.getState().surface!;
    expect([m.running, m.cancelled, m.done, m.elapsedMs, m.error]).toEqual([false, true, stoppedAt, null, null]);
    expect(m.result!.rows).toHaveLength(stoppedAt);
    // The places are summarised over the rows done, and only those.
    expect(m.result!.places.reduce((n, p) => n + p.rows, 0)).toBe(stoppedAt);
    expect(m.result!.places.filter((p) => p.rows === 0).every((p) => p.verdict === 'not-run')).toBe(true);
    // A partial map is never cached: mapping again sweeps.
    act(() => store.getState().mapSurface(1));
    expect(store.getState().surface!.running).toBe(true);
    act(() => store.getState().cancelSurface());
  }, 60_000);

  it('opens a row as the run on screen, with its one attacker, and keeps the map to come back to', async () => {
    const store = await swept(base());
    const map = store.getState().surface!;
    const row = map.result!.rows.find((r) => r.place === 'r1' && r.attack === 'blind-reset' && r.location === 'on-path')!;
    await act(() => store.getState().openSurfaceRow(row));
    const draft = store.getState().draft!;
    expect(draft.attackers.map((a) => [a.location, a.capability, a.at, a.attack])).toEqual([['on-path', row.capability, ['r1'], 'blind-reset']]);
    expect(store.getState().mainView).toBe('overview');
    expect(store.getState().surface).toBe(map);
    expect(selectSurfaceStale(store.getState())).toBe(false);
  }, 60_000);
});
