/**
 * Cross-reference checks that concern hosts: path-manager endpoints (Linux's
 * rules for `ip mptcp endpoint`) and traffic (who talks to whom, at which
 * address, and whether a path joins them).
 */
import type { HostSpec, Scenario, ScenarioProblem, TrafficSpec } from './types.ts';
import type { IpAddress } from '../wire/ip-address.ts';
import type { Topology } from './references.ts';
import { addressKey, parseCidr, parseHostAddress } from './addresses.ts';
import { reach } from './connectivity.ts';
import { NODE_KIND_NOUN } from './node-index.ts';
import { childPath, didYouMean, indexPath, listOf, quote } from './problem-text.ts';

export interface HostAddress {
  key: string;
  text: string;
  address: IpAddress;
  /** "node.interface" owning it. */
  ref: string;
}

export function hostAddresses(h: HostSpec): HostAddress[] {
  const out: HostAddress[] = [];
  for (const ifc of h.interfaces) {
    for (const cidr of ifc.addresses) {
      const parsed = parseCidr(cidr);
      if (parsed.ok) out.push({ key: addressKey(parsed.cidr.address), text: cidr.slice(0, cidr.indexOf('/')), address: parsed.cidr.address, ref: `${h.id}.${ifc.id}` });
    }
  }
  return out;
}

const problem = (path: string, code: ScenarioProblem['code'], message: string): ScenarioProblem => ({ path, code, message });

/** A host's own MPTCP settings mean nothing when the scenario runs plain TCP. */
export function checkHostMptcp(s: Scenario, problems: ScenarioProblem[]): void {
  if (s.protocol !== 'tcp') return;
  s.hosts.forEach((h, i) => {
    if (!h.mptcp) return;
    for (const field of ['versions', 'allowJoinInitialAddrPort'] as const) {
      if (h.mptcp[field] === undefined) continue;
      problems.push(problem(childPath(childPath(indexPath('$.hosts', i), 'mptcp'), field), 'SCENARIO_CONFLICT', `the protocol is "tcp", so ${h.id} speaks no MPTCP: set protocol to "mptcp-v0" or "mptcp-v1", or remove "${field}"`));
    }
  });
}

export function checkPathManagers(s: Scenario, problems: ScenarioProblem[]): void {
  s.hosts.forEach((h, i) => {
    const own = hostAddresses(h);
    const endpointsPath = childPath(childPath(indexPath('$.hosts', i), 'pathManager'), 'endpoints');
    const ids = new Map<number, string>();
    const places = new Map<string, string>();
    h.pathManager?.endpoints.forEach((e, j) => {
      const path = indexPath(endpointsPath, j);
      const parsed = parseHostAddress(e.address);
      if (parsed.ok) {
        const key = addressKey(parsed.address);
        if (!own.some((a) => a.key === key)) {
          problems.push(problem(childPath(path, 'address'), 'SCENARIO_REFERENCE', `${e.address} is not an address of ${h.id}: expected one of ${listOf(own.map((a) => a.text))}`));
        }
        const place = `${key}#${e.port ?? ''}`;
        const first = places.get(place);
        if (first) problems.push(problem(childPath(path, 'address'), 'SCENARIO_DUPLICATE', `${e.address}${e.port === undefined ? '' : ` port ${e.port}`} already has an endpoint (${first})`));
        else places.set(place, path);
      }
      // Linux (pm_netlink.c): a port is only for an announced, non-subflow address.
      if (e.port !== undefined && !(e.flags.length === 1 && e.flags[0] === 'signal')) {
        problems.push(problem(childPath(path, 'port'), 'SCENARIO_REFERENCE', `a port is allowed only with flags ["signal"] (ip mptcp endpoint add ADDR port P signal), got flags ${JSON.stringify(e.flags)}`));
      }
      if (e.flags.includes('signal') && e.flags.includes('fullmesh')) {
        problems.push(problem(childPath(path, 'flags'), 'SCENARIO_REFERENCE', '"signal" and "fullmesh" cannot be combined (Linux refuses the endpoint)'));
      }
      if (e.id !== undefined) {
        const first = ids.get(e.id);
        if (first) problems.push(problem(childPath(path, 'id'), 'SCENARIO_DUPLICATE', `address ID ${e.id} is already used by ${first}`));
        else ids.set(e.id, path);
      }
    });
  });
}

export function checkTraffic(s: Scenario, topology: Topology, problems: ScenarioProblem[]): void {
  const hosts = new Map<string, HostSpec>();
  for (const h of s.hosts) if (!hosts.has(h.id)) hosts.set(h.id, h); // the first of a repeated id, as elsewhere
  const hostIds = [...hosts.keys()];
  const trafficIds = new Map<string, string>();
  s.traffic.forEach((t, i) => {
    const path = indexPath('$.traffic', i);
    const first = trafficIds.get(t.id);
    if (first) problems.push(problem(childPath(path, 'id'), 'SCENARIO_DUPLICATE', `${quote(t.id)} is already the id of other traffic (${first})`));
    else trafficIds.set(t.id, path);

    const from = findHost(t.from, childPath(path, 'from'), hosts, hostIds, topology, problems);
    const to = findHost(t.to, childPath(path, 'to'), hosts, hostIds, topology, problems);
    if (!from || !to) return;
    if (from === to) {
      problems.push(problem(childPath(path, 'to'), 'SCENARIO_REFERENCE', `a connection needs two different hosts, got ${quote(t.to)} as both from and to`));
      return;
    }
    const destination = findDestination(t, to, path, problems);
    if (!destination) return;
    const family = destination.address.family;
    if (!hostAddresses(from).some((a) => a.address.family === family)) {
      problems.push(problem(childPath(path, 'from'), 'SCENARIO_REFERENCE', `${from.id} has no IPv${family} address, so it cannot connect to ${destination.text}`));
      return;
    }
    if (!topology.sound) return; // a broken topology was reported already; reachability would only echo it
    const verdict = reach({ nodes: topology.nodes, peers: topology.peers }, from.id, destination.ref);
    if (verdict === 'reachable') return;
    const why =
      verdict === 'blocked-by-nat'
        ? `every path to ${destination.ref} (${destination.text}) enters a NAT from its outside, and a NAT lets in only replies`
        : `no chain of links, routers, NATs or middleboxes joins ${from.id} to ${destination.ref} (${destination.text})`;
    problems.push(problem(path, 'SCENARIO_REFERENCE', `${from.id} cannot reach ${to.id}: ${why}`));
  });
}

export function findHost(
  id: string,
  path: string,
  hosts: Map<string, HostSpec>,
  hostIds: string[],
  topology: Topology,
  problems: ScenarioProblem[],
): HostSpec | undefined {
  const host = hosts.get(id);
  if (host) return host;
  const node = topology.nodes.get(id);
  const what = node ? `; it is ${NODE_KIND_NOUN[node.kind]}` : '';
  problems.push(problem(path, 'SCENARIO_REFERENCE', `${quote(id)} is not a host${what}: expected one of ${listOf(hostIds)}${node ? '' : didYouMean(id, hostIds)}`));
  return undefined;
}

/** `toAddress` if given (it must be `to`'s), else the first address of `to`'s first interface. */
function findDestination(t: TrafficSpec, to: HostSpec, path: string, problems: ScenarioProblem[]): HostAddress | undefined {
  const own = hostAddresses(to);
  if (t.toAddress === undefined) return own[0];
  const parsed = parseHostAddress(t.toAddress);
  if (!parsed.ok) return undefined;
  const key = addressKey(parsed.address);
  const match = own.find((a) => a.key === key);
  if (!match) problems.push(problem(childPath(path, 'toAddress'), 'SCENARIO_REFERENCE', `${t.toAddress} is not an address of ${to.id}: expected one of ${listOf(own.map((a) => a.text))}`));
  return match;
}
