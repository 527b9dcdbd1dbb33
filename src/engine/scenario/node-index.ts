/**
 * Every node and interface of a scenario, with the JSON path where each is
 * written, so cross-reference checks can name both ends of a problem.
 * Built from a shape-valid, defaults-applied scenario.
 */
import type { InterfaceSpec, Scenario } from './types.ts';
import { childPath, indexPath } from './problem-text.ts';

export type NodeKind = 'host' | 'router' | 'nat' | 'middlebox';

export interface IndexedInterface {
  nodeId: string;
  spec: InterfaceSpec;
  /** JSON path of the interface object. */
  path: string;
}

export interface IndexedNode {
  id: string;
  kind: NodeKind;
  path: string;
  /** In document order. */
  interfaces: IndexedInterface[];
}

export const NODE_KIND_NOUN: Record<NodeKind, string> = { host: 'a host', router: 'a router', nat: 'a NAT', middlebox: 'a middlebox' };

/** All nodes in document order: hosts, routers, NATs, middleboxes. Repeated ids appear each time. */
export function listNodes(s: Scenario): IndexedNode[] {
  const nodes: IndexedNode[] = [];
  const add = (kind: NodeKind, id: string, path: string, interfaces: [InterfaceSpec, string][]) =>
    nodes.push({ id, kind, path, interfaces: interfaces.map(([spec, p]) => ({ nodeId: id, spec, path: p })) });
  s.hosts.forEach((h, i) => {
    const p = indexPath('$.hosts', i);
    add('host', h.id, p, h.interfaces.map((f, j) => [f, indexPath(childPath(p, 'interfaces'), j)]));
  });
  s.routers.forEach((r, i) => {
    const p = indexPath('$.routers', i);
    add('router', r.id, p, r.interfaces.map((f, j) => [f, indexPath(childPath(p, 'interfaces'), j)]));
  });
  s.nats.forEach((n, i) => {
    const p = indexPath('$.nats', i);
    add('nat', n.id, p, [
      [n.inside, childPath(p, 'inside')],
      [n.outside, childPath(p, 'outside')],
    ]);
  });
  s.middleboxes.forEach((m, i) => {
    const p = indexPath('$.middleboxes', i);
    add('middlebox', m.id, p, m.interfaces.map((f, j) => [f, indexPath(childPath(p, 'interfaces'), j)]));
  });
  return nodes;
}

/** "client.eth0" → ["client", "eth0"]; ids cannot contain '.', so one split is exact. */
export function splitInterfaceRef(ref: string): [string, string] {
  const dot = ref.indexOf('.');
  return [ref.slice(0, dot), ref.slice(dot + 1)];
}

export const interfaceRef = (nodeId: string, interfaceId: string) => `${nodeId}.${interfaceId}`;
