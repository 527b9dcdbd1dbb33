/**
 * `key-compromise`: the attacker knows both keys of a connection, so it can
 * compute every HMAC of it (joins, v1 ADD_ADDR) and the MP_FASTCLOSE key.
 * Checked against the keys the hosts really used, not the attacker's guess
 * of which keys belong together.
 */
import { hex64 } from '../core/hex.ts';
import type { Finding, Monitor } from './monitor.ts';
import { Atk, pkt, prose } from './prose.ts';

export const keyCompromise: Monitor = {
  id: 'key-compromise',
  evaluate(truth) {
    const out: Finding[] = [];
    for (const c of truth.connections) {
      if (c.role !== 'client' || c.remoteKey === null || c.fallback) continue;
      for (const a of truth.attackers) {
        const mine = a.knowledge.keyFact(c.localKey);
        const theirs = a.knowledge.keyFact(c.remoteKey);
        if (!mine || !theirs) continue;
        const last = mine.timeUs >= theirs.timeUs ? mine : theirs;
        const packets = [...new Set([mine.packetId, theirs.packetId])];
        out.push({
          failure: 'key-compromise',
          timeUs: last.timeUs,
          attacker: a.id,
          evidence: { packets, events: [] },
          explanation: prose`${Atk(a.id)} (${a.describeClass()}) read both keys of the MPTCP v${c.version} connection from ${c.host}: the client's ${hex64(c.localKey)} in ${pkt(mine.packetId)} and the server's ${hex64(c.remoteKey)} in ${pkt(theirs.packetId)}. ${c.version === 1 ? 'RFC 8684 sends them in clear in the SYN/ACK and the third ACK' : 'RFC 6824 sends them in clear in the SYN, SYN/ACK and third ACK'}; with both it can compute every MP_JOIN and ADD_ADDR HMAC of the connection and forge MP_FASTCLOSE.`,
        });
      }
    }
    return out;
  },
};
