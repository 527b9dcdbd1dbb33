import { useEffect } from 'react';
import { useAppStoreApi } from '../../store/store-context.tsx';
import { isTyping } from '../../lib/keyboard.ts';

/** With a lesson open, → and ← go to the next and previous step (Shift+→ / Shift+← still step packets). */
export function useLessonKeys(): void {
  const store = useAppStoreApi();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || isTyping(e)) return;
      const s = store.getState();
      const l = s.lesson;
      if (!l || (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft')) return;
      // The packet list, field tree and sliders keep their own arrows.
      const el = e.target as HTMLElement | null;
      if (typeof el?.closest === 'function' && el.closest('[role="grid"], [role="tree"], [role="listbox"], [role="slider"], input, textarea, select')) return;
      e.preventDefault();
      void s.goToStep(l.progress.step + (e.key === 'ArrowRight' ? 1 : -1));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
