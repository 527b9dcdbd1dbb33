/**
 * `third-party-flooding`: a legitimate host sent packets to an address that
 * belongs to no host it ever completed a handshake with (and is no attacker's own
 * address) — traffic nobody there asked for — more than the attackers sent
 * there themselves, and not in answer to packets from there (backscatter to
 * spoofed sources is TCP's too). Reported with the amplification: bytes the
 * host sent there per byte the attackers spent.
 */
import { addressKey } from '../net/address-key.ts';
import { parseCidrAddress } from '../net/topology.ts';
import { formatIp, parseIp } from '../wire/ip-address.ts';
import type { Finding, Monitor } from './monitor.ts';
import { evt, prose } from './prose.ts';

export const thirdPartyFlooding: Monitor = {
  id: 'third-party-flooding',
  evaluate(truth) {
    const owner = new Map<string, string>();
    for (const h of truth.scenario.hosts) for (const i of h.interfaces) for (const a of i.addresses) owner.set(addressKey(parseCidrAddress(a)), h.id);
    const attackerOwn = new Set(truth.attackers.flatMap((a) => (a.spec.address ? [addressKey(parseIp(a.spec.address)!)] : [])));
    const spent = truth.attackers.reduce((n, a) => n + a.sentBytes, 0);
    const out: Finding[] = [];
    for (const [host, sent] of truth.sentTo) {
      // The hosts it had an established connection or subflow with, by any of their addresses.
      const peers = new Set<string>();
      for (const key of truth.peers.get(host) ?? []) peers.add(owner.get(key) ?? key);
      for (const [key, r] of sent) {
        const who = owner.get(key);
        // Answers to packets that came from there (even spoofed ones: TCP answers a SYN too) are not unsolicited.
        if ((who !== undefined && peers.has(who)) || peers.has(key) || attackerOwn.has(key) || (truth.heardFrom.get(host)?.get(key) ?? Infinity) <= r.firstUs) continue;
        const attackersThere = truth.attackers.reduce((n, a) => n + (a.sentBytesTo.get(key) ?? 0), 0);
        if (r.bytes <= attackersThere) continue;
        const cause = truth.events.findIndex((e) => e.host === host && e.kind === 'mptcp-add-addr-received' && e.address === formatIp(r.address));
        const a = truth.attackers.find((x) => x.sentBytes > 0) ?? truth.attackers[0]!;
        out.push({
          failure: 'third-party-flooding',
          timeUs: r.firstUs,
          attacker: a.id,
          evidence: { packets: [r.firstPacketId], events: cause >= 0 ? [cause] : [] },
          explanation: prose`${host} sent ${r.packets} packet${r.packets === 1 ? '' : 's'} (${r.bytes} bytes) to ${formatIp(r.address)}${who ? `, an address of ${who},` : ''} which has no connection with it and never asked for them${cause >= 0 ? prose` — because ${evt(truth.events[cause]!)}` : ''}. The attackers spent ${spent} bytes in all and sent ${attackersThere} there themselves: ${spent > 0 ? (r.bytes / spent).toFixed(2) : '∞'} bytes to the target per attacker byte.`,
        });
      }
    }
    return out;
  },
};
