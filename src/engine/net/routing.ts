/**
 * Static shortest-path routes. For every interface address in the
 * topology, each forwarding node (router, NAT, middlebox) and each host
 * learns which of its interfaces leads there in the fewest hops. Paths end
 * through the link the address's interface sits on, so a multihomed host's
 * second address is reached over its own path, not just "the host".
 * Hosts never forward. Ties go to the lowest interface index.
 */
export interface GraphPort {
  /** Node at the other end of this interface's link, and its interface there. */
  peer: string;
  peerIface: number;
}

export interface GraphNode {
  id: string;
  forwards: boolean;
  /** One entry per interface; null when the interface has no link. */
  ports: (GraphPort | null)[];
  /** Address keys per interface. */
  addresses: string[][];
}

/** node id → (address key → outgoing interface index). */
export function computeRoutes(nodes: readonly GraphNode[]): Map<string, Map<string, number>> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const tables = new Map(nodes.map((n) => [n.id, new Map<string, number>()]));
  for (const owner of nodes) {
    owner.addresses.forEach((keys, ifaceIndex) => {
      const port = owner.ports[ifaceIndex];
      if (!port || keys.length === 0) return;
      // BFS outward from the neighbour across this interface's link, through forwarding nodes only.
      const dist = new Map<string, number>([[port.peer, 0]]);
      const toward = new Map<string, number>();
      const first = byId.get(port.peer)!;
      toward.set(first.id, port.peerIface);
      const queue = [first];
      while (queue.length) {
        const n = queue.shift()!;
        // A host next to the address reaches it directly but forwards for nobody.
        if (!n.forwards) continue;
        n.ports.forEach((p) => {
          if (!p || p.peer === owner.id || dist.has(p.peer)) return;
          dist.set(p.peer, dist.get(n.id)! + 1);
          toward.set(p.peer, p.peerIface);
          queue.push(byId.get(p.peer)!);
        });
      }
      for (const [nodeId, iface] of toward) {
        if (nodeId === owner.id) continue;
        const table = tables.get(nodeId)!;
        for (const k of keys) if (!table.has(k)) table.set(k, iface);
      }
    });
  }
  return tables;
}
