/**
 * TCP states (RFC 9293 §3.3.2) and the only transitions allowed between
 * them. Every change goes through `checkTransition`, so an impossible move
 * is a bug caught at once, not a silent corruption.
 */
export type TcpState =
  | 'CLOSED'
  | 'LISTEN'
  | 'SYN_SENT'
  | 'SYN_RECEIVED'
  | 'ESTABLISHED'
  | 'FIN_WAIT_1'
  | 'FIN_WAIT_2'
  | 'CLOSING'
  | 'TIME_WAIT'
  | 'CLOSE_WAIT'
  | 'LAST_ACK';

const TRANSITIONS: Readonly<Record<TcpState, readonly TcpState[]>> = {
  CLOSED: ['SYN_SENT', 'SYN_RECEIVED', 'LISTEN'],
  LISTEN: ['SYN_RECEIVED', 'CLOSED'],
  SYN_SENT: ['SYN_RECEIVED', 'ESTABLISHED', 'CLOSED'],
  SYN_RECEIVED: ['ESTABLISHED', 'FIN_WAIT_1', 'CLOSE_WAIT', 'CLOSED'],
  ESTABLISHED: ['FIN_WAIT_1', 'CLOSE_WAIT', 'CLOSED'],
  FIN_WAIT_1: ['FIN_WAIT_2', 'CLOSING', 'TIME_WAIT', 'CLOSED'],
  FIN_WAIT_2: ['TIME_WAIT', 'CLOSED'],
  CLOSING: ['TIME_WAIT', 'CLOSED'],
  TIME_WAIT: ['CLOSED'],
  CLOSE_WAIT: ['LAST_ACK', 'CLOSED'],
  LAST_ACK: ['CLOSED'],
};

export function canTransition(from: TcpState, to: TcpState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** States in which both sequence spaces are known (RFC 9293 "synchronized"). */
export function isSynchronized(s: TcpState): boolean {
  return s !== 'CLOSED' && s !== 'LISTEN' && s !== 'SYN_SENT' && s !== 'SYN_RECEIVED';
}

/** States in which this side may still send data. */
export function canSendData(s: TcpState): boolean {
  return s === 'ESTABLISHED' || s === 'CLOSE_WAIT';
}

/** States in which the peer may still send data. */
export function canReceiveData(s: TcpState): boolean {
  return s === 'ESTABLISHED' || s === 'FIN_WAIT_1' || s === 'FIN_WAIT_2';
}
