/**
 * `connection-dos`: an application's connection was aborted (reset, MP_FASTCLOSE,
 * timeout, all subflows closed without DATA_FIN) or made no progress for longer than the scenario's stall limit —
 * where the same scenario without attackers did neither. The evidence is the
 * host decision that ended it and, when there is one, the attacker's packet
 * that decision was about.
 */
import type { AppReport } from '../host/apps.ts';
import type { HostEvent } from '../sim/trace.ts';
import { injectedPackets } from './evidence.ts';
import type { Finding, Monitor } from './monitor.ts';
import { atk, evt, pkt, prose } from './prose.ts';

/** Host decisions that end a connection or subflow, by event kind. */
const ENDINGS = new Set(['tcp-reset', 'tcp-timeout', 'mptcp-fastclose-accepted', 'mptcp-tcprst-received', 'mptcp-remove-addr', 'tls-alert']);

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
    const injected = injectedPackets(truth.attackers);
    const out: Finding[] = [];
    truth.apps.forEach((app, i) => {
      const broke = breakage(app, stallUs, truth.endUs);
      if (!broke) return;
      const ref = base.apps[i];
      if (ref && breakage(ref, stallUs, base.endUs)) return; // it breaks without any attacker too
      const hosts = new Set([app.client, app.server]);
      const decisions: { index: number; e: HostEvent }[] = [];
      truth.events.forEach((e, index) => {
        if (hosts.has(e.host) && ENDINGS.has(e.kind) && e.timeUs <= broke.timeUs) decisions.push({ index, e });
      });
      const caused = decisions.filter((d) => d.e.packets?.some((p) => injected.has(p)));
      // The decision its own packet caused, else the last one before it broke (a TLS alert, say).
      const blame = caused[0] ?? decisions.at(-1);
      const packets = blame?.e.packets?.filter((p) => injected.has(p)) ?? [];
      const by = packets.length ? injected.get(packets[0]!)! : truth.attackers[0]!;
      const because = blame ? prose` ${evt(blame.e)}${packets.length ? prose` — ${pkt(packets[0]!)} came from ${atk(by.id)} (${by.describeClass()})` : ''}.` : prose``;
      out.push({
        failure: 'connection-dos',
        timeUs: broke.timeUs,
        attacker: by.id,
        evidence: { packets, events: blame ? [blame.index] : [] },
        explanation: prose`The connection of ${app.id} (${app.client} → ${app.server}) was denied service: ${broke.what}.${because} Without the attacker the same run ${ref && ref.completedUs !== null ? `completed at ${(ref.completedUs / 1e6).toFixed(6)} s` : 'did not break'}.`,
      });
    });
    return out;
  },
};
