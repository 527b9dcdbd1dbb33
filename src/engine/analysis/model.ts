/**
 * What the analyzer remembers while it walks a capture: raw observations
 * only. Everything key-dependent (tokens, HMAC checks, IDSN checks) is
 * computed once at the end, so the order in which keys and joins appear
 * does not matter.
 */
import type { MptcpVersion } from '../crypto/mptcp-crypto.ts';
import type { IpAddress } from '../wire/ip-address.ts';
import type { AddAddr } from '../wire/mptcp/types.ts';
import type { DssChecksumTracker } from './dss-checksum-tracker.ts';
import type { FlowEntry } from './flow-table.ts';
import type { EventReport, ProblemReport, Side } from './report-types.ts';

export interface Endpoint {
  readonly addr: IpAddress;
  readonly port: number;
  /** Compact identity used in flow keys. */
  readonly id: string;
}

export interface JoinObservation {
  token: number;
  initiatorNonce: number;
  initiatorAddressId: number;
  initiatorBackup: boolean;
  synFrame: number;
  responderNonce: number | null;
  responderAddressId: number | null;
  responderBackup: boolean;
  synAckHmac: bigint | null;
  synAckFrame: number | null;
  ackHmac: Uint8Array | null;
  ackFrame: number | null;
}

/** One TCP flow of an MPTCP connection while the analyzer tracks it (`FlowEntry`: its place in the bounded flow table). */
export interface SubflowState extends FlowEntry {
  readonly key: string;
  /** The SYN's sender. */
  readonly client: Endpoint;
  readonly server: Endpoint;
  readonly synFrame: number | null;
  clientIsn: number | null;
  serverIsn: number | null;
  /** Opened with MP_CAPABLE (the initial subflow) or MP_JOIN. */
  readonly kind: 'mp-capable' | 'mp-join';
  join: JoinObservation | null;
  conn: ConnectionState | null;
  /** Which host of the connection sent this subflow's SYN (known once the connection is). */
  initiator: Side;
  packets: number;
  payloadBytes: number;
  /** First RST on the subflow, and who sent it. */
  reset: { frame: number; from: Side } | null;
  /** Initial subflow: the third ACK was seen. Join: the responder acknowledged the third ACK (RFC 8684 §3.2's fourth ACK). */
  established: boolean;
  checksums: { fromClient: DssChecksumTracker | null; fromServer: DssChecksumTracker | null };
  /** Position in the connection's subflow list (-1: not listed, past the per-connection cap, or not joined yet). */
  index: number;
  /** A FIN was seen from the SYN's sender, from its receiver. */
  finFromClient: boolean;
  finFromServer: boolean;
  /** Still in the analyzer's flow table. */
  live: boolean;
}

export interface DsnEvidence {
  /** DSN of the first explicit mapping, or the first DATA_ACK, as sent. */
  value: bigint;
  is64: boolean;
  /** Payload bytes the sending side had sent on all subflows before this frame (an upper bound on data before it). */
  bytesBefore: number;
  frame: number;
}

export interface AddAddrObservation {
  frame: number;
  from: Side;
  option: AddAddr;
}

export interface ConnectionState {
  /** Position in the report's connection list. */
  readonly index: number;
  version: MptcpVersion;
  readonly initial: SubflowState;
  /** The SYN's MP_CAPABLE flags and the SYN/ACK's, for checksum negotiation. */
  synFlags: number | null;
  synAckFlags: number | null;
  clientKey: bigint | null;
  serverKey: bigint | null;
  subflows: SubflowState[];
  addAddrs: AddAddrObservation[];
  removeAddrs: { frame: number; from: Side; addressIds: number[] }[];
  events: EventReport[];
  problems: ProblemReport[];
  bytesSent: { client: number; server: number };
  /** First explicit mapping DSN sent by each side, and first DATA_ACK sent by each side. */
  firstMapping: { client: DsnEvidence | null; server: DsnEvidence | null };
  firstDataAck: { client: DsnEvidence | null; server: DsnEvidence | null };
  /** DATA_FINs already reported (made at the first: most connections in a flood never send one). */
  dataFinsSeen: Set<string> | null;
  fastcloses: { frame: number; from: Side; receiverKey: bigint }[];
  checksumStats: { verified: number; failed: number; unchecked: number };
  /** Subflows still in the flow table: at 0 the connection is summarised into the report and dropped. */
  live: number;
  /** Tokens of its keys held in the analyzer's token map (removed with the connection). */
  tokens: number[];
  /** What went past the per-connection caps. */
  omitted: ConnectionOmissions;
}

export interface ConnectionOmissions {
  subflows: number;
  addAddrs: number;
  removeAddrs: number;
  events: number;
  /** Problems past the cap, by code. */
  problems: Record<string, number>;
}

export const otherSide = (s: Side): Side => (s === 'client' ? 'server' : 'client');
