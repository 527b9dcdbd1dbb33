/**
 * `join-dos`: a legitimate join was refused or never completed, where the
 * attacker-free run completed it. Joins are counted where they start (the
 * host that sent the SYN+MP_JOIN), leaving out joins to an attacker's own
 * address, which no peer asked for. The evidence is the refusal of a
 * legitimate SYN+MP_JOIN and the attacker's half-open joins that held the
 * server's slots at that moment — or, failing that, the host decisions on
 * attacker packets that used up what the join needed.
 */
import type { EventKind } from '../sim/events.ts';
import { ipEqual, parseIp } from '../wire/ip-address.ts';
import { attackerPackets, firstAttackerPacket } from './evidence.ts';
import type { ConnectionTruth, Finding, Monitor } from './monitor.ts';
import { atk, evt, joinProse, pkt, prose } from './prose.ts';

/** Resets of a join during its MP_JOIN handshake. */
const JOIN_HANDSHAKE_RESETS: ReadonlySet<string> = new Set(['synack-without-join', 'synack-hmac-mismatch', 'third-ack-without-join', 'third-ack-hmac-mismatch', 'stateless-join-ack-invalid']);
/** Decisions that spend what a later join needs (a path-manager limit, a half-open slot). */
const SPENDING: ReadonlySet<EventKind> = new Set<EventKind>(['mptcp-add-addr-received', 'mptcp-join-syn', 'mptcp-join-accepted', 'mptcp-join-open']);

export const joinDos: Monitor = {
  id: 'join-dos',
  evaluate(truth) {
    const base = truth.attackFree();
    if (!base) return [];
    const own = truth.attackers.flatMap((a) => (a.spec.address ? [parseIp(a.spec.address)!] : []));
    const legit = (cs: readonly ConnectionTruth[], host: string) =>
      cs.filter((c) => c.host === host).flatMap((c) => c.subflows.filter((sf) => sf.kind === 'join' && sf.initiator && sf.joinedAtUs !== null && !own.some((a) => ipEqual(a, sf.remote.addr)))).length;
    const theirs = attackerPackets(truth.attackers);
    const short: string[] = [];
    for (const host of new Set(base.connections.map((c) => c.host))) {
      const expected = legit(base.connections, host);
      const got = legit(truth.connections, host);
      if (got < expected) short.push(`${host} completed ${got} legitimate join${got === 1 ? '' : 's'} where the run without the attacker completed ${expected}`);
    }
    if (short.length === 0) return [];
    // The refusal of a join no attacker sent, and the attacker's joins holding the slots then.
    let refusal: { host: string; atUs: number; packetId: number } | null = null;
    for (const [h, syns] of truth.syns) {
      for (const r of syns) if (r.kind === 'mp-join' && r.refused !== null && !theirs.has(r.packetId) && (!refusal || r.atUs < refusal.atUs)) refusal = { host: h, atUs: r.atUs, packetId: r.packetId };
    }
    const holders = refusal
      ? (truth.syns.get(refusal.host) ?? []).filter((r) => r.kind === 'mp-join' && r.kept && !r.kept.fixedSlot && theirs.has(r.packetId) && r.atUs <= refusal!.atUs && (r.endpoint?.establishedAtUs ?? Infinity) > refusal!.atUs && (r.endpoint?.closedAtUs ?? Infinity) > refusal!.atUs).map((r) => r.packetId)
      : [];
    const refusalEvent = refusal ? truth.events.findIndex((e) => e.kind === 'mptcp-join-rejected' && e.packets?.includes(refusal!.packetId)) : -1;
    // Otherwise (no attacker join held a slot) a join that failed a check during its MP_JOIN handshake: the attacker's if its packet did it.
    const failed = holders.length ? -1 : truth.events.findIndex((e) => e.kind === 'mptcp-subflow-reset' && JOIN_HANDSHAKE_RESETS.has(e.cause));
    const failedBy = failed >= 0 ? firstAttackerPacket(truth.events[failed]!.packets, theirs) : null;
    // Otherwise, what attacker packets made the hosts spend (an ADD_ADDR that took the last subflow, say).
    const spent = holders.length || failed >= 0 ? [] : truth.events.map((e, i) => ({ e, i })).filter(({ e }) => SPENDING.has(e.kind) && firstAttackerPacket(e.packets, theirs));
    const who = holders.length ? theirs.get(holders[0]!)! : (failedBy?.attacker ?? (spent[0] ? firstAttackerPacket(spent[0].e.packets, theirs)!.attacker : undefined));
    if (!who) return []; // no attacker packet had a part in it
    const events = [...(refusalEvent >= 0 ? [refusalEvent] : []), ...(failed >= 0 ? [failed] : []), ...spent.slice(0, 4).map((x) => x.i)];
    const packets = [...(refusal ? [refusal.packetId] : []), ...holders, ...(failedBy ? [failedBy.packet] : []), ...spent.slice(0, 4).map((x) => firstAttackerPacket(x.e.packets, theirs)!.packet)];
    const out: Finding[] = [
      {
        failure: 'join-dos',
        timeUs: refusal && failed < 0 ? refusal.atUs : failed >= 0 ? truth.events[failed]!.timeUs : (spent[0]?.e.timeUs ?? truth.endUs),
        attacker: who.id,
        evidence: { packets, events },
        explanation: prose`${short.join('; ')}.${
          refusal
            ? prose` ${refusalEvent >= 0 ? evt(truth.events[refusalEvent]!) : `${refusal.host} refused it`}: the legitimate SYN+MP_JOIN ${pkt(refusal.packetId)}${holders.length ? prose` found its slots held by ${holders.length} half-open joins that ${atk(who.id)} (${who.describeClass()}) had sent from spoofed sources` : ''}.`
            : ''
        }${failed >= 0 ? prose` ${evt(truth.events[failed]!)}.` : ''}${spent.length ? prose` Before, packets of ${atk(who.id)} (${who.describeClass()}) made the hosts spend what the join needed: ${joinProse(spent.slice(0, 4).map((x) => prose`${evt(x.e)}`), '; ')}.` : ''}`,
      },
    ];
    return out;
  },
};
