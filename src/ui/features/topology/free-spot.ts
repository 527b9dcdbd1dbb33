/**
 * Where a new node goes: at `p` if nothing is near, else the nearest spot on
 * rings around it that clears every node by `REACH` (a node and its address
 * labels take about that much room).
 */
import type { Point } from './scenario-graph.ts';

const REACH = 110;
const STEP = 60;
const RINGS = 10;

export function freeSpot(p: Point, taken: Iterable<Point>): Point {
  const others = [...taken];
  const clear = (s: Point) => others.every((q) => Math.hypot(q.x - s.x, q.y - s.y) >= REACH);
  if (clear(p)) return p;
  for (let ring = 1; ring <= RINGS; ring++) {
    const spots = 6 * ring;
    for (let k = 0; k < spots; k++) {
      // Start straight below (labels hang under nodes, so below reads best), then go round.
      const a = Math.PI / 2 + (2 * Math.PI * k) / spots;
      const s = { x: Math.round(p.x + ring * STEP * Math.cos(a)), y: Math.round(p.y + ring * STEP * Math.sin(a)) };
      if (clear(s)) return s;
    }
  }
  return { x: p.x + (RINGS + 1) * STEP, y: p.y };
}
