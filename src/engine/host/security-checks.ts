/**
 * The checks hosts make before they act on a packet an attacker could have
 * forged — each a small pure predicate, named for the rule it enforces,
 * with the RFC it comes from. Every layer calls these rather than writing
 * the comparison inline, so the checks that decide verdicts are one list:
 * each has a test that switches it off and watches a verdict flip
 * (`security-checks.test.ts`), and mutation testing covers this file.
 */
import { seqAdd, seqDiff, seqGt, seqLt } from '../wire/seq.ts';

/** RFC 9293 §3.10.7.4: some of the segment falls inside the receive window [RCV.NXT, RCV.NXT + RCV.WND). */
export function sequenceInWindow(seq: number, segLen: number, rcvNxt: number, wnd: number): boolean {
  const rel = seqDiff(seq, rcvNxt);
  if (segLen === 0) return wnd === 0 ? rel === 0 : rel >= 0 && rel < wnd;
  if (wnd === 0) return false;
  const lastRel = rel + segLen - 1;
  return (rel >= 0 && rel < wnd) || (lastRel >= 0 && lastRel < wnd);
}

/** RFC 5961 §3.2: a RST resets the connection only at exactly RCV.NXT (elsewhere in the window: a challenge ACK). */
export function rstAtRcvNxt(seq: number, rcvNxt: number): boolean {
  return seq === rcvNxt;
}

/** RFC 9293 §3.10.7.4: an ACK must not acknowledge data never sent (SEG.ACK ≤ SND.NXT). */
export function ackOfSentData(ack: number, sndMax: number): boolean {
  return !seqGt(ack, sndMax);
}

/** RFC 5961 §5.2: an ACK older than SND.UNA − MAX.SND.WND earns a challenge ACK instead of being acted on. */
export function ackRecentEnough(ack: number, sndUna: number, maxSndWnd: number): boolean {
  return !seqLt(ack, seqAdd(sndUna, -Math.max(maxSndWnd, 1)));
}

/**
 * RFC 7323 §5.3 R1 (PAWS): a segment's TSval is not older than TS.Recent
 * (compared in 32-bit wrapping arithmetic, §5.2); an older one marks an
 * old duplicate, dropped unless it is a RST.
 */
export function timestampNotOlder(tsval: number, tsRecent: number): boolean {
  return !seqLt(tsval, tsRecent);
}

/** What the token lookup needs of a host's token table. */
export interface TokenLookup<C> {
  get(token: number): C | undefined;
  /** Every connection in it (for tests that switch the lookup off). */
  all(): Iterable<C>;
}

/** RFC 8684 §3.2: a SYN+MP_JOIN (or a stateless third ACK) names a connection by its token; an unknown or closed one names none. */
export function connectionForToken<C extends { readonly state: string }>(table: TokenLookup<C>, token: number): C | undefined {
  const c = table.get(token);
  return c !== undefined && c.state !== 'closed' ? c : undefined;
}

/** RFC 7430 §4.1: with a limit, a connection takes no more half-open joins than it allows. */
export function halfOpenLimitReached(halfOpen: number, limit: number | null): boolean {
  return limit !== null && halfOpen >= limit;
}

/** RFC 8684 §3.2: the responder's truncated HMAC in the SYN/ACK is the one the keys and nonces give. */
export function synAckHmacValid(expected: bigint, received: bigint): boolean {
  return expected === received;
}

/** RFC 8684 §3.2: the initiator's 160-bit HMAC in the third ACK is the one the keys and nonces give. */
export function thirdAckHmacValid(expected: Uint8Array, received: Uint8Array): boolean {
  return bytesEqual(expected, received);
}

/** RFC 8684 §3.4.1: an ADD_ADDR's truncated HMAC is the one the keys and the announced address give. */
export function addAddrHmacValid(expected: bigint, received: bigint): boolean {
  return expected === received;
}

/** RFC 8684 §3.3: a mapping carries a DSS checksum exactly when checksums were negotiated (otherwise the subflow is reset). */
export function mappingChecksumAsNegotiated(negotiated: boolean, present: boolean): boolean {
  return negotiated === present;
}

/** RFC 8684 §3.5: an MP_FASTCLOSE carries the receiver's own key. */
export function fastcloseKeyValid(received: bigint, localKey: bigint): boolean {
  return received === localKey;
}

/** The record layer (`tls-records.ts`): a record's tag is the one its keys give for its number, header and ciphertext. */
export function recordTagValid(expected: Uint8Array, received: Uint8Array): boolean {
  return bytesEqual(expected, received);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
