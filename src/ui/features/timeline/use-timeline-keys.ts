import { useEffect } from 'react';
import { isTyping } from '../../lib/keyboard.ts';

/** + and - zoom the timeline around the moment, 0 shows the whole run, F turns following the moment on or off. */
export function useTimelineKeys(zoomBy: (factor: number) => void, fit: () => void, toggleFollow: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e)) return;
      if (e.key === '+' || e.key === '=') zoomBy(2);
      else if (e.key === '-' || e.key === '_') zoomBy(0.5);
      else if (e.key === '0') fit();
      else if (e.key === 'f' || e.key === 'F') toggleFollow();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [zoomBy, fit, toggleFollow]);
}
