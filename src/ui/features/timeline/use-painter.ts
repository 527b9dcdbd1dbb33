import { useCallback, useLayoutEffect, useRef } from 'react';
import { createPainter, type Painter } from './frame-painter.ts';

/**
 * A canvas's painter for a component: returns `request`, which asks for a
 * paint at the next animation frame (coalesced, never cancelled by a later
 * request or a re-render). `paint` may change every render; the latest runs.
 */
export function usePainter(paint: () => void): () => void {
  const latest = useRef(paint);
  const painter = useRef<Painter | null>(null);
  useLayoutEffect(() => {
    latest.current = paint;
  });
  useLayoutEffect(() => {
    const p = createPainter(() => latest.current());
    painter.current = p;
    p.request();
    return () => {
      p.dispose();
      painter.current = null;
    };
  }, []);
  return useCallback(() => painter.current?.request(), []);
}
