/**
 * The ladder's lane order, so that each hop joins two neighbouring lanes
 * where the topology allows it: walk a path from each client interface
 * towards the servers (client eth0, r1, server eth0), lay the next path
 * reversed when that puts it beside the last one's end (server eth1, r2,
 * client eth1), then put each attacker beside the link or node it sits
 * on without splitting a hop. A hop that must skip lanes crosses only
 * lanes of its own path where possible. Pure, on lane ids.
 */

export interface LaneGraph {
  /** Lane ids in their default order (ties and leftovers keep it). */
  lanes: readonly string[];
  /** Pairs of lanes a link joins. */
  hops: readonly (readonly [string, string])[];
  /** Where paths start (the clients' interfaces), in order. */
  starts: readonly string[];
  /** Where paths end (the servers' interfaces). */
  ends: ReadonlySet<string>;
  /** The node a lane belongs to (a host's interfaces share it). */
  nodeOf: ReadonlyMap<string, string>;
  /** Attacker lanes, each with the lanes it sits beside (its link's ends, or its router). */
  attached: readonly { lane: string; near: readonly string[] }[];
}

export function orderLanes(g: LaneGraph): string[] {
  const adjacent = new Map<string, string[]>(g.lanes.map((l) => [l, []]));
  const hop = new Set<string>();
  for (const [a, b] of g.hops) {
    if (a === b || !adjacent.has(a) || !adjacent.has(b)) continue;
    adjacent.get(a)!.push(b);
    adjacent.get(b)!.push(a);
    hop.add(`${a}|${b}`).add(`${b}|${a}`);
  }
  const rank = new Map(g.lanes.map((l, i) => [l, i]));
  const toEnd = distances(adjacent, [...g.ends].filter((e) => adjacent.has(e)));
  const attackers = new Set(g.attached.map((a) => a.lane));
  const placed: string[] = [];
  const taken = new Set<string>();

  const walk = (start: string): string[] => {
    const chain = [start];
    taken.add(start);
    let at = start;
    while (!(g.ends.has(at) && chain.length > 1)) {
      const next = adjacent
        .get(at)!
        .filter((n) => !taken.has(n) && !attackers.has(n))
        .sort((a, b) => (toEnd.get(a) ?? Infinity) - (toEnd.get(b) ?? Infinity) || rank.get(a)! - rank.get(b)!)[0];
      if (next === undefined) break;
      chain.push(next);
      taken.add(next);
      at = next;
    }
    return chain;
  };
  const joined = (a: string, b: string) => (hop.has(`${a}|${b}`) ? 2 : g.nodeOf.get(a) === g.nodeOf.get(b) ? 1 : 0);
  const lay = (chain: string[]) => {
    const last = placed[placed.length - 1];
    if (last !== undefined && joined(last, chain[chain.length - 1]!) > joined(last, chain[0]!)) chain.reverse();
    placed.push(...chain);
  };

  for (const s of g.starts) if (adjacent.has(s) && !taken.has(s)) lay(walk(s));
  for (const l of g.lanes) if (!taken.has(l) && !attackers.has(l)) lay(walk(l));

  for (const a of g.attached) {
    if (!adjacent.has(a.lane) || taken.has(a.lane)) continue;
    taken.add(a.lane);
    placed.splice(attackerSlot(placed, a.near, hop), 0, a.lane);
  }
  return placed;
}

/** Where an attacker's lane goes: beside the lanes it sits at, where it splits no hop (between its link's ends if nothing else). */
function attackerSlot(placed: readonly string[], near: readonly string[], hop: ReadonlySet<string>): number {
  const at = near.map((l) => placed.indexOf(l)).filter((i) => i >= 0).sort((a, b) => a - b);
  if (at.length === 0) return placed.length;
  const splits = (slot: number) => slot > 0 && slot < placed.length && hop.has(`${placed[slot - 1]}|${placed[slot]}`);
  const lo = at[0]!;
  const hi = at[at.length - 1]!;
  for (const slot of [hi + 1, lo, ...at.map((i) => i + 1), ...at]) if (!splits(slot)) return slot;
  return lo + 1;
}

/** Hops from each lane to the nearest of `from`. */
function distances(adjacent: ReadonlyMap<string, readonly string[]>, from: readonly string[]): Map<string, number> {
  const d = new Map(from.map((l) => [l, 0]));
  const queue = [...from];
  for (let k = 0; k < queue.length; k++) {
    const l = queue[k]!;
    for (const n of adjacent.get(l) ?? []) {
      if (d.has(n)) continue;
      d.set(n, d.get(l)! + 1);
      queue.push(n);
    }
  }
  return d;
}

/** How many unrelated lanes the hops cross: for each hop, the lanes strictly between its two ends. */
export function laneCrossings(order: readonly string[], hops: readonly (readonly [string, string])[]): number {
  const at = new Map(order.map((l, i) => [l, i]));
  let n = 0;
  for (const [a, b] of hops) {
    const i = at.get(a);
    const j = at.get(b);
    if (i !== undefined && j !== undefined) n += Math.max(0, Math.abs(i - j) - 1);
  }
  return n;
}
