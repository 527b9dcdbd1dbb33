/**
 * `eavesdrop-data`: the attacker has observed application plaintext. Every
 * payload byte of a connection without a record layer above it is the
 * application's own, so the first payload an attacker saw is the evidence.
 */
import type { Monitor } from './monitor.ts';
import { Atk, pkt, prose } from './prose.ts';

export const eavesdropData: Monitor = {
  id: 'eavesdrop-data',
  evaluate(truth) {
    const out = [];
    for (const a of truth.attackers) {
      const first = a.knowledge.facts.find((f) => f.kind === 'plaintext');
      if (!first) continue;
      const flows = [...a.knowledge.flows.entries()].filter(([, v]) => v.plaintextBytes > 0);
      const total = flows.reduce((n, [, v]) => n + v.plaintextBytes, 0);
      out.push({
        failure: 'eavesdrop-data' as const,
        timeUs: first.timeUs,
        attacker: a.id,
        evidence: { packets: [first.packetId], events: [] },
        explanation: prose`${Atk(a.id)} (${a.describeClass()}) saw application data in clear: the first ${first.value} in ${pkt(first.packetId)} (${first.about}), ${total} bytes in all over ${flows.length} flow direction${flows.length === 1 ? '' : 's'}. Neither TCP nor MPTCP encrypts the byte stream; only a layer above them (TLS) would keep it secret.`,
      });
    }
    return out;
  },
};
