import type { CompareSlice } from './types.ts';
import type { SliceCreator } from './internals.ts';
import { applyChanges } from './scenario-changes.ts';

export const createCompareSlice: SliceCreator<CompareSlice> = ({ client }) => (set, get) => {
  let latest = 0;
  return {
    compare: null,
    runCompare: async (a, b) => {
      const draft = get().draft;
      if (!draft) return;
      const token = ++latest;
      set({ compare: { a: { ...a, summary: null }, b: { ...b, summary: null }, running: true, error: null } });
      try {
        // One after the other: the worker runs one scenario at a time anyway.
        const sa = await client.summarizeDocument(applyChanges(draft, a.changes));
        const sb = await client.summarizeDocument(applyChanges(draft, b.changes));
        if (token !== latest) return;
        set({ compare: { a: { ...a, summary: sa }, b: { ...b, summary: sb }, running: false, error: null } });
      } catch (e) {
        if (token !== latest) return;
        set((s) => (s.compare ? { compare: { ...s.compare, running: false, error: e instanceof Error ? e.message : String(e) } } : {}));
      }
    },
  };
};
