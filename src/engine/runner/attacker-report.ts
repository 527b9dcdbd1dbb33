/**
 * An attacker as the run result shows it: its class, what it did, and what
 * it learned over time.
 */
import type { Attacker, AttackerAction } from '../attacks/attacker.ts';
import type { Fact, KnownCategory } from '../attacks/knowledge.ts';
import type { AttackerCapability, AttackerLocation, AttackId, TimeWindow } from '../scenario/types.ts';

export interface AttackerReport {
  id: string;
  location: AttackerLocation;
  capability: AttackerCapability;
  at: string[];
  window: TimeWindow | null;
  attack: AttackId;
  actions: AttackerAction[];
  /** Every fact, in the order learned. */
  knowledge: Fact[];
  /** What it knew by the end, in the matrix's categories. */
  knew: KnownCategory[];
  injected: number;
  guessesUsed: number;
  guessBudget: number;
  /** Guesses the attack would need on average without knowledge, and why; null when it needs none. */
  expectedGuesses: { guesses: number; why: string } | null;
}

export function attackerReport(a: Attacker): AttackerReport {
  const s = a.spec;
  return {
    id: s.id,
    location: s.location,
    capability: s.capability,
    at: [...s.at],
    window: s.window ? { ...s.window } : null,
    attack: s.attack,
    actions: a.actions,
    knowledge: a.knowledge.facts,
    knew: a.knowledge.categories(),
    injected: a.injected,
    guessesUsed: Math.min(a.guessesUsed, s.guessBudget),
    guessBudget: s.guessBudget,
    expectedGuesses: a.expectedGuesses(),
  };
}
