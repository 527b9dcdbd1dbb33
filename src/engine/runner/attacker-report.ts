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
  /** Packets of others it dropped or rewrote, and packets it saw. */
  touched: number;
  observed: number;
  /**
   * It acted: sent, dropped or rewrote a packet — or, for an eavesdropper,
   * saw one. False means "not attempted" (nothing in its window, no budget,
   * nothing it needed), which is not the same as "defended".
   */
  attempted: boolean;
  /**
   * The run stopped (by the user or `--until`) while the attacker could
   * still act: its window was still open and, for a guessing attack, budget
   * was left. Its verdict is "incomplete", never "defended".
   */
  cutShort: boolean;
  /** Ids of every packet it sent (injected, guessed, flooded or relayed), ascending. */
  sent: number[];
  /** Ids of its blind guesses, in the order sent (only the first few are also logged as events). */
  guessed: number[];
  guessesUsed: number;
  guessBudget: number;
  /**
   * The blind search its strategy ran (or would run with what it knew by
   * the end): mean guessed packets it needs, the formula with its factors,
   * why, and the probability that `guessBudget` guesses succeed for that
   * search (several targets: at least one hit, drawn without repetition).
   * Null when the attack needs no guess.
   */
  expectedGuesses: { guesses: number; formula: string; why: string; successWithinBudget: number } | null;
}

/**
 * `realKeys`: the key pairs the hosts really used. What went on the wire as
 * "keys" is not always the keys (the dh-keys what-if), so `knew` lists
 * `keys` only when the attacker holds both real keys of a connection.
 */
export function attackerReport(a: Attacker, realKeys: readonly [bigint, bigint][], stoppedAtUs: number | null = null): AttackerReport {
  const s = a.spec;
  const guessesLeft = s.guessBudget > 0 && a.guessesUsed < s.guessBudget;
  const windowOpen = !s.window || s.window.toUs > (stoppedAtUs ?? 0);
  const knowsBoth = realKeys.some(([x, y]) => a.knowledge.knowsKey(x) && a.knowledge.knowsKey(y));
  const knew = a.knowledge.categories().filter((c) => c !== 'keys' || knowsBoth);
  return {
    id: s.id,
    location: s.location,
    capability: s.capability,
    at: [...s.at],
    window: s.window ? { ...s.window } : null,
    attack: s.attack,
    actions: a.actions,
    knowledge: a.knowledge.facts,
    knew,
    injected: a.injected,
    touched: a.touched.size,
    observed: a.observed,
    attempted: s.capability === 'eavesdropper' || s.attack === 'passive-eavesdrop' ? a.observed > 0 : a.injected > 0 || a.touched.size > 0,
    cutShort: stoppedAtUs !== null && windowOpen && (guessesLeft || a.expectedGuesses() === null),
    sent: [...a.sent].sort((x, y) => x - y),
    guessed: [...a.guessed],
    guessesUsed: Math.min(a.guessesUsed, s.guessBudget),
    guessBudget: s.guessBudget,
    expectedGuesses: a.expectedGuesses(),
  };
}
