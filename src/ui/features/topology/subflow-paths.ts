/**
 * Each subflow's real path, from the run's data: the links its frames
 * crossed (the timeline) and who owns the two addresses of its four-tuple
 * (the scenario's interfaces, and attackers' own addresses). A subflow to
 * an attacker's own address ends at her: it leaves the links at the place
 * she sits (a link or a router) instead of running on to the host the
 * links lead to, so a hijacked subflow never looks like a genuine one.
 */
import type { Scenario, TimelineData } from '../../../engine/index.ts';
import { endNode } from './scenario-graph.ts';

/** A whole link, walked from one node to the other; or the step off a place (link or router) to the attacker sitting there. */
export type PathLeg = { kind: 'link'; link: string; from: string; to: string } | { kind: 'tap'; attacker: string; place: string; node: string };

export interface SubflowPath {
  subflow: number;
  /** The attacker whose own address is an end of the subflow, or null. */
  attacker: string | null;
  legs: PathLeg[];
}

type Owner = { kind: 'node' | 'attacker'; id: string };

const bare = (a: string) => a.split('/')[0]!;

/** "198.18.1.1:33383 ⇄ 198.18.66.6:8080" → its two addresses (IPv6 too: the port follows the last colon). */
export function tupleAddresses(label: string): [string, string] | null {
  const ends = label.split(' ⇄ ');
  if (ends.length !== 2) return null;
  const address = (e: string) => e.slice(0, e.lastIndexOf(':')).replace(/^\[|\]$/g, '');
  return [address(ends[0]!), address(ends[1]!)];
}

function owners(s: Scenario): Map<string, Owner> {
  const out = new Map<string, Owner>();
  const nodes = [...s.hosts, ...s.routers, ...s.middleboxes].map((n) => ({ id: n.id, interfaces: n.interfaces }));
  for (const n of s.nats) nodes.push({ id: n.id, interfaces: [n.inside, n.outside] });
  for (const n of nodes) for (const i of n.interfaces) for (const a of i.addresses) out.set(bare(a), { kind: 'node', id: n.id });
  for (const a of s.attackers) if (a.address) out.set(bare(a.address), { kind: 'attacker', id: a.id });
  return out;
}

/** Per subflow, the ids of the links its frames crossed, in the scenario's link order. */
export function linksBySubflow(t: TimelineData): string[][] {
  const used = t.subflows.map(() => new Set<number>());
  for (let i = 0; i < t.count; i++) {
    const sf = t.subflow[i]!;
    if (sf >= 0) used[sf]!.add(t.link[i]!);
  }
  return used.map((set) => t.links.filter((_, l) => set.has(l)));
}

/**
 * Breadth-first from `start` over `links` to the first node `done` accepts:
 * the links walked, in order, or null when none is reached.
 */
function walk(start: string, links: readonly Scenario['links'][number][], done: (node: string) => boolean): PathLeg[] | null {
  const back = new Map<string, PathLeg | null>([[start, null]]);
  const queue = [start];
  for (let k = 0; k < queue.length; k++) {
    const node = queue[k]!;
    if (done(node)) {
      const legs: PathLeg[] = [];
      for (let leg = back.get(node); leg; leg = back.get((leg as { from: string }).from)) legs.unshift(leg);
      return legs;
    }
    for (const l of links) {
      const a = endNode(l.a);
      const b = endNode(l.b);
      const next = a === node ? b : b === node ? a : null;
      if (next === null || back.has(next)) continue;
      back.set(next, { kind: 'link', link: l.id, from: node, to: next });
      queue.push(next);
    }
  }
  return null;
}

/** Every used link not already walked, whole, in the scenario's order (the picture before paths were known). */
const rest = (used: readonly Scenario['links'][number][], legs: readonly PathLeg[]): PathLeg[] =>
  used.filter((l) => !legs.some((g) => g.kind === 'link' && g.link === l.id)).map((l) => ({ kind: 'link', link: l.id, from: endNode(l.a), to: endNode(l.b) }));

/** The path of every subflow of the run, in subflow order. */
export function subflowPaths(s: Scenario, t: TimelineData | null): SubflowPath[] {
  if (!t) return [];
  const who = owners(s);
  const linkById = new Map(s.links.map((l) => [l.id, l]));
  return linksBySubflow(t).map((ids, subflow) => {
    const used = ids.map((id) => linkById.get(id)).filter((l) => l !== undefined);
    const tuple = tupleAddresses(t.subflows[subflow]!.label);
    const [x, y] = tuple ? tuple.map((a) => who.get(a)) : [undefined, undefined];
    const attackerEnd = x?.kind === 'attacker' ? x : y?.kind === 'attacker' ? y : undefined;
    const hostEnd = x?.kind === 'node' ? x : y?.kind === 'node' ? y : undefined;

    if (attackerEnd) {
      const spec = s.attackers.find((a) => a.id === attackerEnd.id)!;
      // Where the walk meets her: a router she sits at, or an end of a link she sits on.
      const placeAt = (node: string) => spec.at.find((p) => p === node || (linkById.has(p) && [endNode(linkById.get(p)!.a), endNode(linkById.get(p)!.b)].includes(node)));
      const legs = hostEnd ? walk(hostEnd.id, used, (n) => placeAt(n) !== undefined) : null;
      if (legs) {
        const node = legs.length ? (legs[legs.length - 1] as { to: string }).to : hostEnd!.id;
        legs.push({ kind: 'tap', attacker: spec.id, place: placeAt(node)!, node });
        return { subflow, attacker: spec.id, legs };
      }
      return { subflow, attacker: spec.id, legs: rest(used, []) };
    }

    const other = x?.kind === 'node' && y?.kind === 'node' ? y.id : null;
    const legs = x?.kind === 'node' && other ? (walk(x.id, used, (n) => n === other) ?? []) : [];
    return { subflow, attacker: null, legs: [...legs, ...rest(used, legs)] };
  });
}
