import { useEffect, useState } from 'react';
import type { Decision } from '../../../worker/capture-client.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { selectCapture, selectFrameDecisions } from '../../store/selectors.ts';

/** Sweeping the pointer across arrows asks for nothing until it rests this long on one. */
const DEBOUNCE_MS = 120;
/** Frames remembered; past this the memory starts again (a session hovers far fewer). */
const KEEP = 500;

/**
 * What the hosts decided about a frame's packet, for the hover card: asked
 * of the worker once the pointer rests, and remembered (per capture, so a
 * new run never shows an old answer). Undefined while it is on its way.
 */
export function useFrameDecisions(frame: number | null): Decision[] | undefined {
  const capture = useAppStore(selectCapture);
  const fetchDecisions = useAppStore(selectFrameDecisions);
  const [cache, setCache] = useState<ReadonlyMap<string, Decision[]>>(new Map());
  const key = capture && frame !== null ? `${capture.id}:${frame}` : null;
  const known = key === null ? undefined : cache.get(key);

  useEffect(() => {
    if (key === null || frame === null || known) return;
    let live = true;
    const timer = setTimeout(() => {
      fetchDecisions(frame).then(
        (d) => {
          if (live) setCache((c) => new Map(c.size >= KEEP ? [] : c).set(key, d));
        },
        () => {},
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, frame, known, fetchDecisions]);
  return known;
}
