/**
 * What a host did with every SYN a listener (or the MPTCP stack, for a
 * SYN+MP_JOIN) handled: the ground truth the resource monitors measure.
 * State is counted the way Linux holds it: a per-SYN request socket while
 * the handshake is half open, a slot of a fixed table (the SYN-cookie join
 * table: no memory grows with the flood), or nothing (SYN cookies).
 */
import type { TcpEndpoint } from '../tcp/tcp-endpoint.ts';

/** The Linux structures a half-open handshake holds. */
export type HalfOpenStructure = 'tcp_request_sock' | 'mptcp_subflow_request_sock' | 'join_entry';

/**
 * Their sizes in bytes, read with `pahole -C <struct> /sys/kernel/btf/vmlinux`
 * on this project's build machine (Linux 6.18): a plain listener's request
 * socket, an MPTCP listener's (for MP_CAPABLE and MP_JOIN alike), and one
 * entry of net/mptcp/syncookies.c's 1024-slot join table.
 */
export const HALF_OPEN_BYTES: Readonly<Record<HalfOpenStructure, number>> = {
  tcp_request_sock: 312,
  mptcp_subflow_request_sock: 384,
  join_entry: 16,
};

export interface SynRecord {
  packetId: number;
  atUs: number;
  kind: 'tcp' | 'mp-capable' | 'mp-join';
  /** What it kept until the handshake completed; null when it kept nothing (refused, or answered from a cookie). */
  kept: { structure: HalfOpenStructure; bytes: number; /** A slot of a fixed table, overwritten by later SYNs: no memory grows. */ fixedSlot: boolean } | null;
  /** The endpoint holding a half-open connection, to read how long it was held. */
  endpoint: TcpEndpoint | null;
  /** Hash work done to handle it (the SYN/ACK's HMAC, a cookie's hashes). */
  crypto: { hashes: number; hmacs: number; compressions: number; cipherBlocks: number };
  /** Why it was refused, when it was. */
  refused: string | null;
  /** Answered from a SYN cookie, without state. */
  cookie: boolean;
  /** The initiator answered the SYN/ACK (an ACK, or a RST), as a real host does. */
  answered: boolean;
  /** Its handshake completed (for a join: the third ACK's HMAC verified). */
  completed: boolean;
}

/** A SYN's record as the listener first sees it: nothing kept, nothing decided yet. */
export function newSynRecord(packetId: number, atUs: number, kind: SynRecord['kind']): SynRecord {
  return { packetId, atUs, kind, kept: null, endpoint: null, crypto: { hashes: 0, hmacs: 0, compressions: 0, cipherBlocks: 0 }, refused: null, cookie: false, answered: false, completed: false };
}

/** Until when a record's state was held: the handshake completing or failing, or the end of the run. */
export function heldUntilUs(r: SynRecord, endUs: number): number {
  const ep = r.endpoint;
  if (!r.kept || r.kept.fixedSlot || !ep) return r.atUs;
  return Math.min(ep.establishedAtUs ?? Infinity, ep.closedAtUs ?? Infinity, endUs);
}

/** Whether the SYN's sender answered its SYN/ACK (an ACK that completed the handshake, or a RST), as a real host does. */
export function wasAnswered(r: SynRecord): boolean {
  return r.answered || (r.endpoint !== null && (r.endpoint.establishedAtUs !== null || r.endpoint.closeReason === 'reset-received'));
}

/** The half-open state a set of SYN records held: its peak (bytes held at once) and bytes × µs, up to `endUs`. */
export function stateHeld(records: readonly SynRecord[], endUs: number): { peakBytes: number; byteUs: number; entries: number } {
  const steps: [number, number][] = [];
  let byteUs = 0;
  let entries = 0;
  for (const r of records) {
    if (!r.kept || r.kept.fixedSlot) continue;
    const until = heldUntilUs(r, endUs);
    entries++;
    byteUs += r.kept.bytes * Math.max(0, until - r.atUs);
    steps.push([r.atUs, r.kept.bytes], [until, -r.kept.bytes]);
  }
  // Frees before allocations at the same moment.
  steps.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peakBytes = 0;
  for (const [, d] of steps) {
    now += d;
    if (now > peakBytes) peakBytes = now;
  }
  return { peakBytes, byteUs, entries };
}
