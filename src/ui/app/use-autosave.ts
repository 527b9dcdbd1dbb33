import { useEffect, useRef } from 'react';
import { useAppStoreApi } from '../store/store-context.tsx';
import type { DraftBase } from '../store/types.ts';
import type { Scenario } from '../../engine/index.ts';

export const AUTOSAVE_KEY = 'mptcp-threat-lab/work/v1';

interface Saved {
  draft: Scenario;
  base: DraftBase | null;
  savedAt: string;
}

/**
 * Keeps the scenario being edited in localStorage, and brings it back (and
 * runs it) when the app opens without a share link: a reload loses nothing.
 */
export function useAutosave(openedWithLink: boolean): void {
  const store = useAppStoreApi();
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    if (openedWithLink) return;
    const saved = readSaved();
    if (saved) store.getState().replaceDraft(saved.draft, saved.base);
  }, [store, openedWithLink]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.draft === prev.draft || !s.draft) return;
      clearTimeout(timer);
      const draft = s.draft;
      const base = s.draftBase;
      timer = setTimeout(() => {
        try {
          localStorage.setItem(AUTOSAVE_KEY, JSON.stringify({ draft, base, savedAt: new Date().toISOString() } satisfies Saved));
        } catch {
          // A full or disabled storage only costs the autosave; the work on screen is unaffected.
        }
      }, 300);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store]);
}

function readSaved(): Saved | null {
  try {
    const text = localStorage.getItem(AUTOSAVE_KEY);
    if (!text) return null;
    const saved = JSON.parse(text) as Partial<Saved>;
    return saved && typeof saved === 'object' && saved.draft && typeof saved.draft === 'object' ? { draft: saved.draft, base: saved.base ?? null, savedAt: String(saved.savedAt) } : null;
  } catch {
    return null;
  }
}
