/**
 * A new attacker for the palette to place: a fresh id and name, on-path at
 * a link or router (off-path when dropped on empty space), and an address
 * of its own when the attack needs one. Refuses, with a sentence a student
 * can act on, what the engine would refuse.
 */
import type { AttackerCapability, AttackerSpec, AttackId, Scenario } from '../../../engine/index.ts';
import { freeAttackerAddress, homeRouter } from './attacker-address.ts';
import { classProblem, needsRouterText, NOT_A_PLACE, type AttackInfo } from './attacker-rules.ts';

export interface NewAttackerRequest {
  attack: string;
  capability: AttackerCapability;
  /** A link or router id; null for an off-path attacker. */
  place: string | null;
  attackInfo: AttackInfo;
}

export type NewAttackerResult = { ok: true; attacker: AttackerSpec } | { ok: false; reason: string };

const NAMES = ['Mallory', 'Eve', 'Trudy', 'Oscar'];

/** "attacker-1", "attacker-2", …: the first not taken. */
export function nextAttackerId(s: Scenario): string {
  const ids = new Set(s.attackers.map((a) => a.id));
  let n = 1;
  while (ids.has(`attacker-${n}`)) n++;
  return `attacker-${n}`;
}

/** Mallory, Eve, Trudy, Oscar, then "Attacker 5", "Attacker 6", …: the first not taken. */
export function nextAttackerLabel(s: Scenario): string {
  const labels = new Set(s.attackers.map((a) => a.label ?? a.id));
  const name = NAMES.find((n) => !labels.has(n));
  if (name) return name;
  let n = NAMES.length + 1;
  while (labels.has(`Attacker ${n}`)) n++;
  return `Attacker ${n}`;
}

/** Where an off-path attacker's spoofed packets enter the network: the first router, else the first link. */
function offPathEntry(s: Scenario): string | null {
  return s.routers[0]?.id ?? s.links[0]?.id ?? null;
}

export function newAttacker(s: Scenario, req: NewAttackerRequest): NewAttackerResult {
  const location = req.place === null ? 'off-path' : 'on-path';
  const problem = classProblem(location, req.capability, req.attackInfo);
  if (problem) return { ok: false, reason: problem };
  if (req.place !== null && !s.links.some((l) => l.id === req.place) && !s.routers.some((r) => r.id === req.place)) return { ok: false, reason: NOT_A_PLACE };
  const entry = req.place ?? offPathEntry(s);
  if (entry === null) return { ok: false, reason: 'The network has no router or link for the attacker to send from.' };

  const attacker: AttackerSpec = {
    id: nextAttackerId(s),
    label: nextAttackerLabel(s),
    location,
    capability: req.capability,
    at: [entry],
    attack: req.attack as AttackId,
    params: {},
    guessBudget: 1,
  };
  if (req.attackInfo.needsAddress) {
    if (!homeRouter(s, attacker.at)) return { ok: false, reason: needsRouterText(req.attackInfo) };
    const address = freeAttackerAddress(s);
    if (!address) return { ok: false, reason: 'Every address from 198.18.66.6 to 198.18.66.254 is taken: there is none left for the attacker.' };
    attacker.address = address;
  }
  return { ok: true, attacker };
}
