/**
 * The drawing of each subflow's path: one SVG path per subflow, a thin
 * stroke beside every link it walks (each subflow on a link at its own
 * distance from the line, so several stay apart) and, for a subflow to an
 * attacker's own address, along her link to where she taps it and off to
 * her node.
 */
import type { AttackerMarker } from './attacker-placement.ts';
import { linkPath, pointOnLink, type LinkGeometry } from './link-geometry.ts';
import type { Point } from './scenario-graph.ts';
import type { SubflowPath } from './subflow-paths.ts';

/** Distance of the first subflow stroke from its link's line, and between strokes. */
export const SUBFLOW_SHIFT = 6;
export const SUBFLOW_GAP = 4;
const SAMPLES = 24;

export interface SubflowStroke {
  subflow: number;
  attacker: string | null;
  /** SVG path data: one subpath per leg. */
  d: string;
}

const r1 = (v: number) => Math.round(v * 10) / 10;
const polyline = (points: readonly Point[]) => points.map((p, k) => `${k ? 'L' : 'M'}${r1(p.x)},${r1(p.y)}`).join(' ');

/** Per link id, the subflows whose paths run beside it, ascending: their order sets each one's distance from the line. */
export function strokeOrder(paths: readonly SubflowPath[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const p of paths) {
    for (const leg of p.legs) {
      const link = leg.kind === 'link' ? leg.link : leg.place;
      const list = out.get(link) ?? [];
      if (!list.includes(p.subflow)) out.set(link, [...list, p.subflow].sort((a, b) => a - b));
    }
  }
  return out;
}

/** Along link `g`, from its `from` end to the point nearest `target`, moved `shift` along the normal. */
function partialLink(g: LinkGeometry, from: string, target: Point, shift: number): Point[] {
  let best = 0;
  for (let k = 1; k <= SAMPLES; k++) {
    const p = pointOnLink(g, k / SAMPLES);
    const q = pointOnLink(g, best / SAMPLES);
    if (Math.hypot(p.x - target.x, p.y - target.y) < Math.hypot(q.x - target.x, q.y - target.y)) best = k;
  }
  const steps = from === g.a ? Array.from({ length: best + 1 }, (_, k) => k) : Array.from({ length: SAMPLES - best + 1 }, (_, k) => SAMPLES - k);
  return steps.map((k) => pointOnLink(g, k / SAMPLES, shift));
}

export function subflowStrokes(
  paths: readonly SubflowPath[],
  geometry: ReadonlyMap<string, LinkGeometry>,
  positions: ReadonlyMap<string, Point>,
  markers: readonly AttackerMarker[],
): SubflowStroke[] {
  const order = strokeOrder(paths);
  const shiftOf = (link: string, subflow: number) => SUBFLOW_SHIFT + Math.max(0, order.get(link)?.indexOf(subflow) ?? 0) * SUBFLOW_GAP;
  return paths.map((p) => {
    const parts: string[] = [];
    for (const leg of p.legs) {
      if (leg.kind === 'link') {
        const g = geometry.get(leg.link);
        if (g) parts.push(linkPath(g, shiftOf(leg.link, p.subflow)));
        continue;
      }
      const home = markers.find((m) => m.attackerId === leg.attacker && m.address !== null);
      const start = positions.get(leg.node);
      if (!home || !start) continue;
      const g = geometry.get(leg.place);
      const along = g && home.linkId === leg.place && home.tap ? partialLink(g, leg.node, home.tap, shiftOf(leg.place, p.subflow)) : [start];
      parts.push(polyline([...along, home.at]));
    }
    return { subflow: p.subflow, attacker: p.attacker, d: parts.join(' ') };
  });
}
