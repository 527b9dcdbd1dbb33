/**
 * Builds the simulated network of a scenario: nodes, links with their
 * attachments, and static routes.
 */
import { LabError } from '../core/errors.ts';
import { Host } from '../host/host.ts';
import type { Scenario, InterfaceSpec } from '../scenario/types.ts';
import type { Simulation } from '../sim/simulation.ts';
import { parseIp, type IpAddress } from '../wire/ip-address.ts';
import { addressKey } from './address-key.ts';
import { Link } from './link.ts';
import type { NetNode } from './node.ts';
import { Middlebox } from './middlebox.ts';
import { Nat } from './nat.ts';
import { Router } from './router.ts';
import { computeRoutes, type GraphNode } from './routing.ts';
import { homeRouter } from '../scenario/attacker-references.ts';

export interface Network {
  hosts: Map<string, Host>;
  routers: Map<string, Router>;
  nats: Map<string, Nat>;
  middleboxes: Map<string, Middlebox>;
  links: Link[];
  /** Every node by id. */
  nodes: Map<string, NetNode>;
}

/** "198.18.1.1/24" → address (prefix length is not used: routes are computed from the topology). */
export function parseCidrAddress(text: string): IpAddress {
  const a = parseIp(text.split('/')[0]!);
  if (!a) throw new LabError('INTERNAL', `not an address: ${text}`);
  return a;
}

const addressesOf = (ifaces: readonly InterfaceSpec[]) => ifaces.map((i) => i.addresses.map(parseCidrAddress));

/**
 * A host a live run leaves to a real stack outside the engine: the network
 * routes to its addresses as usual, and what reaches it leaves the engine.
 */
export type OutsideNodeFactory = (spec: Scenario['hosts'][number], addrs: IpAddress[][]) => NetNode | undefined;

export function buildNetwork(
  sim: Simulation,
  s: Scenario,
  hostFactory: (spec: Scenario['hosts'][number], addrs: IpAddress[][]) => Host = (spec, addrs) => new Host(sim, spec, addrs),
  outside: OutsideNodeFactory = () => undefined,
): Network {
  const hosts = new Map<string, Host>();
  const routers = new Map<string, Router>();
  const nodes = new Map<string, NetNode>();
  const ifaceIds = new Map<string, string[]>();
  const graph = new Map<string, GraphNode>();

  for (const h of s.hosts) {
    const addrs = addressesOf(h.interfaces);
    const node = outside(h, addrs);
    if (node) nodes.set(h.id, node);
    else {
      const host = hostFactory(h, addrs);
      hosts.set(h.id, host);
      nodes.set(h.id, host);
    }
    ifaceIds.set(h.id, h.interfaces.map((i) => i.id));
    graph.set(h.id, { id: h.id, forwards: false, ports: h.interfaces.map(() => null), addresses: addrs.map((l) => l.map(addressKey)) });
  }
  for (const r of s.routers) {
    const router = new Router(sim, r.id);
    const addrs = addressesOf(r.interfaces);
    for (const l of addrs) for (const a of l) router.ownAddresses.add(addressKey(a));
    routers.set(r.id, router);
    nodes.set(r.id, router);
    ifaceIds.set(r.id, r.interfaces.map((i) => i.id));
    graph.set(r.id, { id: r.id, forwards: true, ports: r.interfaces.map(() => null), addresses: addrs.map((l) => l.map(addressKey)) });
  }

  const resolve = (ref: string): { node: string; iface: number } => {
    const dot = ref.indexOf('.');
    const node = ref.slice(0, dot);
    const iface = ifaceIds.get(node)?.indexOf(ref.slice(dot + 1)) ?? -1;
    if (iface < 0) throw new LabError('INTERNAL', `link end ${ref} names no interface`);
    return { node, iface };
  };

  const nats = new Map<string, Nat>();
  for (const n of s.nats) {
    const ifaces = [n.inside, n.outside];
    const addrs = addressesOf(ifaces);
    const pub = n.publicAddress ? parseCidrAddress(n.publicAddress) : addrs[1]![0]!;
    const nat = new Nat(sim, n, pub);
    nats.set(n.id, nat);
    nodes.set(n.id, nat);
    ifaceIds.set(n.id, ifaces.map((i) => i.id));
    graph.set(n.id, { id: n.id, forwards: true, ports: [null, null], addresses: addrs.map((l) => l.map(addressKey)) });
  }
  const middleboxes = new Map<string, Middlebox>();
  for (const m of s.middleboxes) {
    const mb = new Middlebox(sim, m);
    middleboxes.set(m.id, mb);
    nodes.set(m.id, mb);
    ifaceIds.set(m.id, m.interfaces.map((i) => i.id));
    // A bump in the wire: it forwards, but its own addresses are not destinations.
    graph.set(m.id, { id: m.id, forwards: true, ports: [null, null], addresses: [[], []] });
  }

  const links: Link[] = [];
  for (const spec of s.links) {
    const link = new Link(sim, spec);
    const a = resolve(spec.a);
    const b = resolve(spec.b);
    link.connect(0, nodes.get(a.node)!, a.iface);
    link.connect(1, nodes.get(b.node)!, b.iface);
    graph.get(a.node)!.ports[a.iface] = { peer: b.node, peerIface: b.iface };
    graph.get(b.node)!.ports[b.iface] = { peer: a.node, peerIface: a.iface };
    links.push(link);
  }

  // An attacker's own address lives behind its home router: routes lead there, and the router hands
  // such packets to whoever registers for them (the attacker) instead of forwarding them.
  for (const a of s.attackers) {
    if (a.address === undefined) continue;
    const home = homeRouter(s, a.at);
    const g = home === undefined ? undefined : graph.get(home);
    const port = g?.ports.findIndex((p) => p !== null) ?? -1;
    if (!g || port < 0) throw new LabError('INTERNAL', `attacker ${a.id}: no router to reach ${a.address} through`);
    const key = addressKey(parseCidrAddress(a.address));
    g.addresses[port]!.push(key);
    routers.get(home!)!.ownAddresses.add(key);
  }

  const tables = computeRoutes([...graph.values()]);
  for (const [id, table] of tables) {
    const target = hosts.get(id)?.routes ?? routers.get(id)?.routes ?? nats.get(id)?.routes;
    if (target) for (const [k, v] of table) target.set(k, v);
  }
  return { hosts, routers, nats, middleboxes, links, nodes };
}
