/**
 * How a TCP endpoint talks to what runs above it: a plain TCP socket, or an
 * MPTCP connection for which the endpoint is one subflow.
 */
import type { TcpHeader } from '../wire/tcp-header.ts';
import type { TcpOption } from '../wire/tcp-options.ts';
import type { TcpState } from './state.ts';
import type { TcpEndpoint } from './tcp-endpoint.ts';

/** Data the endpoint may put in one segment. */
export interface DataChunk {
  len: number;
  /** Writes the chunk's bytes at buf[at, at + len). */
  fill(buf: Uint8Array, at: number): void;
  /** Whatever the upper layer needs to find again when this chunk is (re)sent or acknowledged (e.g. a DSS mapping). */
  meta: unknown;
}

/** A chunk queued at a sequence number, as the endpoint keeps it until acknowledged. */
export interface SentChunk extends DataChunk {
  seq: number;
  /** A FIN occupies one sequence number and no payload. */
  fin: boolean;
  sentAtUs: number;
  transmissions: number;
}

export type SegmentKind = 'syn' | 'syn-ack' | 'ack' | 'data' | 'fin' | 'rst';

export interface OutgoingSegment {
  kind: SegmentKind;
  flags: number;
  /** The data or FIN chunk carried, when there is one. */
  chunk: SentChunk | null;
  /** True for the third ACK of the handshake (the first ACK this side sends after SYN/ACK). */
  handshakeAck: boolean;
}

import type { CloseReason, TcpEvent } from '../sim/events.ts';

export type { CloseReason };

/**
 * What an endpoint reports to its upper layer. The endpoint queues these
 * while it handles a segment, a timeout or a call, and the caller drains
 * them after that returns (`dispatchTcpEvents`, quinn-proto's `poll()`): the
 * upper never runs in the middle of a segment, so TCP finishes each one
 * whatever the upper then decides.
 */
export type TcpUpperEvent =
  /**
   * A segment passed TCP's validity checks (RFC 8684 §3: MPTCP options are
   * processed only after them). `payloadLength` excludes SYN/FIN.
   */
  | { kind: 'segment'; header: TcpHeader; payloadLength: number; packetId: number }
  /** In-order payload; `relSeq` counts from the peer's ISN + 1 (the first data byte is 1). */
  | { kind: 'data'; payload: Uint8Array; relSeq: number }
  /** Chunks the peer acknowledged at the TCP level. */
  | { kind: 'acked'; chunks: readonly SentChunk[] }
  /** The peer's FIN arrived in order: no more data from it on this endpoint. */
  | { kind: 'peer-fin' }
  | { kind: 'state'; from: TcpState; to: TcpState }
  /** A retransmission timeout fired on data; `inRow` counts the ones since the last progress. */
  | { kind: 'rto'; inRow: number }
  /** The endpoint reached CLOSED. */
  | { kind: 'closed'; reason: CloseReason };

/**
 * The layer above an endpoint (a plain socket, or an MPTCP subflow): what
 * the endpoint asks while it builds segments, and the handler of its
 * drained events. An endpoint with no upper yet (a passive open being
 * decided) sends no options and no data.
 */
export interface TcpUpper {
  /** Options to add after TCP's own for this segment (already-padded by the endpoint). */
  options(ep: TcpEndpoint, seg: OutgoingSegment): readonly TcpOption[];
  /** The next data to send (at most `maxLen` bytes), or null when there is none now. */
  pull(ep: TcpEndpoint, maxLen: number): DataChunk | null;
  /** Free space for the receive window, in bytes. */
  receiveSpace(ep: TcpEndpoint): number;
  /** Option bytes (padding included) the upper adds to every data segment, so the payload still fits the MTU. */
  dataOptionBytes(ep: TcpEndpoint): number;
  /** One drained event, in the order the endpoint queued them, handed over at `now`. */
  handle(ep: TcpEndpoint, e: TcpUpperEvent, now: number): void;
}

export interface TcpConfig {
  mtuBytes: number;
  receiveBufferBytes: number;
  windowScale: number;
  timestamps: boolean;
  sackPermitted: boolean;
  initialWindowSegments: number;
  delayedAckUs: number;
  /** Linux tcp_syn_retries: SYN retransmissions before an active open gives up. */
  synRetries: number;
  /** Linux tcp_synack_retries: SYN/ACK retransmissions before a half-open connection is dropped. */
  synAckRetries: number;
  dataRetries: number;
  timeWaitUs: number;
  /** RFC 5961 §7, per socket: the least time between two challenge ACKs (Linux tcp_invalid_ratelimit). */
  invalidRateLimitUs: number;
  /** RFC 5961 §7, per host: challenge ACKs a second across all sockets (Linux tcp_challenge_ack_limit; Infinity = off). */
  challengeAckLimit: number;
}

export const DEFAULT_TCP_CONFIG: TcpConfig = {
  mtuBytes: 1500,
  receiveBufferBytes: 6 * 1024 * 1024,
  windowScale: 7,
  timestamps: true,
  sackPermitted: true,
  initialWindowSegments: 10,
  delayedAckUs: 40_000,
  synRetries: 6,
  synAckRetries: 5,
  dataRetries: 15,
  timeWaitUs: 60_000_000,
  invalidRateLimitUs: 500_000,
  // Linux ≥ 6.0: INT_MAX, the per-netns limit is off (see challenge-ack-limit.ts).
  challengeAckLimit: Number.POSITIVE_INFINITY,
};

/** A host-level sink for trace events ('tcp-state', 'tcp-reset', ...). */
export type EventSink = (event: TcpEvent, packets?: number[]) => void;
