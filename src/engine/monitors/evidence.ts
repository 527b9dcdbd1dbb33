/**
 * Helpers monitors share to tie host decisions to what attackers did.
 */
import type { Attacker } from '../attacks/attacker.ts';

/** Every packet an attacker injected, guessed or relayed, with who sent it. */
export function injectedPackets(attackers: readonly Attacker[]): Map<number, Attacker> {
  const out = new Map<number, Attacker>();
  for (const a of attackers) for (const p of a.sent) out.set(p, a);
  return out;
}

/** Every packet an attacker sent, dropped or rewrote, with who did it: an attacker's packets, as evidence. */
export function attackerPackets(attackers: readonly Attacker[]): Map<number, Attacker> {
  const out = injectedPackets(attackers);
  for (const a of attackers) for (const p of a.touched) if (!out.has(p)) out.set(p, a);
  return out;
}

/** The first attacker packet among `packets`, with its attacker. */
export function firstAttackerPacket(packets: readonly number[] | undefined, by: ReadonlyMap<number, Attacker>): { packet: number; attacker: Attacker } | null {
  for (const p of packets ?? []) {
    const a = by.get(p);
    if (a) return { packet: p, attacker: a };
  }
  return null;
}

/** Whether `needle` occurs in `hay`. */
export function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  if (needle.length === 0) return true;
  const last = hay.length - needle.length;
  // Jump between occurrences of the first byte (a native scan) rather than trying every offset.
  outer: for (let i = hay.indexOf(needle[0]!); i >= 0 && i <= last; i = hay.indexOf(needle[0]!, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
