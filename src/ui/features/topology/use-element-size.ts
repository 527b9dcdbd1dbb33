import { useLayoutEffect, useState, type RefObject } from 'react';
import type { Size } from './fit.ts';

/** An element's client size, kept current with a ResizeObserver (the fallback where layout is absent, e.g. jsdom). */
export function useElementSize(ref: RefObject<HTMLElement | null>, fallback: Size): Size {
  const [size, setSize] = useState(fallback);
  const { width: fw, height: fh } = fallback;
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const width = el.clientWidth || fw;
      const height = el.clientHeight || fh;
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, fw, fh]);
  return size;
}
