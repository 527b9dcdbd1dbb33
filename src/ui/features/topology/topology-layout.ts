/**
 * Where each node goes: clients on the left, servers on the right, the
 * network in between. Columns are hop distances (BFS over the links) from
 * the client hosts; rows are spread evenly within a column, ordered by the
 * mean row of their neighbours in earlier columns so paths do not cross.
 * Positions saved in the scenario's `ui.positions` win.
 */
import type { Scenario } from '../../../engine/index.ts';
import { endNode, graphNodes, type Point } from './scenario-graph.ts';

export const COLUMN_GAP = 260;
export const ROW_GAP = 160;

export function layoutTopology(s: Scenario): Map<string, Point> {
  const ids = graphNodes(s).map((n) => n.id);
  const order = new Map(ids.map((id, i) => [id, i]));
  const neighbours = new Map(ids.map((id) => [id, [] as string[]]));
  for (const l of s.links) {
    const a = endNode(l.a);
    const b = endNode(l.b);
    if (a === b || !neighbours.has(a) || !neighbours.has(b)) continue;
    neighbours.get(a)!.push(b);
    neighbours.get(b)!.push(a);
  }

  const clients = ids.filter((id) => s.traffic.some((t) => t.from === id));
  const servers = new Set(ids.filter((id) => !clients.includes(id) && s.traffic.some((t) => t.to === id)));
  const distance = hopDistances(clients.length ? clients : ids.slice(0, 1), neighbours);

  let lastNetwork = 0;
  let lastServer = 0;
  for (const [id, d] of distance) {
    if (servers.has(id)) lastServer = Math.max(lastServer, d);
    else lastNetwork = Math.max(lastNetwork, d);
  }
  const serverColumn = Math.max(lastNetwork + 1, lastServer);
  const lastColumn = servers.size ? serverColumn : lastNetwork;
  const columnOf = (id: string) => (servers.has(id) ? serverColumn : (distance.get(id) ?? Math.max(1, Math.floor(lastColumn / 2))));

  const columns: string[][] = [];
  for (const id of ids) (columns[columnOf(id)] ??= []).push(id);

  const out = new Map<string, Point>();
  const row = new Map<string, number>();
  columns.forEach((members, col) => {
    const weight = (id: string) => {
      const placed = neighbours.get(id)!.filter((n) => row.has(n) && columnOf(n) < col);
      return placed.length ? placed.reduce((sum, n) => sum + row.get(n)!, 0) / placed.length : Number.POSITIVE_INFINITY;
    };
    const sorted = [...members].sort((a, b) => weight(a) - weight(b) || order.get(a)! - order.get(b)!);
    sorted.forEach((id, r) => {
      row.set(id, r - (sorted.length - 1) / 2);
      out.set(id, { x: col * COLUMN_GAP, y: (r - (sorted.length - 1) / 2) * ROW_GAP });
    });
  });

  for (const [id, p] of savedPositions(s.ui)) if (out.has(id)) out.set(id, p);
  return out;
}

function hopDistances(sources: readonly string[], neighbours: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  const distance = new Map(sources.map((id) => [id, 0]));
  const queue = [...sources];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const n of neighbours.get(id) ?? []) {
      if (distance.has(n)) continue;
      distance.set(n, distance.get(id)! + 1);
      queue.push(n);
    }
  }
  return distance;
}

/** `ui.positions` as `{ [nodeId]: { x, y } }`, keeping only well-formed entries. */
export function savedPositions(ui: Record<string, unknown> | undefined): Map<string, Point> {
  const out = new Map<string, Point>();
  const positions = ui?.positions;
  if (!positions || typeof positions !== 'object') return out;
  for (const [id, p] of Object.entries(positions as Record<string, unknown>)) {
    if (!p || typeof p !== 'object') continue;
    const { x, y } = p as { x?: unknown; y?: unknown };
    if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) out.set(id, { x, y });
  }
  return out;
}
