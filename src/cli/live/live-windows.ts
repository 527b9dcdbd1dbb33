/**
 * The matrix's attacker windows (`handshake`, `join`, `data`: protocol
 * phases) read off a live attack-free run's packets, as the engine's
 * `windowFor` reads them off its own attack-free run: Linux's phases fall a
 * few milliseconds elsewhere than the engine's, and a window cut to the
 * engine's timing could close before Linux's third ACK.
 */
import { decodePacket, type RunHandle, type Scenario, type TimeWindow } from '../../engine/index.ts';

export type PhaseWindow = 'handshake' | 'join' | 'data';

export interface Phases {
  /** The MP_CAPABLE third ACK (both keys) reached the server: the server is established. */
  handshakeUs: number;
  /** The first SYN+MP_JOIN left its host. */
  joinOpenUs: number | null;
  /** Each join's third ACK (MP_JOIN ACK) reached its server. */
  joinsDoneUs: number[];
}

/** When the protocol's phases happened in a run, from its packet records (their first hop for a start, their last for an arrival). */
export function livePhases(records: RunHandle['records'], s: Scenario): Phases {
  const delay = new Map(s.links.map((l) => [l.id, l.delayUs]));
  const first = new Map<number, number>();
  const arrival = new Map<number, number>();
  const kinds = new Map<number, string>();
  for (const r of records) {
    if (r.fate === 'dropped' || !r.bytes) continue;
    if (!first.has(r.id)) {
      first.set(r.id, r.timeUs);
      const d = decodePacket(r.bytes);
      if (d.ok && d.value.tcp) {
        for (const o of d.value.tcp.header.options) {
          if (o.kind === 'mp-capable' && o.receiverKey !== undefined) kinds.set(r.id, 'third-ack');
          if (o.kind === 'mp-join-syn' || o.kind === 'mp-join-ack') kinds.set(r.id, o.kind);
        }
      }
    }
    arrival.set(r.id, r.timeUs + (delay.get(r.link) ?? 0));
  }
  let handshakeUs: number | null = null;
  let joinOpenUs: number | null = null;
  const joinsDoneUs: number[] = [];
  for (const [id, kind] of kinds) {
    if (kind === 'third-ack') handshakeUs ??= arrival.get(id)!;
    if (kind === 'mp-join-syn') joinOpenUs ??= first.get(id)!;
    if (kind === 'mp-join-ack') joinsDoneUs.push(arrival.get(id)!);
  }
  return { handshakeUs: handshakeUs ?? 50_000, joinOpenUs, joinsDoneUs: joinsDoneUs.sort((a, b) => a - b) };
}

/** The window of `w` as the matrix makes it (runner/matrix.ts windowFor), on the live phases. */
export function liveWindow(p: Phases, w: PhaseWindow): TimeWindow {
  if (w === 'handshake') return { fromUs: 0, toUs: p.handshakeUs + 1 };
  const opened = p.joinOpenUs ?? p.handshakeUs + 1;
  if (w === 'join') return { fromUs: opened, toUs: (p.joinsDoneUs[0] ?? opened + 20_000) + 1 };
  const last = p.joinsDoneUs.at(-1) ?? p.handshakeUs;
  return { fromUs: last + 10_000, toUs: last + 160_000 };
}
