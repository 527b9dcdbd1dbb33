/**
 * d3-zoom on the ladder canvas, horizontal only: wheel and drag zoom and pan
 * the time axis. Bound once per canvas; the view window lives in React state
 * so the data-sequence chart follows it, and in a ref that is current at once
 * (the canvases paint from it, the follow mode moves it between renders).
 * Shift-drag and the axis strip are left to the brush and the scrubber.
 * `onGesture` hears of a window moved by hand (wheel, drag), not by zoomTo.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { select, zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior } from 'd3';

export interface TimeWindow {
  t0: number;
  t1: number;
}

export function useTimeZoom(ref: RefObject<HTMLCanvasElement | null>, endUs: number, plot: { left: number; width: number }, axisHeight: number, onGesture?: () => void) {
  const [view, setViewState] = useState<TimeWindow>({ t0: 0, t1: endUs });
  const viewRef = useRef<TimeWindow>(view);
  const setView = useCallback((v: TimeWindow) => {
    viewRef.current = v;
    setViewState(v);
  }, []);
  const behaviour = useRef<ZoomBehavior<HTMLCanvasElement, unknown> | null>(null);
  const geometry = useRef({ endUs, plot });
  const gesture = useRef(onGesture);
  useEffect(() => {
    geometry.current = { endUs, plot };
  }, [endUs, plot]);
  useEffect(() => {
    gesture.current = onGesture;
  }, [onGesture]);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const z = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([1, Math.max(1, endUs / 2)])
      .filter((event: Event & { shiftKey?: boolean; button?: number; offsetY?: number; type: string }) => {
        if (event.type === 'dblclick') return false;
        if (event.type === 'wheel') return true;
        return !event.shiftKey && !event.button && (event.offsetY ?? axisHeight + 1) > axisHeight;
      })
      // Only x, and never past the run's ends: the transform maps base x = left + t/end·width to x·k + tx.
      .constrain((transform) => {
        const { left, width } = geometry.current.plot;
        const k = transform.k;
        const tx = Math.min(left * (1 - k), Math.max((left + width) * (1 - k), transform.x));
        return tx === transform.x && transform.y === 0 ? transform : zoomIdentity.translate(tx, 0).scale(k);
      })
      .on('zoom', (e: D3ZoomEvent<HTMLCanvasElement, unknown>) => {
        const { endUs: end, plot: p } = geometry.current;
        const { k, x } = e.transform;
        const span = end / k;
        const t0 = Math.max(0, Math.min(end - span, (((p.left - x) / k - p.left) / p.width) * end));
        const before = viewRef.current;
        if (t0 === before.t0 && t0 + span === before.t1) return;
        setView({ t0, t1: t0 + span });
        // A user's wheel or drag carries its DOM event; zoomTo's transform does not.
        if (e.sourceEvent) gesture.current?.();
      });
    behaviour.current = z;
    select(canvas).call(z).on('dblclick.zoom', null);
    setView({ t0: 0, t1: endUs });
    return () => {
      select(canvas).on('.zoom', null);
      behaviour.current = null;
    };
  }, [ref, endUs, axisHeight, setView]);

  /** Shows [t0, t1] (clamped to the run). */
  const zoomTo = useCallback((t0: number, t1: number) => {
    const canvas = ref.current;
    const z = behaviour.current;
    const { endUs: end, plot: p } = geometry.current;
    const span = Math.max(1, Math.min(end, t1 - t0));
    const k = end / span;
    const from = Math.max(0, Math.min(end - span, t0));
    const x = p.left - (p.left + (from / end) * p.width) * k;
    if (canvas && z) select(canvas).call(z.transform, zoomIdentity.translate(x, 0).scale(k));
    else setView({ t0: from, t1: from + span });
  }, [ref, setView]);

  return { view, viewRef, zoomTo };
}
