/**
 * `connection-dos`: an application's connection was aborted (reset,
 * MP_FASTCLOSE, timeout, TLS alert, all subflows closed without DATA_FIN)
 * or made no progress for longer than the scenario's stall limit — where
 * the same scenario without attackers did neither. The evidence is an
 * attacker's packet and the host decision it caused (or the packets an
 * attacker dropped or rewrote); a breakage no attacker packet had a part in
 * is not reported as an attack's.
 */
import type { AppReport } from '../host/apps.ts';
import type { EventKind } from '../sim/events.ts';
import { attackerPackets, firstAttackerPacket } from './evidence.ts';
import type { Finding, Monitor } from './monitor.ts';
import { atk, evt, pkt, prose } from './prose.ts';

/** Host decisions that end a connection or subflow, by event kind. */
const ENDINGS: ReadonlySet<EventKind> = new Set<EventKind>(['tcp-reset', 'tcp-timeout', 'mptcp-fastclose-accepted', 'mptcp-tcprst-received', 'mptcp-remove-addr', 'tls-alert']);

interface Breakage {
  timeUs: number;
  what: string;
}

/** The first time the application's connection broke: an abort, or a gap without progress longer than `stallUs`. */
export function breakage(app: AppReport, stallUs: number, endUs: number): Breakage | null {
  const found: Breakage[] = [];
  for (const side of ['client', 'server'] as const) {
    const why = app.closedBy[side];
    const at = app.closedAtUs[side];
    // Only a FIN exchange (or both DATA_FINs) is a normal end; anything else is an abort.
    if (why !== null && at !== null && why !== 'fin') found.push({ timeUs: at, what: `the ${side}'s connection ended with "${why}"` });
  }
  let last = app.startedUs;
  for (const [t] of app.progress) {
    if (t - last > stallUs) {
      found.push({ timeUs: last + stallUs, what: `no data was delivered for ${((t - last) / 1e6).toFixed(3)} s (from ${(last / 1e6).toFixed(6)} s)` });
      break;
    }
    last = t;
  }
  if (app.completedUs === null && endUs - last > stallUs) found.push({ timeUs: last + stallUs, what: `no data was delivered after ${(last / 1e6).toFixed(6)} s, and the transfer never completed` });
  found.sort((a, b) => a.timeUs - b.timeUs);
  return found[0] ?? null;
}

export const connectionDos: Monitor = {
  id: 'connection-dos',
  evaluate(truth) {
    const base = truth.attackFree();
    if (!base) return [];
    const stallUs = truth.scenario.thresholds.stallUs;
    const theirs = attackerPackets(truth.attackers);
    const out: Finding[] = [];
    truth.apps.forEach((app, i) => {
      const broke = breakage(app, stallUs, truth.endUs);
      if (!broke) return;
      const ref = base.apps[i];
      if (ref && breakage(ref, stallUs, base.endUs)) return; // it breaks without any attacker too
      const hosts = new Set([app.client, app.server]);
      const before = truth.events.map((e, index) => ({ e, index })).filter(({ e }) => hosts.has(e.host) && e.timeUs <= broke.timeUs);
      const endings = before.filter(({ e }) => ENDINGS.has(e.kind));
      // The ending an attacker's packet caused; else the hosts' decisions on attacker packets before it broke;
      // else attacker packets the hosts took in (forged data a TLS layer then rejects, say); else what attackers dropped or rewrote.
      const caused = endings.find(({ e }) => firstAttackerPacket(e.packets, theirs));
      const onTheirs = before.filter(({ e }) => firstAttackerPacket(e.packets, theirs));
      const takenIn = [app.client, app.server].flatMap((h) => (truth.attackerArrivals.get(h) ?? []).filter((x) => x.accepted && x.atUs <= broke.timeUs)).sort((x, y) => x.atUs - y.atUs);
      const touched = truth.attackers.flatMap((a) => a.actions.flatMap((x) => ((x.kind === 'attacker-drop' || x.kind === 'attacker-modify') && x.timeUs <= broke.timeUs ? [x] : [])));
      const blame = caused ?? onTheirs[0];
      const loose = takenIn[0] ? { packet: takenIn[0].packetId, taken: true } : touched[0] ? { packet: touched[0].packet, taken: false } : null;
      const by = blame ? firstAttackerPacket(blame.e.packets, theirs)! : loose ? { packet: loose.packet, attacker: theirs.get(loose.packet)! } : null;
      if (!by) return; // no attacker packet had a part in it: not an attack's failure
      const last = endings.at(-1);
      const events = [...new Set([...(blame ? [blame.index] : []), ...(last && !caused ? [last.index] : [])])];
      const because = blame
        ? prose` ${evt(blame.e)}: ${pkt(by.packet)} came from ${atk(by.attacker.id)} (${by.attacker.describeClass()}).${last && !caused ? prose` Then ${evt(last.e)}.` : ''}`
        : loose?.taken
          ? prose` ${pkt(by.packet)}, which ${atk(by.attacker.id)} (${by.attacker.describeClass()}) sent, passed TCP's checks and was taken in${last ? prose`; then ${evt(last.e)}` : ''}.`
          : prose` ${atk(by.attacker.id)} (${by.attacker.describeClass()}) dropped or rewrote its packets, from ${pkt(by.packet)} on.`;
      out.push({
        failure: 'connection-dos',
        timeUs: broke.timeUs,
        attacker: by.attacker.id,
        evidence: { packets: [by.packet], events },
        explanation: prose`The connection of ${app.id} (${app.client} → ${app.server}) was denied service: ${broke.what}.${because} Without the attacker the same run ${ref && ref.completedUs !== null ? `completed at ${(ref.completedUs / 1e6).toFixed(6)} s` : 'did not break'}.`,
      });
    });
    return out;
  },
};
