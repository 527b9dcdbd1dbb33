/**
 * Scenario actions at their times: links going down or up, path-manager
 * endpoints deleted or changed, applications aborting. Each is recorded as
 * an event, then left to the protocols: what follows (timeouts, stale
 * subflows, REMOVE_ADDR, MP_PRIO, reinjection, MP_FASTCLOSE) is the hosts'
 * own doing.
 */
import type { Network } from '../net/topology.ts';
import { parseCidrAddress } from '../net/topology.ts';
import { actionHost } from '../scenario/derived.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Simulation } from '../sim/simulation.ts';
import type { TrafficSockets } from './traffic.ts';
import type { Transport } from './transport.ts';

/** `sockets` is filled by `startTraffic` (called after this) before any action is due. */
export function scheduleActions(sim: Simulation, s: Scenario, net: Network, transport: Transport, sockets: TrafficSockets): void {
  for (const a of s.actions) {
    if (a.kind === 'link-down' || a.kind === 'link-up') {
      const link = net.links.find((l) => l.id === a.link)!;
      const up = a.kind === 'link-up';
      sim.at(a.atUs, () => {
        link.up = up;
        sim.trace.event({ timeUs: sim.now, host: link.id, kind: a.kind, link: link.id });
      });
      continue;
    }
    const host = net.hosts.get(actionHost(s, a)!)!;
    if (a.kind === 'app-abort') {
      host.later(a.atUs, () => {
        const sock = sockets.get(a.traffic)?.[a.side];
        const open = sock !== undefined && sock.state !== 'closed';
        host.event({ kind: 'app-abort', traffic: a.traffic, side: a.side, open });
        if (open) sock.abort();
      });
      continue;
    }
    const stack = transport.stacks.get(a.host);
    if (!stack) continue; // plain TCP: the validator refuses endpoint actions there
    const addr = parseCidrAddress(a.address);
    if (a.kind === 'endpoint-remove') host.later(a.atUs, () => stack.removeEndpoint(addr));
    else host.later(a.atUs, () => stack.setEndpointBackup(addr, a.backup));
  }
}
