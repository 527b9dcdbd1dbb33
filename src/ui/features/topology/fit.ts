/** The zoom that shows the whole topology, centred, in a view of a given size. */
import type { Point } from './scenario-graph.ts';

export interface Bounds {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Size {
  width: number;
  height: number;
}

/** Room around node centres for shapes, labels and addresses. */
const MARGIN = { left: 110, right: 110, top: 90, bottom: 110 };
/** Never magnify a small topology beyond this. */
const MAX_FIT_SCALE = 1.4;

export function contentBounds(points: Iterable<Point>): Bounds {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  if (x0 > x1) return { x0: -MARGIN.left, y0: -MARGIN.top, x1: MARGIN.right, y1: MARGIN.bottom };
  return { x0: x0 - MARGIN.left, y0: y0 - MARGIN.top, x1: x1 + MARGIN.right, y1: y1 + MARGIN.bottom };
}

export function fitTransform(b: Bounds, view: Size): { x: number; y: number; k: number } {
  const w = Math.max(1, b.x1 - b.x0);
  const h = Math.max(1, b.y1 - b.y0);
  const k = Math.min(MAX_FIT_SCALE, view.width / w, view.height / h);
  return { k, x: view.width / 2 - k * (b.x0 + w / 2), y: view.height / 2 - k * (b.y0 + h / 2) };
}
