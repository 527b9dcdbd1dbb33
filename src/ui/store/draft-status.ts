/**
 * Whether a draft is ready to run, or an edit still under way: a host or
 * router just added has no interface until it is connected, which the
 * engine refuses. Such a draft is not an error; it waits to be finished.
 */
import type { Scenario } from '../../engine/index.ts';

export interface UnfinishedNode {
  id: string;
  kind: 'host' | 'router';
}

/** Hosts and routers with no interface yet (never connected), in declaration order. */
export function unfinishedNodes(s: Scenario): UnfinishedNode[] {
  return [...s.hosts.filter((h) => h.interfaces.length === 0).map((h) => ({ id: h.id, kind: 'host' as const })), ...s.routers.filter((r) => r.interfaces.length === 0).map((r) => ({ id: r.id, kind: 'router' as const }))];
}

/** What the topology says about an unfinished node, in place of an error. */
export function unfinishedHint(n: UnfinishedNode): string {
  return n.kind === 'host' ? `New host ${n.id}: connect it to a router to run it` : `New router ${n.id}: connect it to a host or router to run it`;
}

export const readyToRun = (s: Scenario) => unfinishedNodes(s).length === 0;
