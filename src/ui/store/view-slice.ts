import { RowCache, ROW_PAGE } from './row-cache.ts';
import type { ViewSlice } from './types.ts';
import type { PacketRow } from '../../engine/index.ts';
import { failureOf, type SliceCreator } from './internals.ts';
import { DEFAULT_FILTER, frameAt, isFiltering, viewLength } from './view-model.ts';

export const createViewSlice: SliceCreator<ViewSlice> = ({ client, rows }) => (set, get) => {
  let latestFilter = 0;
  /** Puts a claimed page of rows into the cache when it arrives (for the capture still open), and lets the key go. */
  const fetchRows = (capture: { id: number; fileName: string }, key: string, request: Promise<PacketRow[]>) => {
    request
      .then(
        (got) => {
          if (get().capture?.id !== capture.id) return;
          rows.put(got);
          set((s) => ({ rowsVersion: s.rowsVersion + 1 }));
        },
        (e: unknown) => set({ error: failureOf(e, capture.fileName) }),
      )
      .finally(() => rows.release(key));
  };
  return {
    filter: { ...DEFAULT_FILTER },
    filtered: null,
    filtering: false,
    rowsVersion: 0,
    timelineWindow: null,
    timelineFilter: { marks: 0, hiddenSubflows: new Set(), actor: 'all' },

    setTimelineWindow: (w) => {
      const old = get().timelineWindow;
      if (old === w || (old && w && old.t0 === w.t0 && old.t1 === w.t1 && old.endUs === w.endUs)) return;
      set({ timelineWindow: w });
    },

    setTimelineFilter: (f) => set({ timelineFilter: f }),

    setFilter: (change) => {
      const filter = { ...get().filter, ...change };
      const capture = get().capture;
      const token = ++latestFilter;
      if (!capture || !isFiltering(filter)) {
        set((s) => ({ filter, filtered: null, filtering: false, rowsVersion: s.rowsVersion + 1 }));
        return;
      }
      set({ filter, filtering: true });
      client.filter(capture.id, filter).then(
        (frames) => {
          if (token !== latestFilter || get().capture?.id !== capture.id) return;
          set((s) => ({ filtered: frames, filtering: false, rowsVersion: s.rowsVersion + 1 }));
        },
        (e: unknown) => {
          if (token !== latestFilter) return;
          set({ filtering: false, error: failureOf(e, capture.fileName) });
        },
      );
    },

    requestRows: (start, count) => {
      const { capture, filtered } = get();
      if (!capture) return;
      const length = viewLength(capture.packets, filtered);
      for (const page of RowCache.pages(start, count, length)) {
        const from = page * ROW_PAGE;
        const to = Math.min(length, from + ROW_PAGE);
        let missing = false;
        for (let p = from; p < to && !missing; p++) missing = rows.get(frameAt(p, filtered)) === undefined;
        if (!missing) continue;
        const key = `${capture.id}:${filtered ? `${filtered.length}@${filtered[from]}` : 'all'}:${page}`;
        if (!rows.claim(key)) continue;
        fetchRows(capture, key, filtered ? client.rowsAt(capture.id, Array.from(filtered.subarray(from, to))) : client.rows(capture.id, from, to - from));
      }
    },

    requestFrameRows: (frames) => {
      const capture = get().capture;
      if (!capture) return;
      const missing = frames.filter((f) => f >= 1 && f <= capture.packets && rows.get(f) === undefined);
      if (missing.length === 0) return;
      const key = `${capture.id}:frames:${missing[0]}:${missing[missing.length - 1]}:${missing.length}`;
      if (!rows.claim(key)) return;
      fetchRows(capture, key, client.rowsAt(capture.id, missing));
    },

    rowOfFrame: (frame) => rows.get(frame),

    frameDecisions: async (frame) => {
      const capture = get().capture;
      if (!capture || !get().simulation) return [];
      return (await client.decisions(capture.id, frame)).decisions;
    },

    rowAt: (position) => {
      const { capture, filtered } = get();
      if (!capture) return undefined;
      return rows.get(frameAt(position, filtered));
    },
  };
};
