import { useEffect, useRef } from 'react';
import { useAppStoreApi } from '../store/store-context.tsx';
import type { DraftBase } from '../store/types.ts';
import type { Scenario } from '../../engine/index.ts';

export const AUTOSAVE_KEY = 'mptcp-threat-lab/work/v1';
/** Where saved work that could not be restored is kept, so it is never silently lost. */
export const SET_ASIDE_KEY = 'mptcp-threat-lab/work/set-aside';
/** Saved work larger than this is not parsed on the page (validating it would block input). */
const MAX_SAVED_BYTES = 4 * 1024 * 1024;

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
    const text = readSavedText();
    if (text === null) return;
    // Checked like any file (in the worker): saved state of the wrong shape must not break every later visit.
    const setAside = (reason: string) => {
      try {
        localStorage.setItem(SET_ASIDE_KEY, text.length <= MAX_SAVED_BYTES ? text : text.slice(0, MAX_SAVED_BYTES));
        localStorage.removeItem(AUTOSAVE_KEY);
      } catch {
        // Storage refused: the alert's download still has the text.
      }
      store.getState().showError({
        fileName: 'your saved work',
        code: 'SAVED_WORK_SET_ASIDE',
        title: 'Your saved work could not be restored',
        message: reason,
        hint: 'The lab started clean. The saved text is set aside, not deleted: download it to read or fix it, then open it with Open scenario….',
        download: { label: 'Download the saved work', fileName: 'saved-work.json', text },
      });
    };
    if (text.length > MAX_SAVED_BYTES) return setAside(`it is ${text.length} bytes, over the ${MAX_SAVED_BYTES}-byte limit for saved work`);
    let saved: unknown;
    try {
      saved = JSON.parse(text);
    } catch (e) {
      return setAside(`it is not JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    store
      .getState()
      .restoreSavedWork(saved)
      .then(
        (r) => {
          if (!r.ok) setAside(r.reason);
        },
        (e: unknown) => setAside(e instanceof Error ? e.message : String(e)),
      );
  }, [store, openedWithLink]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pending: (() => void) | null = null;
    let lastLength = 0;
    const flush = () => {
      clearTimeout(timer);
      pending?.();
      pending = null;
    };
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.draft === prev.draft || !s.draft) return;
      const draft = s.draft;
      const base = s.draftBase;
      pending = () => {
        try {
          const text = JSON.stringify({ draft, base, savedAt: new Date().toISOString() } satisfies Saved);
          lastLength = text.length;
          localStorage.setItem(AUTOSAVE_KEY, text);
        } catch {
          // A full or disabled storage only costs the autosave; the work on screen is unaffected.
        }
      };
      clearTimeout(timer);
      // A usual draft (a few kB) is saved at once, so a tab that crashes right after an edit loses nothing;
      // only a big one waits for a pause in the edits (and is flushed when the page is hidden or left).
      if (lastLength < IMMEDIATE_SAVE_CHARS) flush();
      else timer = setTimeout(flush, 300);
    });
    const onHidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      flush();
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHidden);
      unsubscribe();
    };
  }, [store]);
}

/** Drafts up to this size (as JSON) are saved on every edit; bigger ones after 300 ms without edits. */
const IMMEDIATE_SAVE_CHARS = 256 * 1024;

function readSavedText(): string | null {
  try {
    return localStorage.getItem(AUTOSAVE_KEY);
  } catch {
    return null;
  }
}
