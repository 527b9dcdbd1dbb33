import { useEffect } from 'react';
import { useAppStoreApi } from '../../store/store-context.tsx';
import { isTyping } from '../../lib/keyboard.ts';
import { viewForKey } from '../../store/main-views.ts';
import { fullscreenEndedElsewhere } from './fullscreen.ts';
import { present } from './present.ts';

/**
 * Presenter mode's keys (see SHORTCUTS): P on and off, Esc off, and while on,
 * L for the laser pointer and S for side by side or one view (a view's digit
 * shows that view alone). Leaving full screen by the browser's own Esc leaves
 * the mode too.
 */
export function usePresenterKeys(): void {
  const store = useAppStoreApi();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || isTyping(e)) return;
      const s = store.getState();
      const on = s.presenter.on;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      if (key === 'p') {
        present(store, !on);
      } else if (!on) {
        return;
      } else if (key === 'Escape') {
        // A dialog or a menu open takes its Escape first.
        if (e.defaultPrevented || document.querySelector('dialog[open], details[open]')) return;
        present(store, false);
      } else if (key === 'l') {
        s.toggleLaser();
      } else if (key === 's') {
        s.setPresenterLayout(s.presenter.layout === 'side' ? 'one' : 'side');
      } else if (viewForKey(key)) {
        // The digit's view itself is chosen by the replay keys.
        s.setPresenterLayout('one');
        return;
      } else {
        return;
      }
      e.preventDefault();
    };
    const onFullscreen = () => {
      if (fullscreenEndedElsewhere()) store.getState().setPresenting(false);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullscreen);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullscreen);
    };
  }, [store]);
}
