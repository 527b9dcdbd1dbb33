/**
 * Where a new node goes: at `p` if nothing is near, else the nearest spot on
 * rings around it that clears every node by `REACH` (a node and its address
 * labels take about that much room) and every link by `LINK_CLEAR`, so a
 * new node never looks as if it sat on a link it is not part of.
 */
import type { Segment } from './label-placement.ts';
import type { Point } from './scenario-graph.ts';

const REACH = 110;
const LINK_CLEAR = 50;
const STEP = 60;
const RINGS = 10;

/** Distance from `p` to segment ab. */
export function segmentDistance(p: Point, { a, b }: Segment): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

export function freeSpot(p: Point, taken: Iterable<Point>, links: readonly Segment[] = []): Point {
  const others = [...taken];
  const clear = (s: Point) => others.every((q) => Math.hypot(q.x - s.x, q.y - s.y) >= REACH) && links.every((l) => segmentDistance(s, l) >= LINK_CLEAR);
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
