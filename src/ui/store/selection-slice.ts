import { ancestorsOf, defaultExpanded, initialField, nodeAt } from '../lib/field-tree.ts';
import type { SelectionSlice } from './types.ts';
import { failureOf, type SliceCreator } from './internals.ts';

export const createSelectionSlice: SliceCreator<SelectionSlice> = ({ client }) => (set, get) => {
  let latest = 0;
  return {
    selectedFrame: null,
    detail: null,
    selectedField: null,
    expandedFields: new Set<string>(),
    decisions: [],
    hmacChecks: [],
    hoveredFrame: null,

    hoverFrame: (frame) => {
      if (get().hoveredFrame !== frame) set({ hoveredFrame: frame });
    },

    selectFrame: (frame) => {
      const capture = get().capture;
      const token = ++latest;
      if (!capture || frame === null || frame < 1 || frame > capture.packets) {
        set({ selectedFrame: null, detail: null, selectedField: null, decisions: [], hmacChecks: [] });
        return;
      }
      if (frame === get().selectedFrame && get().detail?.frame === frame) return;
      set({ selectedFrame: frame, decisions: [], hmacChecks: [] });
      if (get().simulation) {
        client.decisions(capture.id, frame).then(
          (v) => {
            if (token === latest && get().capture?.id === capture.id) set({ decisions: v.decisions, hmacChecks: v.checks });
          },
          () => {},
        );
      }
      client.dissect(capture.id, frame).then(
        (detail) => {
          if (token !== latest || get().capture?.id !== capture.id) return;
          const { detail: before, selectedField } = get();
          const expanded = detail ? defaultExpanded(detail.layers) : new Set<string>();
          // Keep the same field selected when the new frame has it (Wireshark does).
          let keep: string | null = null;
          if (detail && before && selectedField) {
            const a = nodeAt(before.layers, selectedField);
            const b = nodeAt(detail.layers, selectedField);
            if (a && b && a.label === b.label) keep = selectedField;
          }
          // Otherwise show what matters in this frame: a failed check, or its MPTCP option.
          keep ??= detail ? initialField(detail.layers) : null;
          if (keep) for (const p of ancestorsOf(keep)) expanded.add(p);
          set({ detail, selectedField: keep, expandedFields: expanded });
        },
        (e: unknown) => {
          if (token !== latest) return;
          set({ detail: null, selectedField: null, error: failureOf(e, capture.fileName) });
        },
      );
    },

    selectField: (path) => {
      if (path === null) {
        set({ selectedField: null });
        return;
      }
      const expanded = new Set(get().expandedFields);
      for (const p of ancestorsOf(path)) expanded.add(p);
      set({ selectedField: path, expandedFields: expanded });
    },

    toggleField: (path, open) => {
      const expanded = new Set(get().expandedFields);
      const next = open ?? !expanded.has(path);
      if (next === expanded.has(path)) return;
      if (next) expanded.add(path);
      else expanded.delete(path);
      set({ expandedFields: expanded });
    },
  };
};
