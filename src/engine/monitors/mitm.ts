/**
 * `mitm`: connection data flows through a relay the attacker controls and
 * that was on no path when the connection opened (its own address, reached
 * only because a host joined it). The evidence is the first relayed data
 * packet, as the attacker's own relay reported it.
 */
import type { Finding, Monitor } from './monitor.ts';
import { Atk, evt, prose } from './prose.ts';

export const mitm: Monitor = {
  id: 'mitm',
  evaluate(truth) {
    const out: Finding[] = [];
    for (const a of truth.attackers) {
      const relay = a.actions.find((x) => x.kind === 'attacker-relay');
      const data = a.actions.find((x) => x.kind === 'attacker-relay-data');
      if (!data) continue;
      out.push({
        failure: 'mitm',
        timeUs: data.timeUs,
        attacker: a.id,
        evidence: { packets: data.packets ?? [], events: [] },
        explanation: prose`${Atk(a.id)} (${a.describeClass()}) became a man in the middle from a place no path went through when the connection opened, its own address ${a.spec.address!}: ${relay ? evt(relay) : 'it relayed a subflow'}; ${evt(data)}. It sees, and could change, everything on that subflow.`,
      });
    }
    return out;
  },
};
