/**
 * The lesson being written, for the whole page: whether the authoring panel
 * is open and what is written. It lives beside the app's store (the player
 * never reads it) and is kept in localStorage, checked when read back, so a
 * reload keeps the teacher's work.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { emptyAuthoredLesson, parseAuthored, type AuthoredLesson } from './authoring-doc.ts';
import { readStoredJson, writeStoredJson } from '../../../lib/stored-json.ts';

export const AUTHORING_KEY = 'mptcp-threat-lab/lessons/authoring/v1';

export interface AuthoringState {
  open: boolean;
  lesson: AuthoredLesson;
  setOpen(open: boolean): void;
  update(change: (l: AuthoredLesson) => AuthoredLesson): void;
  replace(lesson: AuthoredLesson): void;
}

export function readAuthoring(): { open: boolean; lesson: AuthoredLesson } | null {
  const v = readStoredJson(AUTHORING_KEY) as { open?: unknown; lesson?: unknown } | null;
  const lesson = parseAuthored(v?.lesson);
  return lesson ? { open: v?.open === true, lesson } : null;
}

export function createAuthoringStore() {
  const saved = readAuthoring();
  const store = createStore<AuthoringState>()((set) => ({
    open: saved?.open ?? false,
    lesson: saved?.lesson ?? emptyAuthoredLesson(),
    setOpen: (open) => set({ open }),
    update: (change) => set((s) => ({ lesson: change(s.lesson) })),
    replace: (lesson) => set({ lesson }),
  }));
  store.subscribe((s, prev) => {
    if (s.open !== prev.open || s.lesson !== prev.lesson) writeStoredJson(AUTHORING_KEY, { open: s.open, lesson: s.lesson });
  });
  return store;
}

let shared: ReturnType<typeof createAuthoringStore> | null = null;

/** The page's authoring store (made on first use, from what was saved). */
export function authoringStore() {
  shared ??= createAuthoringStore();
  return shared;
}

export function useAuthoring<T>(selector: (s: AuthoringState) => T): T {
  return useStore(authoringStore(), selector);
}

/** Moves a step up (-1) or down (+1). */
export function moveStep(l: AuthoredLesson, i: number, by: -1 | 1): AuthoredLesson {
  const j = i + by;
  if (j < 0 || j >= l.steps.length) return l;
  const steps = [...l.steps];
  [steps[i], steps[j]] = [steps[j]!, steps[i]!];
  return { ...l, steps };
}
