/**
 * `third-party-flooding`: a legitimate host sent packets to an address that
 * belongs to no host it ever completed a handshake with (and is no
 * attacker's own address) — traffic nobody there asked for, not in answer to
 * packets from there (backscatter to spoofed sources is TCP's too) — and the
 * target received more bytes of it than the attackers spent in all (an
 * attacker can always send to the target itself). The amplification is the
 * bytes the target received per byte the attackers sent. The evidence is the
 * host decision an attacker's packet caused (the ADD_ADDR it acted on).
 */
import { addressKey } from '../net/address-key.ts';
import { parseCidrAddress } from '../net/topology.ts';
import { formatIp, parseIp } from '../wire/ip-address.ts';
import { attackerPackets, firstAttackerPacket } from './evidence.ts';
import type { Finding, Monitor } from './monitor.ts';
import { atk, evt, pkt, prose } from './prose.ts';

export const thirdPartyFlooding: Monitor = {
  id: 'third-party-flooding',
  evaluate(truth) {
    const owner = new Map<string, string>();
    const addressesOf = new Map<string, string[]>();
    for (const h of truth.scenario.hosts) {
      for (const i of h.interfaces) {
        for (const a of i.addresses) {
          const key = addressKey(parseCidrAddress(a));
          owner.set(key, h.id);
          addressesOf.set(h.id, [...(addressesOf.get(h.id) ?? []), key]);
        }
      }
    }
    const attackerOwn = new Set(truth.attackers.flatMap((a) => (a.spec.address ? [addressKey(parseIp(a.spec.address)!)] : [])));
    const spent = truth.attackers.reduce((n, a) => n + a.sentBytes, 0);
    const theirs = attackerPackets(truth.attackers);
    const out: Finding[] = [];
    for (const [host, sent] of truth.sentTo) {
      // The hosts it had an established connection or subflow with, by any of their addresses.
      const peers = new Set<string>();
      for (const key of truth.peers.get(host) ?? []) peers.add(owner.get(key) ?? key);
      for (const [key, r] of sent) {
        const target = owner.get(key);
        // Answers to packets that came from there (even spoofed ones: TCP answers a SYN too) are not unsolicited.
        if (target === undefined || peers.has(target) || peers.has(key) || attackerOwn.has(key) || (truth.heardFrom.get(host)?.get(key) ?? Infinity) <= r.firstUs) continue;
        const received = (addressesOf.get(host) ?? []).reduce((n, from) => n + (truth.receivedFrom.get(target)?.get(from) ?? 0), 0);
        if (received <= spent) continue;
        const address = formatIp(r.address);
        const cause = truth.events.findIndex((e) => e.host === host && e.kind === 'mptcp-add-addr-received' && e.address === address && firstAttackerPacket(e.packets, theirs));
        if (cause < 0) continue; // no attacker packet made it send there
        const by = firstAttackerPacket(truth.events[cause]!.packets, theirs)!;
        out.push({
          failure: 'third-party-flooding',
          timeUs: r.firstUs,
          attacker: by.attacker.id,
          evidence: { packets: [by.packet, r.firstPacketId], events: [cause] },
          amplification: { value: received / Math.max(1, spent), per: 'target bytes' },
          explanation: prose`${host} sent ${r.packets} packet${r.packets === 1 ? '' : 's'} (${r.bytes} bytes) to ${address}, an address of ${target}, which has no connection with it and never asked for them, because ${evt(truth.events[cause]!)} — on ${pkt(by.packet)}, which ${atk(by.attacker.id)} (${by.attacker.describeClass()}) forged. ${target} received ${received} bytes of them; the attackers spent ${spent} bytes in all: ${(received / Math.max(1, spent)).toFixed(2)} bytes at the target per attacker byte.`,
        });
      }
    }
    return out;
  },
};
