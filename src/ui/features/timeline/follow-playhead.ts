/**
 * Follow the moment: which time window keeps the moment in view. While
 * playing, the window turns a page when the moment passes FOLLOW_EDGE of it,
 * putting the moment at FOLLOW_LEAD, so the view moves seldom and in steps
 * (between steps only the moment's line moves); paused, the window moves only
 * when the moment is out of it (a step, End, the scrubber), centring it. The
 * window keeps its span and stays within the run; when nothing needs to move
 * the same window object comes back.
 */
import type { TimeWindow } from './use-time-zoom.ts';

/** How far into the window the moment may run while playing before the page turns. */
export const FOLLOW_EDGE = 0.85;
/** Where in the new page the moment lands. */
export const FOLLOW_LEAD = 0.15;

export function followWindow(view: TimeWindow, nowUs: number, endUs: number, playing: boolean): TimeWindow {
  const span = view.t1 - view.t0;
  if (!(span > 0) || span >= endUs || !Number.isFinite(nowUs)) return view;
  const last = playing ? view.t0 + FOLLOW_EDGE * span : view.t1;
  if (nowUs >= view.t0 && nowUs <= last) return view;
  const want = nowUs - (playing ? FOLLOW_LEAD : 0.5) * span;
  const t0 = Math.max(0, Math.min(endUs - span, want));
  // At the run's end the window cannot go further: no change, no redraw.
  if (t0 === view.t0) return view;
  return { t0, t1: t0 + span };
}
