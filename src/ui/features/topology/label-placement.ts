/**
 * Where each link's label goes: beside its line, at the first of a few
 * spots along it (the middle first) where its box touches no node (with its
 * labels and addresses), no label already placed and no line. On the side
 * where the link's subflows run, the label keeps past their strokes. When
 * every spot is taken, the one with the fewest collisions wins.
 * Sizes are estimates from character counts: good enough to keep apart.
 */
import type { AttackerMarker } from './attacker-placement.ts';
import type { LinkGeometry } from './link-geometry.ts';
import { pointOnLink } from './link-geometry.ts';
import type { GraphNode, Point } from './scenario-graph.ts';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Segment {
  a: Point;
  b: Point;
}

export interface LabelRequest {
  link: string;
  text: string;
  /** Room the link's subflow strokes take on its positive side (0: none). */
  strokes: number;
}

/** 10px monospace: about 6 px a character, 12 px a line. */
export const LINK_CHAR = 6.1;
export const LINK_LINE = 12;
const ALONG = [0.5, 0.38, 0.62, 0.28, 0.72];
const GAP = 3;

export const boxesOverlap = (p: Box, q: Box) => p.x0 < q.x1 && q.x0 < p.x1 && p.y0 < q.y1 && q.y0 < p.y1;

/** Whether segment ab crosses or lies in box (Liang–Barsky clipping). */
export function segmentHitsBox(s: Segment, b: Box): boolean {
  const dx = s.b.x - s.a.x;
  const dy = s.b.y - s.a.y;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, s.a.x - b.x0],
    [dx, b.x1 - s.a.x],
    [-dy, s.a.y - b.y0],
    [dy, b.y1 - s.a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 > t1) return false;
  }
  return true;
}

/** A node's shape with its name and address lines under it, as drawn by TopologyNodes. */
export function nodeBox(n: GraphNode, p: Point): Box {
  const lines = n.interfaces.map((i) => `${i.id} ${i.addresses.join(' ')}`.length * LINK_CHAR);
  const half = Math.max(40, (n.label.length * 7.5) / 2, ...lines.map((w) => w / 2));
  return { x0: p.x - half, y0: p.y - 30, x1: p.x + half, y1: p.y + 50 + Math.max(1, n.interfaces.length) * 13 };
}

/** An attacker's badge with its name beside it, or her node with her name and address over or under it. */
export function attackerBox(m: AttackerMarker): Box {
  if (m.address) return { x0: m.at.x - 42, y0: m.at.y - 56, x1: m.at.x + 42, y1: m.at.y + 62 };
  return { x0: m.at.x - 12, y0: m.at.y - 13, x1: m.at.x + 16 + m.label.length * 7, y1: m.at.y + 13 };
}

/** A link's curve as a few straight pieces. */
export function linkSegments(g: LinkGeometry, pieces = 8): Segment[] {
  const out: Segment[] = [];
  for (let k = 0; k < pieces; k++) out.push({ a: pointOnLink(g, k / pieces), b: pointOnLink(g, (k + 1) / pieces) });
  return out;
}

export function placeLinkLabels(requests: readonly LabelRequest[], geometry: ReadonlyMap<string, LinkGeometry>, obstacles: readonly Box[], lines: readonly Segment[]): Map<string, Point> {
  const placed: Box[] = [];
  const out = new Map<string, Point>();
  for (const r of requests) {
    const g = geometry.get(r.link);
    if (!g) continue;
    const w = r.text.length * LINK_CHAR;
    const h = LINK_LINE;
    // How far the box's centre must sit off the line for the box to clear it.
    const reach = (Math.abs(g.normal.x) * w) / 2 + (Math.abs(g.normal.y) * h) / 2 + GAP;
    let best: { at: Point; box: Box; cost: number } | null = null;
    for (const t of ALONG) {
      for (const side of [-1, 1]) {
        const at = pointOnLink(g, t, side * (reach + (side > 0 ? r.strokes : 0)));
        const box = { x0: at.x - w / 2, y0: at.y - h / 2, x1: at.x + w / 2, y1: at.y + h / 2 };
        const cost = [...obstacles, ...placed].filter((o) => boxesOverlap(o, box)).length + lines.filter((s) => segmentHitsBox(s, box)).length;
        if (!best || cost < best.cost) best = { at, box, cost };
        if (cost === 0) break;
      }
      if (best?.cost === 0) break;
    }
    placed.push(best!.box);
    out.set(r.link, best!.at);
  }
  return out;
}
