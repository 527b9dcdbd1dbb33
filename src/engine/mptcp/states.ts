/**
 * MPTCP's own state machines, each a closed set of states and the only
 * moves allowed between them (h11's `_state.py` table is the model): the
 * connection (the data level, as Linux's msk moves through TCP's states on
 * DATA_FINs, RFC 8684 §3.3.3) and each join (RFC 8684 §3.2). Every change
 * goes through one `setState`, which refuses an illegal move (a bug caught
 * at once, as TCP's `state.ts` does) and leaves a trace event.
 */

/**
 * The connection: its MP_CAPABLE handshake (`syn-sent` on the client,
 * `syn-received` on the server), `established` once both keys are known,
 * then the data-level close, which mirrors TCP's with DATA_FIN for FIN;
 * `fallback` once it is plain TCP on its one subflow (RFC 8684 §3.7).
 * "Fully established" (the peer has shown it has our key) is a fact
 * recorded beside the state, since a DATA_FIN may come before it.
 */
export type ConnectionState =
  | 'syn-sent'
  | 'syn-received'
  | 'established'
  | 'fin-wait-1'
  | 'fin-wait-2'
  | 'closing'
  | 'close-wait'
  | 'last-ack'
  | 'fallback'
  | 'closed';

/** Why the connection moved: the trace's arrow label. */
export type ConnectionCause =
  | 'mp-capable'
  | 'data-fin-sent'
  | 'data-fin-received'
  | 'data-fin-acked'
  | 'fallback'
  | 'fastclose'
  | 'aborted'
  | 'subflows-closed'
  | 'fin'
  | 'reset-received'
  | 'reset-sent'
  | 'timeout'
  | 'checksum-failed'
  | (string & {});

const CONNECTION_MOVES: Readonly<Record<ConnectionState, readonly ConnectionState[]>> = {
  'syn-sent': ['established', 'fallback', 'closed'],
  'syn-received': ['established', 'fallback', 'closed'],
  established: ['fin-wait-1', 'close-wait', 'fallback', 'closed'],
  'fin-wait-1': ['fin-wait-2', 'closing', 'fallback', 'closed'],
  'fin-wait-2': ['closed', 'fallback'],
  closing: ['closed', 'fallback'],
  'close-wait': ['last-ack', 'fallback', 'closed'],
  'last-ack': ['closed', 'fallback'],
  fallback: ['closed'],
  closed: [],
};

/** A join (RFC 8684 §3.2): the initiator's SYN sent, the responder's SYN received, the initiator's fourth ACK awaited (`pre-established`), in use, or failed for good. */
export type JoinState = 'syn-sent' | 'syn-received' | 'pre-established' | 'established' | 'failed';

export type JoinCause = 'syn-ack-verified' | 'third-ack-verified' | 'fourth-ack' | 'peer-data' | 'refused' | 'reset' | 'closed' | (string & {});

const JOIN_MOVES: Readonly<Record<JoinState, readonly JoinState[]>> = {
  'syn-sent': ['pre-established', 'established', 'failed'],
  'syn-received': ['established', 'failed'],
  'pre-established': ['established', 'failed'],
  established: ['failed'],
  failed: [],
};

export function canMoveConnection(from: ConnectionState, to: ConnectionState): boolean {
  return CONNECTION_MOVES[from].includes(to);
}

export function canMoveJoin(from: JoinState, to: JoinState): boolean {
  return JOIN_MOVES[from].includes(to);
}

/** States in which the data level still runs (not fallen back, not closed). */
export function dataLevelOpen(s: ConnectionState): boolean {
  return s !== 'fallback' && s !== 'closed' && s !== 'syn-sent' && s !== 'syn-received';
}
