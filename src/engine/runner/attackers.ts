/**
 * Builds a scenario's attackers on the built network: each taps the links
 * it sits on (a router means all of that router's links) and gets its
 * strategy from the registry, with the attack's parameter defaults filled.
 */
import { Attacker } from '../attacks/attacker.ts';
import { attackInfo } from '../attacks/catalog.ts';
import { strategyFor } from '../attacks/registry.ts';
import { LabError } from '../core/errors.ts';
import type { Link } from '../net/link.ts';
import type { AddressHolder } from '../net/node.ts';
import type { Network } from '../net/topology.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { PublicService } from '../attacks/strategy.ts';
import { parseCidrAddress } from '../net/topology.ts';
import { homeRouter } from '../scenario/attacker-references.ts';
import { macFor, type MacAlgorithm } from '../crypto/mptcp-crypto.ts';

/** Who uses which advertised service: every attacker knows this much. */
function publicServices(s: Scenario): PublicService[] {
  return s.traffic.map((t) => {
    const from = s.hosts.find((h) => h.id === t.from)!;
    const to = s.hosts.find((h) => h.id === t.to)!;
    return {
      clientAddresses: from.interfaces.flatMap((i) => i.addresses.map(parseCidrAddress)),
      server: parseCidrAddress(t.toAddress ?? to.interfaces[0]!.addresses[0]!),
      port: t.port,
    };
  });
}

/** The MACs the hosts use (what transport.ts gives them). */
function macsOf(s: Scenario): { mac: MacAlgorithm; addAddrMac: MacAlgorithm } {
  const m = s.mptcp.macAlgorithm;
  return m === 'version-default' ? { mac: macFor(s.protocol === 'mptcp-v0' ? 0 : 1), addAddrMac: 'hmac-sha256' } : { mac: m, addAddrMac: m };
}

/**
 * The scenario's attackers on `net`, not yet started. `outside`: the hosts
 * real stacks play (a live run), which are not engine hosts but whose links
 * an attacker must find all the same.
 */
export function buildAttackers(sim: Simulation, s: Scenario, net: Network, outside: ReadonlyMap<string, AddressHolder> = new Map()): Attacker[] {
  const hosts: ReadonlyMap<string, AddressHolder> = outside.size ? new Map<string, AddressHolder>([...net.hosts, ...outside]) : net.hosts;
  return s.attackers.map((spec) => {
    const def = strategyFor(spec.attack);
    if (!def) throw new LabError('INTERNAL', `attack ${spec.attack} has no strategy (the validator should have refused it)`);
    const links: Link[] = [];
    for (const id of spec.at) {
      const link = net.links.find((l) => l.id === id);
      if (link) links.push(link);
      const router = net.routers.get(id);
      if (router) for (const p of router.ports) if (p && !links.includes(p.link)) links.push(p.link);
    }
    const params = attackInfo(spec.attack).params.fill(spec.params) as Record<string, unknown>;
    const homeId = spec.address !== undefined ? homeRouter(s, spec.at) : undefined;
    const home = homeId === undefined ? undefined : net.routers.get(homeId);
    return new Attacker(sim, spec, () => def.create(params), params, { links, hosts, routers: net.routers, services: publicServices(s), protocol: s.protocol, tls: s.mptcp.mitigations.includes('tls'), statelessJoin: s.mptcp.mitigations.includes('stateless-join'), ...macsOf(s), ...(home ? { home } : {}) });
  });
}
