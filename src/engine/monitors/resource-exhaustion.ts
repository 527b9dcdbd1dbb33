/**
 * `resource-exhaustion`: a host kept state or computed HMACs for SYN+MP_JOIN
 * packets an attacker sent — work single-path TCP with SYN cookies would not
 * do for SYNs. Reported with the amplification: half-open joins kept and
 * hash operations per attacker packet and per attacker byte.
 */
import { injectedPackets } from './evidence.ts';
import type { Finding, Monitor } from './monitor.ts';
import { atk, prose } from './prose.ts';

/** A SYN+MP_JOIN as attackers send it: 20 (IPv4) + 20 (TCP) + 4 (MSS) + 12 (MP_JOIN). */
const JOIN_SYN_BYTES = 56;

export const resourceExhaustion: Monitor = {
  id: 'resource-exhaustion',
  evaluate(truth) {
    const injected = injectedPackets(truth.attackers);
    const out: Finding[] = [];
    for (const [host, syns] of truth.joinSyns) {
      // A join whose initiator sent its third ACK behaved like any client (TCP would keep that state too);
      // a spoofed SYN never gets that far.
      const theirs = syns.filter((r) => injected.has(r.packetId) && !r.answered);
      const kept = theirs.filter((r) => r.kept);
      const hmacs = theirs.reduce((n, r) => n + r.hmacs, 0);
      if (kept.length === 0 && hmacs === 0) continue;
      const first = theirs.find((r) => r.kept || r.hmacs > 0)!;
      const who = injected.get(first.packetId)!;
      const bytes = theirs.length * JOIN_SYN_BYTES;
      out.push({
        failure: 'resource-exhaustion',
        timeUs: first.atUs,
        attacker: who.id,
        evidence: { packets: theirs.filter((r) => r.kept || r.hmacs > 0).slice(0, 16).map((r) => r.packetId), events: [] },
        explanation: prose`${host} kept ${kept.length} half-open join${kept.length === 1 ? '' : 's'} and computed ${hmacs} HMAC${hmacs === 1 ? '' : 's'} for ${theirs.length} SYN+MP_JOIN packets ${atk(who.id)} (${who.describeClass()}) sent from spoofed sources: ${(kept.length / theirs.length).toFixed(2)} half-open entries and ${(hmacs / theirs.length).toFixed(2)} hash operations per attacker packet (${(hmacs / bytes).toFixed(4)} per attacker byte), where TCP with SYN cookies keeps nothing for a SYN.`,
      });
    }
    return out;
  },
};
