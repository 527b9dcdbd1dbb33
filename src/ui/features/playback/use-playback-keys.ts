import { useEffect } from 'react';
import { useAppStoreApi } from '../../store/store-context.tsx';
import { isTyping } from '../../lib/keyboard.ts';
import { SPEEDS } from '../../store/playback-model.ts';
import { viewForKey } from '../../store/main-views.ts';


/** The replay's keys (see SHORTCUTS): space, arrows, Home/End, [ ], the view digits, and ? for the list. */
export function usePlaybackKeys(openHelp: () => void): void {
  const store = useAppStoreApi();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e)) return;
      const s = store.getState();
      // With a lesson open, plain arrows move between its steps (use-lesson-keys.ts); Shift+arrows step packets.
      if (s.lesson && !e.shiftKey && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) return;
      if (e.key === '?') {
        openHelp();
      } else if (!s.run?.timeline) {
        return;
      } else if (e.key === ' ' && !(e.target as HTMLElement | null)?.closest?.('button, a, [role="treeitem"], [role="row"]')) {
        s.togglePlay();
      } else if (e.key === 'ArrowRight' && !inList(e)) {
        s.step(1);
      } else if (e.key === 'ArrowLeft' && !inList(e)) {
        s.step(-1);
      } else if (e.key === 'Home' && !inList(e)) {
        s.rewind();
      } else if (e.key === 'End' && !inList(e)) {
        s.seek(Number.POSITIVE_INFINITY);
      } else if (e.key === '[' || e.key === ']') {
        const i = SPEEDS.findIndex((v) => v >= s.speed);
        const next = SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, (i < 0 ? SPEEDS.length - 1 : i) + (e.key === ']' ? 1 : -1)))]!;
        s.setSpeed(next);
      } else if (viewForKey(e.key)) {
        s.setMainView(viewForKey(e.key)!);
      } else {
        return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, openHelp]);
}

/** The packet list and field tree use the arrow keys themselves. */
function inList(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  return typeof el?.closest === 'function' && el.closest('[role="grid"], [role="tree"], [role="listbox"], [role="slider"], input[type="range"]') !== null;
}
