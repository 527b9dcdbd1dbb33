/**
 * Where each attacker's badge goes: on every link it sits on (spread along
 * the link when several share one), or above every router it sits at.
 */
import type { Scenario, TimeWindow } from '../../../engine/index.ts';
import type { AttackerView } from '../../../worker/capture-client.ts';
import { pointOnLink, type LinkGeometry } from './link-geometry.ts';
import type { Point } from './scenario-graph.ts';

export interface AttackerMarker {
  /** Unique per badge: "<attackerId>@<link or node id>". */
  key: string;
  attackerId: string;
  /** The link it sits on, null when it sits at a node. */
  linkId: string | null;
  label: string;
  capability: Scenario['attackers'][number]['capability'];
  location: Scenario['attackers'][number]['location'];
  window: TimeWindow | null;
  at: Point;
  /** Tooltip: class, capability, attack. */
  title: string;
}

const ALONG_LINK = [0.3, 0.7, 0.5, 0.2, 0.8];
const ABOVE_NODE = 54;

const locationText: Record<AttackerMarker['location'], string> = {
  'off-path': 'off-path',
  'partial-time-on-path': 'partial-time on-path',
  'on-path': 'on-path',
};

const ms = (us: number) => `${String(Number((us / 1000).toPrecision(6)))} ms`;

export function placeAttackers(
  s: Scenario,
  positions: ReadonlyMap<string, Point>,
  links: ReadonlyMap<string, LinkGeometry>,
  views: readonly AttackerView[],
): AttackerMarker[] {
  const crowd = new Map<string, number>();
  const out: AttackerMarker[] = [];
  for (const spec of s.attackers) {
    const view = views.find((v) => v.id === spec.id);
    const label = spec.label ?? view?.label ?? spec.id;
    const window = spec.window ?? view?.window ?? null;
    const attack = view ? `${view.attackLabel}${view.rfc ? ` (${view.rfc})` : ''}` : spec.attack;
    const when = spec.location === 'partial-time-on-path' && window ? `; present ${ms(window.fromUs)} to ${ms(window.toUs)}` : '';
    const title = `${label}: ${locationText[spec.location]}, ${spec.capability}; attack: ${attack}${when}`;
    for (const place of spec.at) {
      const j = crowd.get(place) ?? 0;
      const g = links.get(place);
      const node = positions.get(place);
      let at: Point;
      if (g) at = pointOnLink(g, ALONG_LINK[j % ALONG_LINK.length]!);
      else if (node) at = { x: node.x + j * 36, y: node.y - ABOVE_NODE };
      else continue;
      crowd.set(place, j + 1);
      out.push({ key: `${spec.id}@${place}`, attackerId: spec.id, linkId: g ? place : null, label, capability: spec.capability, location: spec.location, window, at, title });
    }
  }
  return out;
}

/** False while a partial-time attacker is away from its place (drawn dimmed). */
export function attackerPresent(m: Pick<AttackerMarker, 'location' | 'window'>, nowUs: number): boolean {
  if (m.location !== 'partial-time-on-path' || !m.window) return true;
  return nowUs >= m.window.fromUs && nowUs < m.window.toUs;
}
