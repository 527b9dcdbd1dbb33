/**
 * Can a connection from one host reach an interface of another? Packets cross
 * links, and pass through routers, NATs and middleboxes from any interface to
 * any other; hosts never forward. A NAT is one-way for new connections: from
 * its inside to its outside, never back in (it lets in only replies).
 */
import type { IndexedNode } from './node-index.ts';
import { interfaceRef } from './node-index.ts';

export type Reach = 'reachable' | 'blocked-by-nat' | 'unreachable';

export interface Graph {
  nodes: Map<string, IndexedNode>;
  /** "node.interface" → the interface at the other end of its link. */
  peers: Map<string, string>;
}

/** Whether `fromHost` reaches `target` ("node.interface"), and if not, whether only NAT direction stops it. */
export function reach(graph: Graph, fromHost: string, target: string): Reach {
  if (search(graph, fromHost, target, true)) return 'reachable';
  return search(graph, fromHost, target, false) ? 'blocked-by-nat' : 'unreachable';
}

function search(graph: Graph, fromHost: string, target: string, natIsOneWay: boolean): boolean {
  const start = graph.nodes.get(fromHost);
  if (!start) return false;
  const seen = new Set<string>();
  const queue: string[] = [];
  const cross = (ifRef: string) => {
    const peer = graph.peers.get(ifRef);
    if (peer !== undefined && !seen.has(peer)) {
      seen.add(peer);
      queue.push(peer);
    }
  };
  for (const ifc of start.interfaces) cross(interfaceRef(fromHost, ifc.spec.id));
  while (queue.length > 0) {
    const arrived = queue.shift()!;
    if (arrived === target) return true;
    const nodeId = arrived.slice(0, arrived.indexOf('.'));
    const node = graph.nodes.get(nodeId);
    if (!node || node.kind === 'host') continue;
    const inbound = node.kind === 'nat' && natIsOneWay && node.interfaces[1] !== undefined && interfaceRef(nodeId, node.interfaces[1].spec.id) === arrived;
    if (inbound) continue; // NAT: arrived on the outside (interfaces[1]); new connections go no further
    for (const ifc of node.interfaces) {
      const next = interfaceRef(nodeId, ifc.spec.id);
      if (next !== arrived) cross(next);
    }
  }
  return false;
}
