/**
 * What a run will cost, guessed from the scenario alone (no simulation):
 * packets, simulator events, seconds and megabytes. Cheap enough to call on
 * every edit; callers use it to ask before a heavy run (the app) or to say
 * how long one will take. It is an estimate, never a verdict: monitors
 * never read it (DESIGN.md §4).
 *
 * Calibration (Node 22 on one core of the lab's machine, `lab run` in digest
 * mode unless said; the app's worker is about as fast):
 *   two-path-v1 with 10 MB bulk:      25,161 packets,  23,840 events, 0.74 s,  47 MB
 *   two-path-v1 with 300 MB bulk:    640,495 packets, 639,430 events, 12.3 s, 139 MB
 *   10,000 exchanges (100 B / 1 kB):  60,012 packets,  89,990 events, 1.0 s,   51 MB
 *   100,000 exchanges:               600,012 packets, 899,990 events, 14.9 s, 132 MB
 *   attack-blind-reset, 10,000 guesses:   10,260 packets, 0.98 s, 57 MB
 *   attack-blind-reset, 100,000 guesses: 100,265 packets, 5.4 s, 147 MB
 *   16 attackers × 20,000 guesses:       320,262 packets, 54 s, 181 MB
 *   bulk-100mb with every packet kept (full trace): 109,989 packets, 7.0 s, 243 MB
 * So: about 1.6 packets per data segment per hop, 1.3 events per packet,
 * 19 µs per event, 46 + 7.7 × attackers µs per guess (with its baselines:
 * a run with attackers also runs single-path TCP and an attack-free run),
 * 0.15 kB per packet in digest mode and 2.2 kB when packets are kept.
 * Estimates land within a factor of two of these runs (estimate.test.ts).
 */
import type { Scenario } from '../scenario/types.ts';
import { floodPackets, trafficBytes } from '../scenario/limits.ts';

export interface RunEstimate {
  /** Packets on links (each hop counted, as `RunResult.packetCount`). */
  packets: number;
  /** Simulator events. */
  events: number;
  /** Blind guesses and flood packets the attackers may send. */
  attackerPackets: number;
  /** Wall-clock seconds on one core, baselines included. */
  seconds: number;
  /** Memory the run needs: keeping every packet's bytes ('full' trace, the app's capture) or only hashing them ('digest'). */
  megabytes: { full: number; digest: number };
}

const PACKETS_PER_SEGMENT_HOP = 1.6;
const EVENTS_PER_PACKET = 1.3;
const US_PER_EVENT = 19;
const US_PER_GUESS = 46;
const US_PER_GUESS_PER_ATTACKER = 7.7;
const BASE_MB = 40;
const KB_PER_PACKET = { full: 2.2, digest: 0.15 };
const KB_PER_GUESS = 0.5;

/** Links between two nodes on the shortest path (2 when there is none: the usual client–router–server). */
function hops(s: Scenario, from: string, to: string): number {
  const near = new Map<string, string[]>();
  const node = (ref: string) => ref.slice(0, ref.indexOf('.'));
  for (const l of s.links) {
    const a = node(l.a);
    const b = node(l.b);
    near.set(a, [...(near.get(a) ?? []), b]);
    near.set(b, [...(near.get(b) ?? []), a]);
  }
  const seen = new Map([[from, 0]]);
  for (let queue = [from]; queue.length; ) {
    const next: string[] = [];
    for (const x of queue) {
      for (const y of near.get(x) ?? []) {
        if (seen.has(y)) continue;
        seen.set(y, seen.get(x)! + 1);
        next.push(y);
      }
    }
    queue = next;
  }
  return seen.get(to) ?? 2;
}

/**
 * The cost of running `s`, from its traffic (bytes / MSS, exchanges), its
 * attackers (guess budgets, floods) and its durations.
 *
 * @example estimateRun(builtinScenario('bulk-100mb')!) // { packets: ~110,000, seconds: ~2, megabytes: { full: ~280, digest: ~60 }, ... }
 */
export function estimateRun(s: Scenario): RunEstimate {
  const mtu = s.links.length ? Math.min(...s.links.map((l) => l.mtuBytes)) : 1500;
  const mss = Math.max(500, mtu - 52);
  let trafficPackets = 0;
  for (const t of s.traffic) {
    // A transfer cannot move more than the sender's links carry before the run ends.
    const accessBps = s.links.filter((l) => l.a.startsWith(`${t.from}.`) || l.b.startsWith(`${t.from}.`)).reduce((sum, l) => sum + l.bandwidthBps, 0);
    const canMove = ((accessBps || Infinity) / 8) * Math.max(0, s.durationUs - t.startUs) / 1e6;
    const bytes = Math.min(trafficBytes(t), canMove);
    const share = bytes / Math.max(1, trafficBytes(t));
    const segments = t.kind === 'bulk' ? bytes / mss : t.count * share * (Math.ceil(t.requestBytes / mss) + Math.ceil(t.responseBytes / mss));
    trafficPackets += (segments + 10) * PACKETS_PER_SEGMENT_HOP * hops(s, t.from, t.to);
  }
  const guesses = s.attackers.reduce((sum, a) => sum + (a.capability === 'active' ? a.guessBudget : 0), 0);
  const floods = s.attackers.reduce((sum, a) => sum + floodPackets(a), 0);
  const attackerPackets = guesses + floods;
  const packets = Math.round(trafficPackets + attackerPackets);
  const events = Math.round(packets * EVENTS_PER_PACKET);
  // With attackers the traffic runs three times: the run, its single-path baseline and its attack-free baseline.
  const runs = s.attackers.length === 0 ? 1 : s.protocol === 'tcp' ? 2 : 3;
  const usPerGuess = US_PER_GUESS + US_PER_GUESS_PER_ATTACKER * s.attackers.length;
  const seconds = (trafficPackets * EVENTS_PER_PACKET * US_PER_EVENT * runs + attackerPackets * usPerGuess) / 1e6 + 0.05;
  const mb = (kb: number) => Math.round(BASE_MB + (packets * kb + attackerPackets * KB_PER_GUESS) / 1000);
  return { packets, events, attackerPackets, seconds: Math.round(seconds * 100) / 100, megabytes: { full: mb(KB_PER_PACKET.full), digest: mb(KB_PER_PACKET.digest) } };
}
