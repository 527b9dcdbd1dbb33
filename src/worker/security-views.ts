/**
 * A run's attackers, failures and the hosts' verdicts on attacker packets,
 * as structured-clone data for the app, with packet ids turned into the
 * frames of the run's capture (so a click can select the packet).
 */
import { attackInfo, eventText, failureInfo, renderProse, type Namer, type RunResult, type Scenario } from '../engine/index.ts';
import type { AttackerView, Decision, FailureView, VerdictView } from './protocol.ts';

/** Host decisions shown per run: enough to explain, few enough to read. */
const MAX_VERDICTS = 40;
const MAX_FACTS = 60;

export interface SecurityViews {
  attackers: AttackerView[];
  failures: FailureView[];
  tcpOnly: string[] | null;
  verdicts: VerdictView[];
}

/**
 * How the app names what the engine's sentences refer to: packets by their
 * capture frame (the engine counts packet ids), attackers by their label.
 */
export function appNamer(frameOf: ReadonlyMap<number, number>, labels: ReadonlyMap<string, string> = new Map()): Namer {
  return {
    packet: (id) => {
      const f = frameOf.get(id);
      return f === undefined ? `packet #${id}` : `frame ${f}`;
    },
    actor: (id) => labels.get(id) ?? `attacker ${id}`,
  };
}

const STATE_MOVES: ReadonlySet<string> = new Set(['tcp-state', 'mptcp-state', 'mptcp-join-state']);

/**
 * Frame → what the hosts decided about its packet (a packet keeps its id
 * across hops, so every frame of it gets the same decisions). `frames` are
 * the run's records in frame order.
 */
export function decisionsOf(r: RunResult, frames: readonly { id: number }[], frameOf: ReadonlyMap<number, number>): (frame: number) => Decision[] {
  const names = appNamer(frameOf);
  const byPacket = new Map<number, Decision[]>();
  for (const e of r.events) {
    for (const p of e.packets ?? []) {
      const list = byPacket.get(p) ?? [];
      list.push({ timeUs: e.timeUs, host: e.host, kind: e.kind, text: eventText(e, names) });
      byPacket.set(p, list);
    }
  }
  return (frame) => byPacket.get(frames[frame - 1]?.id ?? -1) ?? [];
}

/**
 * The facts the app lists: the first MAX_FACTS, plus the first of every kind
 * learned later, so "what it knew at this moment" never misses a kind.
 */
export function factsShown<T extends { kind: string }>(all: readonly T[]): T[] {
  const shown = all.slice(0, MAX_FACTS);
  const kinds = new Set(shown.map((f) => f.kind));
  for (const f of all.slice(MAX_FACTS)) {
    if (kinds.has(f.kind)) continue;
    kinds.add(f.kind);
    shown.push(f);
  }
  return shown;
}

export function securityViews(s: Scenario, r: RunResult, frameOf: ReadonlyMap<number, number>): SecurityViews {
  // The monitors name attackers by id ("Attacker attacker-1"); the app calls them by their label, as the cards do.
  const labels = new Map(s.attackers.filter((a) => a.label).map((a) => [a.id, a.label!]));
  const names = appNamer(frameOf, labels);
  const frame = (id: number | undefined) => (id === undefined ? null : (frameOf.get(id) ?? null));
  const frames = (ids: readonly number[]) => [...new Set(ids.map((id) => frameOf.get(id)).filter((f): f is number => f !== undefined))].sort((a, b) => a - b);
  const attackers: AttackerView[] = r.attackers.map((a) => {
    const info = attackInfo(a.attack);
    return {
      id: a.id,
      label: s.attackers.find((x) => x.id === a.id)?.label ?? a.id,
      location: a.location,
      capability: a.capability,
      at: a.at,
      window: a.window,
      attack: a.attack,
      attackLabel: info.label,
      rfc: info.rfc,
      knew: a.knew,
      injected: a.injected,
      guessesUsed: a.guessesUsed,
      guessBudget: a.guessBudget,
      expectedGuesses: a.expectedGuesses,
      facts: factsShown(a.knowledge).map((f) => ({ timeUs: f.timeUs, kind: f.kind, value: f.value, about: f.about, frame: frame(f.packetId) })),
    };
  });
  const rfc = [...new Set(r.attackers.map((a) => attackInfo(a.attack).rfc))].join(', ');
  const failures: FailureView[] = r.failures.map((f) => {
    const info = failureInfo(f.id);
    return { id: f.id, name: info.name, stride: info.stride, rfc, timeUs: f.timeUs, mptcpSpecific: f.mptcpSpecific, explanation: renderProse(f.explanationParts, names), frames: frames(f.evidence.packets), amplification: f.amplification ? `${f.amplification.value.toFixed(2)} ${f.amplification.per} per attacker byte` : null };
  });
  // What hosts did with the attackers' own packets: the reason each attack worked or did not.
  const attackerIds = new Set(r.attackers.map((a) => a.id));
  const sent = new Set(r.attackers.flatMap((a) => a.sent));
  const verdicts: VerdictView[] = r.events
    // State moves restate the decision beside them ("MP_JOIN HMAC verified" and "join syn-received --ACK HMAC--> established").
    .filter((e) => !attackerIds.has(e.host) && !STATE_MOVES.has(e.kind) && e.packets?.some((p) => sent.has(p)))
    .slice(0, MAX_VERDICTS)
    .map((e) => ({ timeUs: e.timeUs, host: e.host, text: eventText(e, names), frame: frame(e.packets!.find((p) => sent.has(p))) }));
  return { attackers, failures, tcpOnly: r.tcpOnly, verdicts };
}
