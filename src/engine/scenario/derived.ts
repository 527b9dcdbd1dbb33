/**
 * Values a scenario leaves to be worked out from other fields. Kept out of
 * `applyDefaults` on purpose (see `defaults.ts`); every layer that needs one
 * calls these, so the rule is written once.
 */
import type { ActionSpec, HostSpec, MptcpVersionName, NatSpec, PathManagerSpec, Scenario, TrafficSpec } from './types.ts';
import { LabError } from '../core/errors.ts';

/** "198.18.1.1/24" → "198.18.1.1". */
export function cidrAddress(cidr: string): string {
  const slash = cidr.indexOf('/');
  return slash < 0 ? cidr : cidr.slice(0, slash);
}

/** Where a traffic connects: `toAddress`, else the first address of `to`'s first interface. */
export function trafficDestination(s: Scenario, t: TrafficSpec): string {
  if (t.toAddress !== undefined) return t.toAddress;
  const first = s.hosts.find((h) => h.id === t.to)?.interfaces[0]?.addresses[0];
  if (first === undefined) throw new LabError('INTERNAL', `traffic ${t.id}: no host ${t.to} (the scenario was not validated)`);
  return cidrAddress(first);
}

/** The host that carries out an action (an app-abort's traffic end), or undefined for a link's. */
export function actionHost(s: Pick<Scenario, 'traffic'>, a: ActionSpec): string | undefined {
  if (a.kind === 'link-down' || a.kind === 'link-up') return undefined;
  if (a.kind !== 'app-abort') return a.host;
  const t = s.traffic.find((x) => x.id === a.traffic);
  return t && (a.side === 'client' ? t.from : t.to);
}

/** The source address a NAT gives: `publicAddress`, else its outside interface's first address. */
export function natPublicAddress(nat: NatSpec): string {
  return nat.publicAddress ?? cidrAddress(nat.outside.addresses[0]!);
}

/**
 * Address ID of each endpoint, in list order. Explicit ids are kept; the
 * others get the lowest ids (from 1; 0 is the initial subflow's, RFC 8684
 * §3.4.1) not taken by an explicit one, in list order.
 */
export function endpointAddressIds(pm: PathManagerSpec): number[] {
  const taken = new Set(pm.endpoints.flatMap((e) => (e.id === undefined ? [] : [e.id])));
  let next = 1;
  return pm.endpoints.map((e) => {
    if (e.id !== undefined) return e.id;
    while (taken.has(next)) next++;
    taken.add(next);
    return next;
  });
}

/** The MPTCP versions a host speaks, highest first: its own `mptcp.versions`, else the protocol's version. */
export function hostMptcpVersions(s: Scenario, h: HostSpec): MptcpVersionName[] {
  const own = h.mptcp?.versions ?? [s.protocol === 'mptcp-v0' ? 'v0' : 'v1'];
  return [...own].sort((a, b) => b.localeCompare(a));
}

/** Linux's net.mptcp.allow_join_initial_addr_port for a host: its own setting, else 1 (true). */
export function hostAllowsJoinInitialAddrPort(h: HostSpec): boolean {
  return h.mptcp?.allowJoinInitialAddrPort ?? true;
}
