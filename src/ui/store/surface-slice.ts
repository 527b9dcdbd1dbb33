/**
 * The attack-surface map of the draft: swept in workers, rows put on screen
 * in batches, the map re-summarised as they arrive. A finished map is kept
 * per scenario version (surfaceVersion: names, positions, review and the
 * draft's own attackers do not count), so sweeping an unchanged scenario
 * again shows its map at once.
 */
import { assembleSurface, surfaceVersion, type Scenario, type SurfaceResult, type SurfaceRow, type TradeoffResult } from '../../engine/index.ts';
import { runSurfaceInWorkers, surfaceRowScenario, tradeoffsInWorker, type SurfaceRun, type TradeoffsRun } from '../../worker/surface-client.ts';
import { failureOf, type SliceCreator } from './internals.ts';
import { rowBatches } from './row-batches.ts';
import { DEFAULT_VIEW } from './main-views.ts';
import type { AppState, SurfaceSlice, SurfaceState } from './types.ts';

/** How often arriving rows are put on screen. */
const FLUSH_MS = 250;
/** Finished maps kept, most recently used last. */
export const SURFACE_CACHE_SIZE = 8;

interface Cached {
  result: SurfaceResult;
  scenario: Scenario;
  elapsedMs: number;
  workers: number;
}

const versions = new WeakMap<Scenario, string>();

/** The scenario's surfaceVersion, computed once per scenario object (the stale check asks on every draft). */
export function versionOf(s: Scenario): string {
  let v = versions.get(s);
  if (v === undefined) {
    v = surfaceVersion(s);
    versions.set(s, v);
  }
  return v;
}

/** The draft changed (in a way that counts) since the map on screen was swept. */
export const selectSurfaceStale = (s: AppState) => s.surface !== null && s.draft !== null && versionOf(s.draft) !== s.surface.version;

const summarise = (m: Pick<SurfaceState, 'scenario' | 'places' | 'rows' | 'skipped'>): SurfaceResult =>
  assembleSurface(
    m.scenario,
    m.places,
    m.rows.filter((r): r is SurfaceRow => r !== undefined),
    m.skipped,
  );

export const createSurfaceSlice: SliceCreator<SurfaceSlice> = () => (set, get) => {
  let current: SurfaceRun | null = null;
  /** Puts the rows that arrived since the last batch on screen (a cancel keeps them). */
  let flushNow: () => void = () => {};
  const cache = new Map<string, Cached>();
  const remember = (version: string, entry: Cached) => {
    cache.delete(version);
    cache.set(version, entry);
    while (cache.size > SURFACE_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  };
  let weighing: TradeoffsRun | null = null;
  const weighed = new Map<string, TradeoffResult>();
  return {
    surface: null,
    surfacePlace: null,
    tradeoffs: null,
    computeTradeoffs: () => {
      const surface = get().surface;
      // Only a whole map: a partial one would call findings stopped that were never run.
      if (!surface?.result || surface.running || surface.cancelled || surface.error) return;
      const { version, scenario, result } = surface;
      const known = weighed.get(version);
      if (known) {
        set({ tradeoffs: { version, running: false, progress: null, result: known, error: null } });
        return;
      }
      weighing?.cancel();
      set({ tradeoffs: { version, running: true, progress: null, result: null, error: null } });
      const run = tradeoffsInWorker(scenario, result, (progress) => set((s) => (s.tradeoffs?.version === version && weighing === run ? { tradeoffs: { ...s.tradeoffs, progress } } : {})));
      weighing = run;
      run.done.then(
        (out) => {
          weighed.set(version, out);
          if (weighing !== run) return;
          weighing = null;
          set((s) => (s.tradeoffs?.version === version ? { tradeoffs: { ...s.tradeoffs, running: false, result: out } } : {}));
        },
        (e: unknown) => {
          if (weighing !== run) return;
          weighing = null;
          set((s) => (s.tradeoffs?.version === version ? { tradeoffs: { ...s.tradeoffs, running: false, error: e instanceof Error ? e.message : String(e) } } : {}));
        },
      );
    },
    cancelTradeoffs: () => {
      const run = weighing;
      weighing = null;
      run?.cancel();
      set((s) => (s.tradeoffs?.running ? { tradeoffs: { ...s.tradeoffs, running: false, error: 'cancelled' } } : {}));
    },
    mapSurface: (workers) => {
      const scenario = get().draft;
      if (!scenario) return;
      current?.cancel();
      current = null;
      const version = versionOf(scenario);
      const hit = cache.get(version);
      if (hit) {
        remember(version, hit);
        const { result } = hit;
        set({
          surface: { scenario: hit.scenario, version, rows: result.rows, places: result.places, skipped: result.skipped, total: result.rows.length, done: result.rows.length, workers: hit.workers, running: false, startedAt: performance.now(), elapsedMs: hit.elapsedMs, cancelled: false, fromCache: true, error: null, result },
        });
        return;
      }
      const startedAt = performance.now();
      set({ surface: { scenario, version, rows: [], places: [], skipped: [], total: 0, done: 0, workers, running: true, startedAt, elapsedMs: null, cancelled: false, fromCache: false, error: null, result: null } });
      const mine = (s: { surface: SurfaceState | null }) => s.surface !== null && current === run && s.surface.version === version;
      // The map is summarised once per batch of rows.
      const batches = rowBatches<SurfaceRow>((batch) =>
        set((s) => {
          if (!mine(s)) return {};
          const rows = s.surface!.rows.slice();
          for (const { index, row } of batch) rows[index] = row;
          const next = { ...s.surface!, rows, done: s.surface!.done + batch.length };
          return { surface: { ...next, result: summarise(next) } };
        }),
        FLUSH_MS,
      );
      flushNow = batches.flush;
      const run = runSurfaceInWorkers(scenario, workers, {
        onPlanned: (total, places, skipped) =>
          set((s) => {
            if (!mine(s)) return {};
            const next = { ...s.surface!, total, places, skipped };
            return { surface: { ...next, result: summarise(next) } };
          }),
        onRow: batches.add,
      });
      current = run;
      const settle = (error: string | null) => {
        batches.flush();
        if (current !== run) return;
        current = null;
        const elapsedMs = performance.now() - startedAt;
        set((s) => {
          if (!s.surface || s.surface.version !== version) return {};
          const surface = { ...s.surface, running: false, error, elapsedMs: error ? null : elapsedMs };
          if (!error && surface.result) remember(version, { result: surface.result, scenario, elapsedMs, workers });
          return { surface };
        });
      };
      run.done.then(
        () => settle(null),
        (e: unknown) => settle(e instanceof Error ? e.message : String(e)),
      );
    },
    cancelSurface: () => {
      if (!current) return;
      current.cancel();
      flushNow();
      current = null;
      set((s) => (s.surface ? { surface: { ...s.surface, running: false, cancelled: true } } : {}));
    },
    selectSurfacePlace: (place) => set({ surfacePlace: place }),
    openSurfaceRow: async (row) => {
      const swept = get().surface?.scenario;
      if (!swept) return;
      try {
        const scenario = await surfaceRowScenario(swept, row);
        // The row's run keeps the draft's positions and review, so the map (which ignores attackers) stays current to come back to.
        const draft = get().draft;
        get().replaceDraft({ ...scenario, ...(draft?.ui ? { ui: draft.ui } : {}), ...(draft?.review ? { review: draft.review } : {}) }, null);
        get().setMainView(DEFAULT_VIEW);
      } catch (e) {
        set({ error: failureOf(e, `surface row ${row.attack} at ${row.place}`) });
      }
    },
  };
};
