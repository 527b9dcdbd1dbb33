/** Where a frame in flight is drawn: along its link, from the node it left toward the node it reaches. */
import type { TimelineData } from '../../../engine/index.ts';
import { pointOnLink, type LinkGeometry } from './link-geometry.ts';
import type { Point } from './scenario-graph.ts';

/**
 * The point of frame index `i` at `nowUs`, or null when its link is not
 * drawn. An attacker's injected frame starts at its badge on that link
 * (`attackerAt(attackerId, linkId)`), or at the link's midpoint.
 */
export function packetPosition(
  t: TimelineData,
  i: number,
  nowUs: number,
  geometry: ReadonlyMap<string, LinkGeometry>,
  attackerAt: (attackerId: string, linkId: string) => Point | undefined,
): Point | null {
  const linkId = t.links[t.link[i]!];
  const g = linkId === undefined ? undefined : geometry.get(linkId);
  if (!g) return null;
  const start = t.startUs[i]!;
  const span = t.endUs[i]! - start;
  const f = span > 0 ? Math.min(1, Math.max(0, (nowUs - start) / span)) : 0;
  const from = t.lanes[t.fromLane[i]!];
  const to = t.lanes[t.toLane[i]!];
  if (from?.kind === 'attacker') {
    const s = attackerAt(from.node, g.id) ?? pointOnLink(g, 0.5);
    const e = to?.node === g.a ? g.p0 : g.p1;
    return { x: s.x + (e.x - s.x) * f, y: s.y + (e.y - s.y) * f };
  }
  return pointOnLink(g, from?.node === g.b ? 1 - f : f);
}
