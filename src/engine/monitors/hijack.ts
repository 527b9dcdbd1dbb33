/**
 * `hijack`: a legitimate host accepted into its MPTCP connection a subflow
 * whose far end is an attacker's own address, or acted on connection-level
 * control (DATA_FIN, REMOVE_ADDR, MP_PRIO, MP_FASTCLOSE) carried by a packet
 * an attacker sent. The evidence is the host's own decision.
 */
import type { EventKind } from '../sim/events.ts';
import { formatEndpoint, ipEqual, parseIp } from '../wire/ip-address.ts';
import { injectedPackets } from './evidence.ts';
import type { Finding, Monitor } from './monitor.ts';
import { atk, evt, joinProse, pkt, prose } from './prose.ts';

/** Connection-level control a host acts on, and what to call it. */
const CONTROL: Partial<Record<EventKind, string>> = {
  'mptcp-data-fin-received': 'a DATA_FIN',
  'mptcp-remove-addr': 'a REMOVE_ADDR',
  'mptcp-prio-received': 'an MP_PRIO',
  'mptcp-fastclose-accepted': 'an MP_FASTCLOSE',
};

export const hijack: Monitor = {
  id: 'hijack',
  evaluate(truth) {
    const out: Finding[] = [];
    for (const a of truth.attackers) {
      const own = a.spec.address === undefined ? null : parseIp(a.spec.address);
      const found: Finding[] = [];
      if (own) {
        for (const c of truth.connections) {
          for (const sf of c.subflows) {
            if (sf.joinedAtUs === null || !ipEqual(sf.remote.addr, own)) continue;
            const far = formatEndpoint(sf.remote.addr, sf.remote.port);
            const name = `${formatEndpoint(sf.local.addr, sf.local.port)}→${far}`;
            const events = truth.events
              .map((e, i) => ({ e, i }))
              .filter(({ e }) => e.host === c.host && (e.kind === 'mptcp-join-accepted' || e.kind === 'mptcp-join-established') && e.subflow === name)
              .map(({ i }) => i);
            const packets = events.flatMap((i) => truth.events[i]!.packets ?? []);
            found.push({
              failure: 'hijack',
              timeUs: sf.joinedAtUs,
              attacker: a.id,
              evidence: { packets, events },
              explanation: prose`${c.host} accepted a subflow ${formatEndpoint(sf.local.addr, sf.local.port)} ↔ ${far} into its MPTCP connection, and ${far} is the own address of ${atk(a.id)} (${a.describeClass()}): the MP_JOIN HMACs verified because they cover keys and nonces, not addresses.`,
            });
          }
        }
      }
      const injected = injectedPackets([a]);
      truth.events.forEach((e, i) => {
        const what = CONTROL[e.kind];
        const p = e.packets?.find((x) => injected.has(x));
        if (!what || p === undefined || e.host === a.id) return;
        found.push({
          failure: 'hijack',
          timeUs: e.timeUs,
          attacker: a.id,
          evidence: { packets: [p], events: [i] },
          explanation: prose`${e.host} acted on ${what} that ${atk(a.id)} (${a.describeClass()}) sent as ${pkt(p)}: ${evt(e)}.`,
        });
      });
      found.sort((x, y) => x.timeUs - y.timeUs);
      if (found.length === 0) continue;
      // One finding per attacker: the first time it held, with every piece of evidence.
      const first = found[0]!;
      out.push({
        ...first,
        evidence: { packets: [...new Set(found.flatMap((f) => f.evidence.packets))], events: [...new Set(found.flatMap((f) => f.evidence.events))] },
        explanation: found.length > 1 ? prose`${first.explanation} (${found.length - 1} more: ${joinProse(found.slice(1).map((f) => f.explanation), ' ')})` : first.explanation,
      });
    }
    return out;
  },
};
