/**
 * An attacker's own address: one no interface, NAT or other attacker has.
 * The palette and the surface sweep both pick from the same candidates, so
 * an attacker placed by hand and one the sweep places look alike.
 */
import type { Scenario } from './types.ts';

/** Candidates, in order: 198.18.66.6, 198.18.66.7, … 198.18.66.254. */
const PREFIX = '198.18.66.';
const FIRST = 6;
const LAST = 254;

const bare = (a: string) => a.split('/')[0]!;

/** Every address in use: interfaces of hosts, routers, NATs and middleboxes, and attackers' own. */
export function usedAddresses(s: Scenario): Set<string> {
  const interfaces = [...s.hosts.flatMap((h) => h.interfaces), ...s.routers.flatMap((r) => r.interfaces), ...s.nats.flatMap((n) => [n.inside, n.outside]), ...s.middleboxes.flatMap((m) => m.interfaces)];
  const used = new Set(interfaces.flatMap((i) => i.addresses.map(bare)));
  for (const n of s.nats) if (n.publicAddress) used.add(bare(n.publicAddress));
  for (const a of s.attackers) if (a.address) used.add(bare(a.address));
  return used;
}

/** The first free candidate, or null when all are taken. */
export function freeAttackerAddress(s: Scenario): string | null {
  const used = usedAddresses(s);
  for (let n = FIRST; n <= LAST; n++) if (!used.has(PREFIX + n)) return PREFIX + n;
  return null;
}
