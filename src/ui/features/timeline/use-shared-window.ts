import { useEffect } from 'react';
import { useAppStoreApi } from '../../store/store-context.tsx';
import type { TimelineWindow } from '../../store/types.ts';
import type { TimeWindow } from './use-time-zoom.ts';

/** A wheel gesture moves the window many times a second: the store (and the address bar) hear of where it rests. */
const REST_MS = 250;

/** Whether a window the store holds is meant for this run (a link's window is meant for whichever run it opens). */
export function windowFor(w: TimelineWindow | null, endUs: number): TimeWindow | null {
  if (!w || (w.endUs !== undefined && w.endUs !== endUs)) return null;
  return w.t1 > w.t0 ? w : null;
}

/**
 * Keeps the timeline's zoom window in the store, where a share link reads
 * and writes it: the window shown is published once it rests (null when it
 * is the whole run), and a window put there from outside (a link being
 * opened, a return to the tab) is shown, with following turned off so it
 * stays put.
 */
export function useSharedWindow(view: TimeWindow, endUs: number, zoomTo: (t0: number, t1: number) => void, stopFollowing: () => void): void {
  const store = useAppStoreApi();

  useEffect(() => {
    const show = (w: TimelineWindow | null) => {
      const want = windowFor(w, endUs);
      if (!want) return;
      stopFollowing();
      zoomTo(want.t0, Math.min(endUs, want.t1));
    };
    show(store.getState().timelineWindow);
    return store.subscribe((s, prev) => {
      if (s.timelineWindow !== prev.timelineWindow && s.timelineWindow?.endUs === undefined) show(s.timelineWindow);
    });
  }, [store, endUs, zoomTo, stopFollowing]);

  useEffect(() => {
    const timer = setTimeout(() => {
      const whole = view.t0 <= 0 && view.t1 >= endUs;
      store.getState().setTimelineWindow(whole ? null : { t0: Math.round(view.t0), t1: Math.round(view.t1), endUs });
    }, REST_MS);
    return () => clearTimeout(timer);
  }, [store, view, endUs]);
}
