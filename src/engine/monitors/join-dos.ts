/**
 * `join-dos`: a legitimate join was refused or never completed, where the
 * attacker-free run completed it. Joins are counted where they start (the
 * host that sent the SYN+MP_JOIN), leaving out joins to an attacker's own
 * address, which no peer asked for; the evidence is the
 * refusal of a legitimate SYN+MP_JOIN and the attacker's joins that held
 * the server's half-open slots at that moment.
 */
import { ipEqual, parseIp } from '../wire/ip-address.ts';
import { injectedPackets } from './evidence.ts';
import type { ConnectionTruth, Finding, Monitor } from './monitor.ts';
import { atk, evt, pkt, prose } from './prose.ts';

/** Resets of a join during its MP_JOIN handshake. */
const JOIN_HANDSHAKE_RESETS: ReadonlySet<string> = new Set(['synack-without-join', 'synack-hmac-mismatch', 'third-ack-without-join', 'third-ack-hmac-mismatch', 'stateless-join-ack-invalid']);

export const joinDos: Monitor = {
  id: 'join-dos',
  evaluate(truth) {
    const base = truth.attackFree();
    if (!base) return [];
    const own = truth.attackers.flatMap((a) => (a.spec.address ? [parseIp(a.spec.address)!] : []));
    const legit = (cs: readonly ConnectionTruth[], host: string) =>
      cs.filter((c) => c.host === host).flatMap((c) => c.subflows.filter((sf) => sf.kind === 'join' && sf.initiator && sf.joinedAtUs !== null && !own.some((a) => ipEqual(a, sf.remote.addr)))).length;
    const injected = injectedPackets(truth.attackers);
    const short: string[] = [];
    for (const host of new Set(base.connections.map((c) => c.host))) {
      const expected = legit(base.connections, host);
      const got = legit(truth.connections, host);
      if (got < expected) short.push(`${host} completed ${got} legitimate join${got === 1 ? '' : 's'} where the run without the attacker completed ${expected}`);
    }
    if (short.length === 0) return [];
    // The refusal of a join no attacker sent, and the attacker's joins holding the slots then.
    let refusal: { host: string; atUs: number; packetId: number; why: string } | null = null;
    for (const [h, syns] of truth.joinSyns) {
      for (const r of syns) if (r.refused !== null && !injected.has(r.packetId) && (!refusal || r.atUs < refusal.atUs)) refusal = { host: h, atUs: r.atUs, packetId: r.packetId, why: r.refused };
    }
    const holders = refusal ? (truth.joinSyns.get(refusal.host) ?? []).filter((r) => r.kept && injected.has(r.packetId) && r.atUs <= refusal!.atUs).map((r) => r.packetId) : [];
    const events = refusal ? truth.events.map((e, i) => ({ e, i })).filter(({ e }) => e.kind === 'mptcp-join-rejected' && e.packets?.includes(refusal!.packetId)).map(({ i }) => i) : [];
    // Otherwise a join that got past its SYN but failed a check later (a reset during the MP_JOIN handshake).
    const failed = refusal ? -1 : truth.events.findIndex((e) => e.kind === 'mptcp-subflow-reset' && JOIN_HANDSHAKE_RESETS.has(e.cause));
    if (failed >= 0) events.push(failed);
    const who = holders.length ? injected.get(holders[0]!)! : truth.attackers[0]!;
    const out: Finding[] = [
      {
        failure: 'join-dos',
        timeUs: refusal?.atUs ?? (failed >= 0 ? truth.events[failed]!.timeUs : truth.endUs),
        attacker: who.id,
        evidence: { packets: refusal ? [refusal.packetId, ...holders] : [], events },
        explanation: prose`${short.join('; ')}.${
          refusal ? prose` ${refusal.host} refused the legitimate SYN+MP_JOIN ${pkt(refusal.packetId)}: ${refusal.why}${holders.length ? prose`, its slots held by ${holders.length} half-open joins ${atk(who.id)} (${who.describeClass()}) had sent from spoofed sources` : ''}.` : ''
        }${failed >= 0 ? prose` ${evt(truth.events[failed]!)}.` : ''}`,
      },
    ];
    return out;
  },
};
