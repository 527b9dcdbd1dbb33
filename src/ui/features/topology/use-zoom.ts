/**
 * Pan and zoom: d3-zoom bound once to the SVG, writing its transform onto
 * one <g> (React never sets that attribute, so a zoom never re-renders).
 * The view is fitted to `bounds` whenever they change, until the user
 * pans or zooms (or `hold()`s the view, e.g. while moving a node), and
 * whenever the size changes; `fit()` returns to that view; `centre()` is the layout point at
 * the middle of the view.
 */
import { select, zoom, zoomIdentity, zoomTransform, type D3ZoomEvent, type ZoomBehavior } from 'd3';
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { fitTransform, type Bounds, type Size } from './fit.ts';
import type { Point } from './scenario-graph.ts';

export interface ZoomControls {
  fit(): void;
  hold(): void;
  centre(): Point;
}

export function useZoom(svgRef: RefObject<SVGSVGElement | null>, layerRef: RefObject<SVGGElement | null>, bounds: Bounds, size: Size): ZoomControls {
  const behaviour = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const sizeRef = useRef(size);
  const touched = useRef(false);

  // A new size (a pane resized, the side panel opened) fits the drawing again, even after a pan.
  useEffect(() => {
    if (sizeRef.current.width !== size.width || sizeRef.current.height !== size.height) touched.current = false;
    sizeRef.current = size;
  }, [size]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.1, 8])
      .extent(() => [[0, 0], [sizeRef.current.width, sizeRef.current.height]])
      .on('zoom', (event: D3ZoomEvent<SVGSVGElement, unknown>) => {
        if (event.sourceEvent) touched.current = true;
        layerRef.current?.setAttribute('transform', event.transform.toString());
      });
    const selection = select(svg);
    selection.call(z).on('dblclick.zoom', null);
    behaviour.current = z;
    return () => {
      selection.on('.zoom', null);
      behaviour.current = null;
    };
  }, [svgRef, layerRef]);

  const apply = useCallback(() => {
    const svg = svgRef.current;
    const z = behaviour.current;
    if (!svg || !z) return;
    const { x, y, k } = fitTransform(bounds, size);
    select(svg).call(z.transform, zoomIdentity.translate(x, y).scale(k));
  }, [svgRef, bounds, size]);

  useEffect(() => {
    if (!touched.current) apply();
  }, [apply]);

  const fit = useCallback(() => {
    touched.current = false;
    apply();
  }, [apply]);

  const hold = useCallback(() => {
    touched.current = true;
  }, []);

  const centre = useCallback((): Point => {
    const svg = svgRef.current;
    const { width, height } = sizeRef.current;
    const [x, y] = svg ? zoomTransform(svg).invert([width / 2, height / 2]) : [0, 0];
    return { x, y };
  }, [svgRef]);

  return { fit, hold, centre };
}
