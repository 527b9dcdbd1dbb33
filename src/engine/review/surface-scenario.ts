/**
 * One surface row's scenario: the user's own, unchanged but for one
 * attacker of the row's attack and class at the row's place. Times are read
 * off the scenario's attacker-free run rather than taken from an attack's
 * built-in, since a user's transfer may be over before a built-in's strike:
 *
 * - the phases (security-model.md §4): `handshake` from 0 until the
 *   MP_CAPABLE exchange is done, `join` over the first MP_JOIN exchange
 *   (right after the handshake when there is none), `data` from the last
 *   join until the first application is done;
 * - the strike: halfway through the data phase, where every attack has a
 *   connection to act on; a flood of joins strikes right after the
 *   handshake (or when its window opens), before the legitimate join it
 *   means to crowd out.
 *
 * An attacker that needs an address gets the first free one of
 * 198.18.66.0/24, as the palette gives it; an off-path attacker sends from
 * the router in front of the service with the matrix's guess budget.
 */
import { attackInfo } from '../attacks/catalog.ts';
import { freeAttackerAddress } from '../scenario/attacker-address.ts';
import type { AttackerSpec, Scenario, TimeWindow } from '../scenario/types.ts';
import { MATRIX_VARIANTS, OFF_PATH_GUESS_BUDGET, type MatrixWindow } from '../runner/matrix.ts';
import { attackFreeRun, type BaselineCache } from '../runner/run-scenario.ts';
import { offPathEntry, OFF_PATH, type SurfaceCell } from './surface-plan.ts';

export interface SurfacePhases {
  handshake: TimeWindow;
  join: TimeWindow;
  data: TimeWindow;
  /** When a row's attack strikes (see the file comment). */
  strikeUs: number;
  /** When a join flood starts. */
  floodUs: number;
}

/** The scenario the sweep runs rows on: no attackers of its own, no view state or review. */
export function surfaceBase(s: Scenario): Scenario {
  const { ui: _ui, review: _review, ...rest } = s;
  return { ...rest, attackers: [] };
}

export function surfacePhases(base: Scenario, cache: BaselineCache): SurfacePhases {
  const free = attackFreeRun(base, { cache });
  const at = (kind: string) => free.events.find((e) => e.kind === kind)?.timeUs;
  // Plain TCP (or a fallback) has no MP_CAPABLE third ACK: its handshake ends when a subflow is established.
  const tcpUp = free.events.find((e) => e.kind === 'tcp-state' && e.to === 'ESTABLISHED')?.timeUs;
  const established = at('mptcp-fully-established') ?? tcpUp ?? 50_000;
  const opened = at('mptcp-join-open') ?? established + 1;
  const joins = free.events.filter((e) => e.kind === 'mptcp-join-established').map((e) => e.timeUs);
  const done = free.apps.map((a) => a.completedUs).filter((t): t is number => t !== null);
  const lastJoin = joins.at(-1) ?? established;
  const dataEnd = Math.max(lastJoin + 2, Math.min(...done, free.endUs));
  const data = { fromUs: lastJoin + 1, toUs: dataEnd };
  return {
    handshake: { fromUs: 0, toUs: established + 1 },
    join: { fromUs: opened, toUs: (joins[0] ?? opened + 20_000) + 1 },
    data,
    strikeUs: Math.round((data.fromUs + data.toUs) / 2),
    floodUs: established + 1,
  };
}

const FLOODS = new Set(['join-dos', 'syn-flood-amplification']);

/** The row's scenario, or why it cannot be built. */
export function surfaceScenario(s: Scenario, cell: SurfaceCell, cache: BaselineCache, phases = surfacePhases(surfaceBase(s), cache)): Scenario {
  const base = surfaceBase(s);
  const info = attackInfo(cell.attack);
  const window: TimeWindow | undefined = cell.window ? phases[cell.window as MatrixWindow] : undefined;
  const variant = MATRIX_VARIANTS.find((v) => v.attack === cell.attack && v.id === cell.variant);
  const params: Record<string, unknown> = { ...variant?.params };
  if (FLOODS.has(cell.attack)) params.atUs = Math.max(phases.floodUs, window?.fromUs ?? 0);
  else if (cell.attack === 'time-shifted-hijack') params.delayUs = Math.max(0, phases.strikeUs - (window?.toUs ?? 0));
  else if (cell.attack !== 'passive-eavesdrop') params.atUs = phases.strikeUs;
  const attacker: AttackerSpec = {
    id: 'surface-attacker',
    label: 'Attacker',
    location: cell.location,
    capability: cell.capability,
    at: [cell.place === OFF_PATH ? offPathEntry(base)! : cell.place],
    attack: cell.attack,
    params,
    guessBudget: cell.location === 'off-path' ? OFF_PATH_GUESS_BUDGET : 0,
    ...(window ? { window } : {}),
  };
  if (info.needsAddress) attacker.address = freeAttackerAddress(base) ?? '198.18.66.6';
  return { ...base, attackers: [attacker] };
}
