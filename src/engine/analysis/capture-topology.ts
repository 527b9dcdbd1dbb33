/**
 * The network a capture implies, from its MPTCP subflows alone: the
 * addresses of a connection's client side (the initial subflow's SYN sender,
 * and every address its joins came from or went to on that side, as tokens
 * tell) are one host, those of its server side another; hosts sharing an
 * address across connections are one. Each (client address, server address)
 * pair the subflows used is one path, drawn as a direct link between the two
 * interfaces. The result is a Scenario for the topology view, never run: an
 * interface may end several links, and a link's delay and rate are what the
 * capture measured (half the path's handshake RTT, the bits its subflows
 * carried over their lifetime), not settings.
 */
import { SCENARIO_SCHEMA_VERSION } from '../scenario/types.ts';
import { formatIp, type IpAddress } from '../wire/ip-address.ts';
import { applyDefaults } from '../scenario/defaults.ts';
import type { Scenario } from '../scenario/types.ts';
import type { TimelineLane, TimelineSubflow } from '../runner/timeline-codes.ts';
import { endpointText } from './endpoints.ts';
import { otherSide, type SubflowState } from './model.ts';
import type { Side } from './report-types.ts';

/** What the timeline builder saw of one subflow. */
export interface ObservedSubflow {
  state: SubflowState;
  firstFrame: number;
  /** Address ids (the builder's) of the SYN's sender and receiver. */
  synSenderAddress: number;
  synReceiverAddress: number;
  /** Handshake round trip at the capture point (NaN: not seen). */
  rttUs: number;
  /** Bits of every frame of it, and when it was first and last seen (µs). */
  bits: number;
  firstUs: number;
  lastUs: number;
}

export interface InferredTopology {
  scenario: Scenario;
  lanes: TimelineLane[];
  /** Link ids, the paths' first; "other" is appended the first time a frame needs it. */
  links: string[];
  subflows: TimelineSubflow[];
  laneOfAddress(address: number): number;
  linkOfSubflow: number[];
  /** The path between two addresses (either way round), or the "other" link. */
  linkOfPair(a: number, b: number): number;
  /** Half the smallest handshake RTT measured on each link (0: none measured). */
  halfRttOfLink: number[];
  /** A key naming each subflow's connection. */
  connectionOfSubflow: string[];
  /** Which host of its connection sent a frame of a subflow. */
  sideOf(subflow: number, fromSynSender: boolean): Side;
}

const MAX_DELAY_US = 10_000_000;

export function inferTopology(subflows: readonly ObservedSubflow[], addresses: readonly IpAddress[], otherTraffic: boolean): InferredTopology {
  const connectionOfSubflow = subflows.map((s, k) => (s.state.conn ? `c${s.state.conn.index}` : `u${k}`));
  // An unmatched join (its token named no key in the capture) stands alone, its SYN sender as client.
  const synSenderSide = (s: ObservedSubflow): Side => (s.state.conn ? s.state.initiator : 'client');
  const clientAddress = (s: ObservedSubflow) => (synSenderSide(s) === 'client' ? s.synSenderAddress : s.synReceiverAddress);
  const serverAddress = (s: ObservedSubflow) => (synSenderSide(s) === 'client' ? s.synReceiverAddress : s.synSenderAddress);

  const hosts = groupHosts(subflows, connectionOfSubflow, clientAddress, serverAddress);
  const names = hostNames(hosts);
  const laneOf = new Map<number, number>();
  const endOf = new Map<number, string>();
  const lanes: TimelineLane[] = [{ id: 'connection', kind: 'connection', label: 'Connection (data level)', node: '' }];
  for (const k of laneOrder(hosts)) {
    hosts[k]!.addresses.forEach((a, j) => {
      const id = `${names[k]!.id}.eth${j}`;
      laneOf.set(a, lanes.length);
      endOf.set(a, id);
      lanes.push({ id, kind: 'interface', label: `${names[k]!.label} eth${j} ${formatIp(addresses[a]!)}`, node: names[k]!.id });
    });
  }
  const otherLane = otherTraffic ? lanes.push({ id: 'other', kind: 'node', label: 'Other traffic', node: '' }) - 1 : 0;

  const links: string[] = [];
  const pathOf = new Map<string, number>();
  const linkOfSubflow = subflows.map((s) => {
    const key = `${clientAddress(s)}|${serverAddress(s)}`;
    let l = pathOf.get(key);
    if (l === undefined) {
      l = links.length;
      pathOf.set(key, l);
      links.push(`path-${l + 1}`);
    }
    return l;
  });
  const paths = links.length;
  const halfRttOfLink = new Array<number>(paths).fill(0);
  const bits = new Array<number>(paths).fill(0);
  const span = links.map(() => ({ from: Infinity, to: -Infinity }));
  subflows.forEach((s, k) => {
    const l = linkOfSubflow[k]!;
    if (!Number.isNaN(s.rttUs) && (halfRttOfLink[l] === 0 || s.rttUs / 2 < halfRttOfLink[l]!)) halfRttOfLink[l] = s.rttUs / 2;
    bits[l]! += s.bits;
    span[l]!.from = Math.min(span[l]!.from, s.firstUs);
    span[l]!.to = Math.max(span[l]!.to, s.lastUs);
  });
  let otherLink = -1;

  const ends = [...pathOf.keys()].map((key) => key.split('|').map(Number) as [number, number]);
  const scenario = applyDefaults({
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    id: 'capture',
    title: 'Network seen in a capture',
    description: 'Hosts, addresses and paths as the MPTCP connections of an opened capture show them. A link’s delay is half its handshake round trip and its rate what its subflows carried, both measured at the capture point. Drawn, never run.',
    seed: 0,
    protocol: subflows.some((s) => s.state.conn?.version === 1) || subflows.every((s) => !s.state.conn) ? 'mptcp-v1' : 'mptcp-v0',
    hosts: hosts.map((h, k) => ({
      id: names[k]!.id,
      label: names[k]!.label,
      interfaces: h.addresses.map((a, j) => ({ id: `eth${j}`, addresses: [`${formatIp(addresses[a]!)}/${addresses[a]!.family === 4 ? 32 : 128}`] })),
    })),
    links: ends.map(([c, s], l) => ({
      id: links[l]!,
      a: endOf.get(c)!,
      b: endOf.get(s)!,
      delayUs: Math.min(MAX_DELAY_US, Math.round(halfRttOfLink[l]!)),
      bandwidthBps: Math.min(100_000_000_000, Math.max(1_000, Math.round((bits[l]! * 1e6) / Math.max(1, span[l]!.to - span[l]!.from)))),
    })),
    traffic: trafficOf(subflows, names, hosts, addresses),
    attackers: [],
  });

  return {
    scenario,
    lanes,
    links,
    subflows: subflows.map((s) => ({ label: `${endpointText(s.state.client)} ⇄ ${endpointText(s.state.server)}`, firstFrame: s.firstFrame })),
    laneOfAddress: (a) => laneOf.get(a) ?? otherLane,
    linkOfSubflow,
    linkOfPair: (a, b) => {
      const l = pathOf.get(`${a}|${b}`) ?? pathOf.get(`${b}|${a}`);
      if (l !== undefined) return l;
      if (otherLink < 0) otherLink = links.push('other') - 1;
      return otherLink;
    },
    halfRttOfLink,
    connectionOfSubflow,
    sideOf: (k, fromSynSender) => (fromSynSender ? synSenderSide(subflows[k]!) : otherSide(synSenderSide(subflows[k]!))),
  };
}

interface Host {
  /** Address ids in the order the subflows first used them. */
  addresses: number[];
  client: boolean;
  server: boolean;
}

/** Hosts as sets of addresses: a connection's client-side addresses are one host, its server side another, joined where they share one. */
function groupHosts(subflows: readonly ObservedSubflow[], connectionOf: readonly string[], clientAddress: (s: ObservedSubflow) => number, serverAddress: (s: ObservedSubflow) => number): Host[] {
  const parent = new Map<number, number>();
  const find = (a: number): number => {
    let x = a;
    while (parent.get(x)! !== x) x = parent.get(x)!;
    parent.set(a, x);
    return x;
  };
  const union = (a: number, b: number) => parent.set(find(b), find(a));
  const order = new Map<number, number>();
  const sideAnchor = new Map<string, number>();
  const roles: { address: number; role: Side }[] = [];
  subflows.forEach((s, k) => {
    for (const [address, role] of [[clientAddress(s), 'client'], [serverAddress(s), 'server']] as const) {
      if (!parent.has(address)) {
        parent.set(address, address);
        order.set(address, order.size);
      }
      roles.push({ address, role });
      const anchor = `${connectionOf[k]}:${role}`;
      const first = sideAnchor.get(anchor);
      if (first === undefined) sideAnchor.set(anchor, address);
      else union(first, address);
    }
  });
  const hostOfRoot = new Map<number, Host>();
  const hosts: Host[] = [];
  for (const address of [...order.keys()].sort((a, b) => order.get(a)! - order.get(b)!)) {
    const root = find(address);
    let h = hostOfRoot.get(root);
    if (!h) {
      h = { addresses: [], client: false, server: false };
      hostOfRoot.set(root, h);
      hosts.push(h);
    }
    h.addresses.push(address);
  }
  for (const { address, role } of roles) hostOfRoot.get(find(address))![role] = true;
  return hosts;
}

/** "client" and "server" when the capture shows one of each; else "host A", "host B", ... */
function hostNames(hosts: readonly Host[]): { id: string; label: string }[] {
  const pair = hosts.length === 2 && hosts[0]!.client && !hosts[0]!.server && hosts[1]!.server && !hosts[1]!.client;
  if (pair) return [{ id: 'client', label: 'client' }, { id: 'server', label: 'server' }];
  return hosts.map((_, k) => {
    const letter = k < 26 ? String.fromCharCode(65 + k) : String(k + 1);
    return { id: `host-${letter.toLowerCase()}`, label: `host ${letter}` };
  });
}

/** Hosts that only open connections first (as a simulated run puts clients), the rest after. */
function laneOrder(hosts: readonly Host[]): number[] {
  const ks = hosts.map((_, k) => k);
  return [...ks.filter((k) => hosts[k]!.client && !hosts[k]!.server), ...ks.filter((k) => !(hosts[k]!.client && !hosts[k]!.server))];
}

/** One bulk transfer per connection, from its client host to its server's first address: what makes the view call them client and server. */
function trafficOf(subflows: readonly ObservedSubflow[], names: readonly { id: string }[], hosts: readonly Host[], addresses: readonly IpAddress[]) {
  const hostOf = (address: number) => names[hosts.findIndex((h) => h.addresses.includes(address))]!.id;
  const seen = new Set<number>();
  const out = [];
  for (const s of subflows) {
    const conn = s.state.conn;
    if (!conn || seen.has(conn.index) || conn.initial !== s.state) continue;
    seen.add(conn.index);
    out.push({
      id: `connection-${conn.index + 1}`,
      kind: 'bulk' as const,
      from: hostOf(s.synSenderAddress),
      to: hostOf(s.synReceiverAddress),
      toAddress: formatIp(addresses[s.synReceiverAddress]!),
      port: s.state.server.port,
      bytes: Math.max(1, conn.bytesSent.client),
      startUs: Math.round(s.firstUs),
    });
  }
  return out;
}
