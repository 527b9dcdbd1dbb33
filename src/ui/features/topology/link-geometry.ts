/**
 * Each link as a quadratic curve between its two nodes. Parallel links
 * between the same pair bow apart (their midpoints `PARALLEL_GAP` apart);
 * a lone link is straight. Offsets are measured along the pair's normal,
 * taken in one canonical direction so every link of the pair agrees.
 */
import type { Scenario } from '../../../engine/index.ts';
import { endNode, type Point } from './scenario-graph.ts';

export const PARALLEL_GAP = 44;

export interface LinkGeometry {
  id: string;
  /** Node ids of the link's a and b ends. */
  a: string;
  b: string;
  p0: Point;
  p1: Point;
  control: Point;
  /** Unit normal of the node pair (the side a positive shift moves to). */
  normal: Point;
}

export function linkGeometries(s: Scenario, positions: ReadonlyMap<string, Point>): Map<string, LinkGeometry> {
  const groups = new Map<string, Scenario['links']>();
  for (const l of s.links) {
    const key = [endNode(l.a), endNode(l.b)].sort().join('|');
    const group = groups.get(key);
    if (group) group.push(l);
    else groups.set(key, [l]);
  }
  const out = new Map<string, LinkGeometry>();
  for (const [key, group] of groups) {
    const [first, second] = key.split('|') as [string, string];
    const p = positions.get(first);
    const q = positions.get(second);
    if (!p || !q) continue;
    const len = Math.hypot(q.x - p.x, q.y - p.y);
    const normal = len > 0 ? { x: -(q.y - p.y) / len, y: (q.x - p.x) / len } : { x: 0, y: -1 };
    group.forEach((l, k) => {
      const offset = (k - (group.length - 1) / 2) * PARALLEL_GAP;
      const a = endNode(l.a);
      const b = endNode(l.b);
      const p0 = positions.get(a)!;
      const p1 = positions.get(b)!;
      // The curve's midpoint lies halfway between the chord's midpoint and the control point.
      const control = { x: (p0.x + p1.x) / 2 + normal.x * 2 * offset, y: (p0.y + p1.y) / 2 + normal.y * 2 * offset };
      out.set(l.id, { id: l.id, a, b, p0, p1, control, normal });
    });
  }
  return out;
}

/** The point at `t` (0 at a, 1 at b), moved `shift` along the normal. */
export function pointOnLink(g: LinkGeometry, t: number, shift = 0): Point {
  const u = 1 - t;
  const x = u * u * g.p0.x + 2 * u * t * g.control.x + t * t * g.p1.x;
  const y = u * u * g.p0.y + 2 * u * t * g.control.y + t * t * g.p1.y;
  return { x: x + g.normal.x * shift, y: y + g.normal.y * shift };
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** SVG path data of the link, moved `shift` along the normal. */
export function linkPath(g: LinkGeometry, shift = 0): string {
  const dx = g.normal.x * shift;
  const dy = g.normal.y * shift;
  return `M${r1(g.p0.x + dx)},${r1(g.p0.y + dy)} Q${r1(g.control.x + dx)},${r1(g.control.y + dy)} ${r1(g.p1.x + dx)},${r1(g.p1.y + dy)}`;
}

const trim = (v: number) => String(Number(v.toPrecision(3)));

/** "5 ms · 50 Mbit/s", with " · 1% loss" when the link loses packets. */
export function linkLabel(l: Scenario['links'][number]): string {
  const parts = [`${trim(l.delayUs / 1000)} ms`, `${trim(l.bandwidthBps / 1e6)} Mbit/s`];
  if (l.lossRate > 0) parts.push(`${trim(l.lossRate * 100)}% loss`);
  return parts.join(' · ');
}
