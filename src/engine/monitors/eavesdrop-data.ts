/**
 * `eavesdrop-data`: the attacker observed application plaintext — payload
 * bytes it saw that are bytes an application wrote (a run of at least 16 of
 * them in one payload). With TLS the payloads are records: ciphertext and
 * tags, which never hold such a run, so the failure cannot hold. Judged on
 * the bytes the attacker captured, not on a setting.
 */
import type { Finding, Monitor } from './monitor.ts';
import { Atk, pkt, prose } from './prose.ts';

export const eavesdropData: Monitor = {
  id: 'eavesdrop-data',
  evaluate(truth) {
    const out: Finding[] = [];
    for (const a of truth.attackers) {
      const plain = a.payloadsSeen.filter((s) => truth.isApplicationData(s.bytes));
      const first = plain[0];
      if (!first) continue;
      const bytes = plain.reduce((n, s) => n + s.length, 0);
      out.push({
        failure: 'eavesdrop-data',
        timeUs: first.timeUs,
        attacker: a.id,
        evidence: { packets: [first.packetId], events: [] },
        explanation: prose`${Atk(a.id)} (${a.describeClass()}) saw application data in clear: ${pkt(first.packetId)} carried ${first.length} bytes an application wrote, and ${plain.length} of the ${a.payloadsSeen.length} payloads it captured (${bytes} bytes) were application data. Neither TCP nor MPTCP encrypts the byte stream; only a layer above them (TLS) keeps it secret.`,
      });
    }
    return out;
  },
};
