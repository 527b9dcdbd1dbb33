import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { CanvasTheme } from './draw-ladder.ts';

export interface CanvasSize {
  width: number;
  height: number;
  dpr: number;
}

/** An element's CSS size and the device pixel ratio, kept current with a ResizeObserver. */
export function useCanvasSize(ref: RefObject<HTMLElement | null>, fallback: { width: number; height: number }): CanvasSize {
  const [size, setSize] = useState<CanvasSize>({ ...fallback, dpr: 1 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const width = el.clientWidth || fallback.width;
      const height = el.clientHeight || fallback.height;
      const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
      setSize((s) => (s.width === width && s.height === height && s.dpr === dpr ? s : { width, height, dpr }));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, fallback.width, fallback.height]);
  return size;
}

/** A canvas's 2D context scaled for the device pixel ratio, with its backing store sized; null where canvases are absent (jsdom). */
export function prepareCanvas(canvas: HTMLCanvasElement | null, size: CanvasSize): CanvasRenderingContext2D | null {
  if (!canvas) return null;
  const w = Math.round(size.width * size.dpr);
  const h = Math.round(size.height * size.dpr);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  let ctx: CanvasRenderingContext2D | null;
  try {
    ctx = canvas.getContext('2d');
  } catch {
    return null;
  }
  if (!ctx) return null;
  ctx.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
  return ctx;
}

/** The canvas colours from the page's theme variables. */
export function canvasTheme(el: Element): CanvasTheme {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#1a1d23'),
    muted: v('--text-muted', '#586070'),
    border: v('--border', '#d5d9e0'),
    panel: v('--bg-subtle', '#f4f5f7'),
    bg: v('--bg', '#ffffff'),
    accent: v('--accent', '#0b62c4'),
    // Presenter mode sets a larger size (canvases mount afresh when it toggles, so the cache needs no key for it).
    font: `${v('--canvas-font-size', '11px')} ${v('--font-ui', 'system-ui, sans-serif')}`,
  };
}

/**
 * The canvas colours for the theme in effect, read from the page once per
 * theme (getComputedStyle is too dear for every frame of a replay). Call the
 * returned function at paint time, when the page's theme has been applied.
 */
export function useCanvasTheme(ref: RefObject<Element | null>, themeName: string): () => CanvasTheme | null {
  const cache = useRef<{ key: string; theme: CanvasTheme } | null>(null);
  return useCallback(() => {
    const el = ref.current;
    if (!el) return null;
    if (cache.current?.key !== themeName) cache.current = { key: themeName, theme: canvasTheme(el) };
    return cache.current.theme;
  }, [ref, themeName]);
}
