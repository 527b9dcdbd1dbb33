/**
 * Helpers monitors share to tie host decisions to what attackers did.
 */
import type { Attacker } from '../attacks/attacker.ts';

/** Every packet an attacker injected or guessed, with who sent it. */
export function injectedPackets(attackers: readonly Attacker[]): Map<number, Attacker> {
  const out = new Map<number, Attacker>();
  for (const a of attackers) for (const p of a.sent) out.set(p, a);
  return out;
}
