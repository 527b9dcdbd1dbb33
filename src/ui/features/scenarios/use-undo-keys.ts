import { useEffect } from 'react';
import { useAppStoreApi } from '../../store/store-context.tsx';
import { isTyping } from '../../lib/keyboard.ts';

/** Ctrl+Z undoes an edit, Ctrl+Shift+Z or Ctrl+Y redoes it (Cmd on macOS); text fields keep their own undo. */
export function useUndoKeys(): void {
  const store = useAppStoreApi();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTyping(e)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) store.getState().undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') store.getState().redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
