/**
 * `degradation`: the application's goodput fell by more than the
 * scenario's threshold against the attacker-free run, or a host removed a
 * subflow or demoted one to backup because of a packet an attacker sent.
 * A REMOVE_ADDR a host only probed (remove-addr-probe) is no removal: only
 * `mptcp-remove-addr`, its decision to close subflows, counts.
 */
import { attackerPackets, firstAttackerPacket, injectedPackets } from './evidence.ts';
import type { Finding, Monitor } from './monitor.ts';
import { Atk, atk, evt, pkt, prose } from './prose.ts';

export const degradation: Monitor = {
  id: 'degradation',
  evaluate(truth) {
    const out: Finding[] = [];
    const injected = injectedPackets(truth.attackers);
    // Path changes an attacker's packet caused.
    truth.events.forEach((e, i) => {
      const demoted = e.kind === 'mptcp-prio-received' && e.backup;
      if (e.kind !== 'mptcp-remove-addr' && !demoted) return;
      const p = e.packets?.find((x) => injected.has(x));
      if (p === undefined) return;
      const a = injected.get(p)!;
      out.push({
        failure: 'degradation',
        timeUs: e.timeUs,
        attacker: a.id,
        evidence: { packets: [p], events: [i] },
        explanation: prose`${e.host} ${demoted ? 'demoted a subflow to backup' : 'removed subflows'} on ${pkt(p)}, which ${atk(a.id)} (${a.describeClass()}) sent: ${evt(e)}.`,
      });
    });
    const base = truth.attackFree();
    if (base) {
      const pct = truth.scenario.thresholds.degradationPercent;
      const theirs = attackerPackets(truth.attackers);
      truth.apps.forEach((app, i) => {
        const ref = base.apps[i];
        if (!ref || app.completedUs === null || ref.completedUs === null) return;
        const bytes = (r: typeof app) => r.bytesRead.client + r.bytesRead.server;
        const goodput = bytes(app) / Math.max(1, app.completedUs - app.startedUs);
        const before = bytes(ref) / Math.max(1, ref.completedUs - ref.startedUs);
        const loss = ((before - goodput) / before) * 100;
        if (loss <= pct) return;
        // What attackers did to the run before it completed: host decisions on their packets, their drops and rewrites.
        const hosts = new Set([app.client, app.server]);
        const decided = truth.events.map((e, index) => ({ e, index })).filter(({ e }) => hosts.has(e.host) && e.timeUs <= app.completedUs! && firstAttackerPacket(e.packets, theirs));
        const touched = truth.attackers.flatMap((a) => a.actions.filter((x) => 'packet' in x && x.timeUs <= app.completedUs! && theirs.has(x.packet)));
        const first = decided[0] ? firstAttackerPacket(decided[0].e.packets, theirs)! : touched[0] && 'packet' in touched[0] ? { packet: touched[0].packet, attacker: theirs.get(touched[0].packet)! } : null;
        if (!first) return; // no attacker packet had a part in it
        const a = first.attacker;
        out.push({
          failure: 'degradation',
          timeUs: app.completedUs,
          attacker: a.id,
          evidence: { packets: [first.packet], events: decided.slice(0, 8).map((d) => d.index) },
          explanation: prose`${app.id} completed at ${(app.completedUs / 1e6).toFixed(6)} s instead of ${(ref.completedUs / 1e6).toFixed(6)} s without the attacker: goodput ${(goodput * 8).toFixed(2)} Mbit/s instead of ${(before * 8).toFixed(2)}, ${loss.toFixed(1)} % less (the scenario's threshold is ${pct} %). ${Atk(a.id)} (${a.describeClass()}) had a hand in the run from ${pkt(first.packet)} on.`,
        });
      });
    }
    out.sort((a, b) => a.timeUs - b.timeUs);
    // One finding per attacker: the first, with all the evidence.
    const byAttacker = new Map<string, Finding>();
    for (const f of out) {
      const first = byAttacker.get(f.attacker);
      if (!first) byAttacker.set(f.attacker, { ...f, evidence: { packets: [...f.evidence.packets], events: [...f.evidence.events] } });
      else {
        // A decision can be both a path change and part of the slowdown: cite it once.
        first.evidence.packets.push(...f.evidence.packets.filter((p) => !first.evidence.packets.includes(p)));
        first.evidence.events.push(...f.evidence.events.filter((e) => !first.evidence.events.includes(e)));
        first.explanation = prose`${first.explanation} ${f.explanation}`;
      }
    }
    return [...byAttacker.values()];
  },
};
