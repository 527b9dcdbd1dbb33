/**
 * `mitm`: connection traffic flows through a relay an attacker controls
 * that was on no path when the connection opened. Judged from the hosts
 * alone: a host has a subflow whose far end is an attacker's own address
 * (which no path went through at the start: hosts reached it only because
 * they joined it), and its connection accepted data over that subflow that
 * is what the peer really wrote — so the peer's traffic went through the
 * attacker. An attacker that only sends data of its own on such a subflow
 * is a hijacker and an injector, not a relay.
 */
import { formatEndpoint, ipEqual, parseIp } from '../wire/ip-address.ts';
import type { ConnectionTruth, Finding, Monitor } from './monitor.ts';
import { atk, pkt, prose } from './prose.ts';

/** The peer end of a connection: the other host's connection with the keys swapped. */
function peerOf(c: ConnectionTruth, all: readonly ConnectionTruth[]): ConnectionTruth | undefined {
  return all.find((p) => p !== c && p.host !== c.host && p.localKey === c.remoteKey && p.remoteKey === c.localKey);
}

export const mitm: Monitor = {
  id: 'mitm',
  evaluate(truth) {
    const out: Finding[] = [];
    for (const a of truth.attackers) {
      const own = a.spec.address === undefined ? null : parseIp(a.spec.address);
      if (!own) continue;
      const found: Finding[] = [];
      for (const c of truth.connections) {
        for (const sf of c.subflows) {
          const first = sf.accepted.first;
          if (!ipEqual(sf.remote.addr, own) || !first || first.dsn === null || c.remoteIdsn === null) continue;
          // Genuine: the bytes the connection accepted first are the ones its peer wrote at that place in the stream.
          const peer = peerOf(c, truth.connections);
          const offset = Number(first.dsn - c.remoteIdsn - 1n);
          const wrote = peer?.wrote(offset, first.sample.length);
          if (!peer || !wrote || wrote.length !== first.sample.length || !wrote.every((b, i) => b === first.sample[i])) continue;
          const far = formatEndpoint(sf.remote.addr, sf.remote.port);
          found.push({
            failure: 'mitm',
            timeUs: first.atUs,
            attacker: a.id,
            evidence: { packets: first.packetId === null ? [] : [first.packetId], events: [] },
            explanation: prose`${c.host} took ${sf.accepted.bytes} bytes of its connection's data over the subflow ${formatEndpoint(sf.local.addr, sf.local.port)} ↔ ${far}${first.packetId === null ? '' : prose`, the first in ${pkt(first.packetId)}`}, and they are what ${peer.host} wrote: ${peer.host}'s traffic reached it through ${far}, the own address of ${atk(a.id)} (${a.describeClass()}), a place no path went through when the connection opened. The attacker sees, and could change, everything on that subflow.`,
          });
        }
      }
      found.sort((x, y) => x.timeUs - y.timeUs);
      if (found[0]) out.push({ ...found[0], evidence: { packets: [...new Set(found.flatMap((f) => f.evidence.packets))], events: [] } });
    }
    return out;
  },
};
