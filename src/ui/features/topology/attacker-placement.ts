/**
 * Where each attacker's badge goes: on every link it sits on (spread along
 * the link when several share one), or above every router it sits at. An
 * attacker with her own address is a node of the network (hosts reach it),
 * so at her first place she is drawn as one: beside the link or router,
 * on the side with more room, tapped into it at `tap`.
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
  /** Her own address, when this badge is her node; null for a plain badge. */
  address: string | null;
  /** Where her node is joined to the link or router it sits beside (null for a plain badge). */
  tap: Point | null;
  /** Tooltip: class, capability, attack. */
  title: string;
}

const ALONG_LINK = [0.3, 0.7, 0.5, 0.2, 0.8];
const ABOVE_NODE = 54;
/** How far an attacker's node stands off the link or router she taps. */
export const NODE_STANDOFF = 78;

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
    spec.at.forEach((place, k) => {
      const j = crowd.get(place) ?? 0;
      const g = links.get(place);
      const node = positions.get(place);
      let at: Point;
      if (g) at = pointOnLink(g, ALONG_LINK[j % ALONG_LINK.length]!);
      else if (node) at = { x: node.x + j * 36, y: node.y - ABOVE_NODE };
      else return;
      crowd.set(place, j + 1);
      const address = k === 0 && spec.address ? spec.address.split('/')[0]! : null;
      const tap = address ? (g ? at : node!) : null;
      if (tap) at = g ? standOff(tap, g.normal, [...positions.values(), ...linkSamples(links)]) : { x: tap.x + j * 36, y: tap.y - NODE_STANDOFF - 20 };
      out.push({ key: `${spec.id}@${place}`, attackerId: spec.id, linkId: g ? place : null, label, capability: spec.capability, location: spec.location, window, at, address, tap, title });
    });
  }
  return out;
}

/** Points along every link, so a node beside one keeps off the others. */
const linkSamples = (links: ReadonlyMap<string, LinkGeometry>) => [...links.values()].flatMap((g) => [0.25, 0.5, 0.75].map((t) => pointOnLink(g, t)));

/** The point `NODE_STANDOFF` off `p` along the normal, on the side with more room around it (farther from the nearest of `obstacles`). */
export function standOff(p: Point, normal: Point, obstacles: readonly Point[]): Point {
  const sides = [1, -1].map((k) => ({ x: p.x + k * normal.x * NODE_STANDOFF, y: p.y + k * normal.y * NODE_STANDOFF }));
  const room = (q: Point) => Math.min(...obstacles.map((n) => Math.hypot(n.x - q.x, n.y - q.y)));
  return room(sides[1]!) > room(sides[0]!) ? sides[1]! : sides[0]!;
}

/** False while a partial-time attacker is away from its place (drawn dimmed). */
export function attackerPresent(m: Pick<AttackerMarker, 'location' | 'window'>, nowUs: number): boolean {
  if (m.location !== 'partial-time-on-path' || !m.window) return true;
  return nowUs >= m.window.fromUs && nowUs < m.window.toUs;
}
