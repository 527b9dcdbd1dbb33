import { useEffect } from 'react';
import { useAppStore, useAppStoreApi } from '../../store/store-context.tsx';
import { selectPlaying } from '../../store/selectors.ts';

/** While playing, advances the moment every animation frame by the real time elapsed. */
export function usePlaybackClock(): void {
  const playing = useAppStore(selectPlaying);
  const store = useAppStoreApi();
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function step(now) {
      // A hidden tab or a long stall must not jump the replay ahead.
      store.getState().tick(Math.min(100, now - last));
      last = now;
      frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, store]);
}
