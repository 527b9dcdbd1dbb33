/**
 * `resource-exhaustion`: a host held state for packets an attacker sent from
 * sources that never answered — half-open request sockets, Linux's sizes —
 * beyond what single-path TCP with SYN cookies holds under the same flood,
 * measured in a reference run that really ran (`truth.floodReference()`).
 * Reported with the amplification: peak state bytes per byte the attacker
 * sent, beside the hash work both did. A server that answers from cookies,
 * or from a fixed table (Linux's SYN-cookie join table), holds no state that
 * grows with the flood; the hash work it still does per SYN is reported, not
 * counted as exhaustion (RFC 7430 §4.1: the stateless design prevents the
 * attack).
 */
import { stateHeld, wasAnswered } from '../host/syn-ledger.ts';
import { injectedPackets } from './evidence.ts';
import type { Finding, Monitor } from './monitor.ts';
import { atk, joinProse, prose } from './prose.ts';

export const resourceExhaustion: Monitor = {
  id: 'resource-exhaustion',
  evaluate(truth) {
    const injected = injectedPackets(truth.attackers);
    const out: Finding[] = [];
    for (const [host, syns] of truth.syns) {
      // A SYN whose sender answered behaved like any client (TCP holds that state too); a spoofed one never does.
      const theirs = syns.filter((r) => injected.has(r.packetId) && !wasAnswered(r));
      if (theirs.length === 0) continue;
      const held = stateHeld(theirs, truth.endUs);
      const reference = truth.floodReference();
      const refPeak = reference?.peakStateBytes ?? 0;
      if (held.peakBytes <= refPeak) continue;
      const first = theirs.find((r) => r.kept && !r.kept.fixedSlot)!;
      const who = injected.get(first.packetId)!;
      // Every attacker whose SYNs are counted paid for the state: the amplification divides by all their bytes.
      const flooders = [...new Set(theirs.map((r) => injected.get(r.packetId)!))];
      const sentBytes = flooders.reduce((n, a) => n + a.sentBytes, 0);
      const spent = Math.max(1, sentBytes);
      const senders = flooders.length === 1 ? prose`${atk(who.id)} (${who.describeClass()})` : prose`${flooders.length} attackers (${joinProse(flooders.map((a) => prose`${atk(a.id)}`), ', ')})`;
      const compressions = theirs.reduce((n, r) => n + r.crypto.compressions, 0);
      const structures = [...new Set(theirs.flatMap((r) => (r.kept && !r.kept.fixedSlot ? [`${r.kept.structure} (${r.kept.bytes} bytes)`] : [])))].join(', ');
      const kinds = [...new Set(theirs.map((r) => (r.kind === 'mp-join' ? 'SYN+MP_JOIN' : r.kind === 'mp-capable' ? 'SYN+MP_CAPABLE' : 'SYN')))].join(' and ');
      out.push({
        failure: 'resource-exhaustion',
        timeUs: first.atUs,
        attacker: who.id,
        evidence: { packets: theirs.filter((r) => r.kept && !r.kept.fixedSlot).slice(0, 16).map((r) => r.packetId), events: [] },
        amplification: { value: held.peakBytes / spent, per: 'state bytes' },
        explanation: prose`${host} held half-open state for ${held.entries} of the ${theirs.length} ${kinds} packets ${senders} sent from spoofed sources — ${structures} each, as Linux allocates — up to ${held.peakBytes} bytes at once (${(held.byteUs / 1e6).toFixed(1)} byte-seconds until the end of the run), and made ${compressions} SHA compression-function calls for them. ${
          reference
            ? `${reference.description} held ${reference.peakStateBytes} bytes for the same flood (${reference.syns} SYNs) and made ${reference.compressions} compression calls`
            : 'TCP with SYN cookies keeps nothing for a SYN'
        }: ${(held.peakBytes / spent).toFixed(2)} state bytes per byte ${flooders.length === 1 ? 'the attacker' : 'the attackers'} sent (${sentBytes} bytes in all).`,
      });
    }
    return out;
  },
};
