import type { DraftBase, DraftSnapshot, ScenarioSlice } from './types.ts';
import type { Scenario } from '../../engine/index.ts';
import type { Prevention } from '../../worker/capture-client.ts';
import { failureOf, type SliceCreator } from './internals.ts';
import { applyChanges, changesRun, type ScenarioChange } from './scenario-changes.ts';
import { readyToRun } from './draft-status.ts';
import { lockRefusal } from './lesson-model.ts';
import { scenarioSizeProblem } from '../../engine/index.ts';

/** Undo keeps this many steps. */
const HISTORY = 200;

export const createScenarioSlice: SliceCreator<ScenarioSlice> = ({ client }) => (set, get) => {
  let prevention: { draft: Scenario; value: Promise<Prevention> } | null = null;
  // An unfinished draft (a node not yet connected) waits: the run on screen stands until an edit finishes it.
  // Not asked for by a click, a heavy draft waits for one (runDraft shows its estimate).
  const rerun = () => {
    const draft = get().draft;
    if (draft && readyToRun(draft)) void get().runDraft({ auto: true });
  };
  // Undoing an edit the engine ignores (a moved node, a review decision) leaves the run on screen standing; a replaced draft (no changes) re-runs.
  const rerunFor = (changes: readonly ScenarioChange[]) => {
    if (changes.length === 0 || changes.some(changesRun)) rerun();
  };
  const snapshot = (): DraftSnapshot | null => {
    const { draft, draftBase } = get();
    return draft ? { scenario: draft, base: draftBase } : null;
  };
  return {
  draft: null,
  draftBase: null,
  past: [],
  future: [],
  scenarioProblems: null,
  attacks: [],

  edit: (changes) => {
    const now = snapshot();
    if (!now) return;
    const list = Array.isArray(changes) ? changes : [changes];
    if (list.length === 0) return;
    // A lesson step may lock parts of the scenario: the edit is refused, and says so.
    const lesson = get().lesson;
    const refused = lesson ? lockRefusal(lesson.lesson.steps[lesson.progress.step]?.lock, list) : null;
    if (refused) {
      set({ runNotice: refused });
      return;
    }
    set((s) => ({ draft: applyChanges(now.scenario, list), past: [...s.past, { changes: list, before: now }].slice(-HISTORY), future: [] }));
    // For the benchmark (scripts/bench-ui.mjs): an edit's time, to measure until its result is drawn.
    performance.mark('lab:edit');
    // Moving a node changes only the picture, a review decision only `review`: the engine ignores both, so the run stands.
    if (list.some(changesRun)) rerun();
  },

  undo: () => {
    const last = get().past[get().past.length - 1];
    const now = snapshot();
    if (!last || !now) return;
    set((s) => ({ draft: last.before.scenario, draftBase: last.before.base, past: s.past.slice(0, -1), future: [{ changes: last.changes, before: now }, ...s.future] }));
    rerunFor(last.changes);
  },

  redo: () => {
    const next = get().future[0];
    const now = snapshot();
    if (!next || !now) return;
    // A redo entry's `before` holds the draft as it was after its changes (what undo left behind).
    set((s) => ({ draft: next.before.scenario, draftBase: next.before.base, past: [...s.past, { changes: next.changes, before: now }], future: s.future.slice(1) }));
    rerunFor(next.changes);
  },

  replaceDraft: (scenario, base, options = {}) => {
    const now = snapshot();
    set((s) => ({ draft: scenario, draftBase: base, past: now ? [...s.past, { changes: [], before: now }].slice(-HISTORY) : s.past, future: [] }));
    if (options.run !== false) rerun();
  },

  openScenarioFile: async (file) => {
    // Refused before reading: a huge file would hold the page while it is decoded.
    const tooBig = scenarioSizeProblem(file.size);
    if (tooBig) {
      set({ scenarioProblems: { fileName: file.name, problems: [{ path: '$', message: tooBig }] } });
      return;
    }
    await get().openScenarioText(file, file.name);
  },

  openScenarioText: async (text, fileName) => {
    try {
      // The worker reads and parses the text (with line and column for a syntax error) and validates it: a big document never holds the page.
      const check = await client.checkScenario(text);
      if (!check.ok) {
        set({ scenarioProblems: { fileName, problems: check.problems } });
        return;
      }
      set({ scenarioProblems: null });
      get().replaceDraft(check.scenario, null);
    } catch (e) {
      set({ error: failureOf(e, fileName) });
    }
  },

  restoreSavedWork: async (saved) => {
    const rec = saved !== null && typeof saved === 'object' && !Array.isArray(saved) ? (saved as Record<string, unknown>) : null;
    if (!rec || rec.draft === null || typeof rec.draft !== 'object') return { ok: false, reason: 'it is not saved work (no scenario in it)' };
    const check = await client.checkScenario(rec.draft);
    if (!check.ok) {
      const first = check.problems[0];
      return { ok: false, reason: `its scenario has ${check.problems.length} problem${check.problems.length === 1 ? '' : 's'}${first ? `, first ${first.path}: ${first.message}` : ''}` };
    }
    // The base only names the built-in the draft started from: one that does not check out is dropped, not fatal.
    let base: DraftBase | null = null;
    const b = rec.base as { id?: unknown; scenario?: unknown } | null | undefined;
    if (b && typeof b === 'object' && typeof b.id === 'string' && b.scenario && typeof b.scenario === 'object') {
      const baseCheck = await client.checkScenario(b.scenario);
      if (baseCheck.ok) base = { id: b.id, scenario: baseCheck.scenario };
    }
    get().replaceDraft(check.scenario, base);
    return { ok: true };
  },

  dismissScenarioProblems: () => set({ scenarioProblems: null }),

  preventionOfDraft: async () => {
    const draft = get().draft;
    if (!draft) return null;
    if (prevention?.draft !== draft) prevention = { draft, value: client.prevention(draft) };
    try {
      return await prevention.value;
    } catch (e) {
      prevention = null;
      set({ error: failureOf(e, 'the prevention check') });
      return null;
    }
  },

  loadAttacks: async () => {
    if (get().attacks.length) return;
    try {
      set({ attacks: await client.attacks() });
    } catch (e) {
      set({ error: failureOf(e, 'the attack list') });
    }
  },
  };
};
