/** The scenario's network as a graph: its nodes (hosts, routers, NATs, middleboxes) and who is client or server. */
import type { Scenario } from '../../../engine/index.ts';
import { plural } from '../../lib/format.ts';

export type NodeKind = 'host' | 'router' | 'nat' | 'middlebox';

export interface GraphInterface {
  id: string;
  /** Addresses without their prefix length. */
  addresses: string[];
}

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  interfaces: GraphInterface[];
  /** Hosts that open connections are clients, hosts that accept them servers. */
  role: 'client' | 'server' | null;
}

export interface Point {
  x: number;
  y: number;
}

/** The node of a link end "<nodeId>.<interfaceId>" (node ids never contain a dot). */
export function endNode(end: string): string {
  const dot = end.indexOf('.');
  return dot < 0 ? end : end.slice(0, dot);
}

const bare = (i: { id: string; addresses: string[] }): GraphInterface => ({ id: i.id, addresses: i.addresses.map((a) => a.split('/')[0]!) });

/** Every node, in declaration order: hosts, routers, NATs, middleboxes. */
export function graphNodes(s: Scenario): GraphNode[] {
  const clients = new Set(s.traffic.map((t) => t.from));
  const servers = new Set(s.traffic.map((t) => t.to));
  return [
    ...s.hosts.map((h): GraphNode => ({
      id: h.id,
      kind: 'host',
      label: h.label ?? h.id,
      interfaces: h.interfaces.map(bare),
      role: clients.has(h.id) ? 'client' : servers.has(h.id) ? 'server' : null,
    })),
    ...s.routers.map((r): GraphNode => ({ id: r.id, kind: 'router', label: r.label ?? r.id, interfaces: r.interfaces.map(bare), role: null })),
    ...s.nats.map((n): GraphNode => ({ id: n.id, kind: 'nat', label: n.label ?? n.id, interfaces: [bare(n.inside), bare(n.outside)], role: null })),
    ...s.middleboxes.map((m): GraphNode => ({ id: m.id, kind: 'middlebox', label: m.label ?? m.id, interfaces: m.interfaces.map(bare), role: null })),
  ];
}

/** "2 hosts, 2 routers, 4 links, 1 attacker" (NATs, middleboxes and attackers only when there are some). */
export function topologySummary(s: Scenario): string {
  const parts = [plural(s.hosts.length, 'host'), plural(s.routers.length, 'router')];
  if (s.nats.length) parts.push(plural(s.nats.length, 'NAT'));
  if (s.middleboxes.length) parts.push(plural(s.middleboxes.length, 'middlebox', 'middleboxes'));
  parts.push(plural(s.links.length, 'link'));
  if (s.attackers.length) parts.push(plural(s.attackers.length, 'attacker'));
  return parts.join(', ');
}
