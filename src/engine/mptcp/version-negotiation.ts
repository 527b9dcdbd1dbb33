/**
 * Which MPTCP version a listener answers a SYN's MP_CAPABLE with
 * (RFC 8684 §3.1): the initiator offers the highest version it speaks; the
 * listener answers with the highest version it speaks that is no higher than
 * the one offered, provided the SYN can be read as that version's SYN — v1's
 * carries no key (4 bytes), v0's carries the initiator's key (12 bytes).
 * Otherwise the option is ignored and the connection is plain TCP:
 * - a v0-only listener cannot use a v1 SYN, which has no key (the RFC's own
 *   caveat); the initiator MAY retry with v0, and Linux does not;
 * - a v1-only listener (Linux) ignores a v0 SYN: mptcp_parse_option wants 4
 *   bytes and version ≥ 1 on a SYN, and nothing below.
 * Pure: the stack acts on the decision and records it.
 */
import type { MptcpVersion } from '../crypto/mptcp-crypto.ts';
import type { VersionIgnoredReason } from '../sim/events.ts';
import type { MpCapable } from '../wire/mptcp/types.ts';

export type VersionDecision = { answer: MptcpVersion } | { ignored: VersionIgnoredReason };

/** The SYN's MP_CAPABLE read as version `v`'s SYN: v1 has no key, v0 exactly the sender's key. */
function readableAs(mpc: MpCapable, v: MptcpVersion): boolean {
  return v === 1 ? mpc.senderKey === undefined : mpc.senderKey !== undefined && mpc.receiverKey === undefined;
}

export function negotiateVersion(mpc: MpCapable, speaks: readonly MptcpVersion[]): VersionDecision {
  // Highest first: the listener answers with the best version both sides speak.
  const candidates = speaks.filter((v) => v <= mpc.version).sort((a, b) => b - a);
  if (candidates.length === 0) return { ignored: 'not-spoken' };
  for (const v of candidates) if (readableAs(mpc, v)) return { answer: v };
  return { ignored: candidates.includes(0) ? 'no-key' : 'has-key' };
}
