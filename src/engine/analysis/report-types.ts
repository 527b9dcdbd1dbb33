/**
 * The shape of `lab analyze --json` (and of what the app shows). Hex is
 * lowercase and zero-padded, a value not seen is null, endpoints are
 * "ip:port" or "[ipv6]:port", frames count from 1 as in Wireshark.
 */
import type { AnalysisLimits } from './limits.ts';

export type Side = 'client' | 'server';

export interface SubflowReport {
  client: string;
  server: string;
  join: boolean;
  /** The join initiator's address ID (from its SYN); null on the initial subflow. */
  addressId: number | null;
  /** The responder's address ID (from its SYN/ACK). */
  responderAddressId: number | null;
  /** True when either side asked for backup in the join handshake. */
  backup: boolean;
  /** Both join HMACs verified: true; any failed: false; nothing checkable: null. */
  hmacVerified: boolean | null;
  synAckHmacVerified: boolean | null;
  ackHmacVerified: boolean | null;
  /** Which host of the MPTCP connection opened this subflow. */
  initiator: Side;
  synFrame: number | null;
  /** Frames of the join's SYN/ACK and third ACK (the HMACs). */
  synAckFrame: number | null;
  ackFrame: number | null;
  /** The token the join SYN carried. */
  token: string | null;
  /** The handshake completed (third ACK for the initial subflow, fourth ACK for a join). */
  established: boolean;
  /** The first RST on this subflow. */
  resetFrame: number | null;
  resetBy: Side | null;
  packets: number;
  payloadBytes: number;
}

export interface AddAddrReport {
  frame: number;
  from: Side;
  addressId: number;
  address: string;
  port: number | null;
  echo: boolean;
  hmacVerified: boolean | null;
  hmac: string | null;
  version: 0 | 1;
}

export interface RemoveAddrReport {
  frame: number;
  from: Side;
  addressIds: number[];
}

export type EventKind = 'mp-prio' | 'mp-fastclose' | 'mp-tcprst' | 'mp-fail' | 'data-fin' | 'fallback';

export interface EventReport {
  frame: number;
  kind: EventKind;
  from: Side | null;
  /** Index into the connection's subflows. */
  subflow: number | null;
  detail: string;
  /** MP_FASTCLOSE only: it carries its receiver's key (null when that key is not in the capture). */
  keyVerified?: boolean | null;
}

export interface ProblemReport {
  frame: number | null;
  code: string;
  message: string;
}

export interface DssChecksumStats {
  negotiated: boolean;
  verified: number;
  failed: number;
  /** Mappings that could not be checked (cut by the snap length, capture ended, data missing). */
  unchecked: number;
}

export interface ConnectionReport {
  version: 0 | 1;
  client: string;
  server: string;
  clientKey: string | null;
  serverKey: string | null;
  clientToken: string | null;
  serverToken: string | null;
  clientIdsn: string | null;
  serverIdsn: string | null;
  /** The IDSN checked against the DSNs and DATA_ACKs on the wire (null: no evidence). */
  clientIdsnVerified: boolean | null;
  serverIdsnVerified: boolean | null;
  subflows: SubflowReport[];
  addAddrs: AddAddrReport[];
  removeAddrs: RemoveAddrReport[];
  events: EventReport[];
  dssChecksum: DssChecksumStats;
  /** The first `limits.maxConnectionProblems`, by frame; the rest are counted in `omitted.problems`. */
  problems: ProblemReport[];
  /** What went past the per-connection caps (always set by the analyzer; optional for older reports). */
  omitted?: ConnectionOmitted;
}

export interface ConnectionOmitted {
  subflows: number;
  addAddrs: number;
  removeAddrs: number;
  events: number;
  /** Problems not listed, by code. */
  problems: Record<string, number>;
}

export interface VerdictCounts {
  verified: number;
  mismatch: number;
  notCheckable: number;
}

/** MPTCP connections past `limits.maxReportedConnections`: verified like the others, then only counted. */
export interface OmittedConnections {
  count: number;
  subflows: number;
  /** Each side's IDSN against the DSNs on the wire. */
  idsn: VerdictCounts;
  /** Each join's HMACs (hmacVerified). */
  joinHmac: VerdictCounts;
  addAddrHmac: VerdictCounts;
  dssChecksum: { verified: number; failed: number; unchecked: number };
  /** Their problems, by code. */
  problems: Record<string, number>;
}

/** How the analysis stayed within bounded memory: its limits and what it summarised instead of keeping. */
export interface AnalysisBounds {
  limits: AnalysisLimits;
  /** TCP flows whose SYN carried neither MP_CAPABLE nor MP_JOIN: counted, never tracked. */
  plainTcpFlows: number;
  /** Every MPTCP connection seen; `connections` lists the first `limits.maxReportedConnections`. */
  mptcpConnections: number;
  omittedConnections: OmittedConnections;
  /** MPTCP subflows summarised and dropped while reading: closed (FIN both ways, RST, MP_FASTCLOSE), idle, or evicted by the cap. */
  flowsDropped: { closed: number; idle: number; evicted: number };
  /** Most MPTCP subflows tracked at once. */
  peakLiveFlows: number;
  /** Every capture-level problem; `problems` lists the first `limits.maxProblems`. */
  problems: number;
  /** Capture-level problems not listed, by code. */
  omittedProblems: Record<string, number>;
}

export interface AnalysisReport {
  packets: number;
  format: 'pcap' | 'pcapng' | null;
  tcpPackets: number;
  mptcpPackets: number;
  /** Packets the snap length cut short. */
  cutPackets: number;
  /** pcapng frames that were a later hop of a packet already analysed on another interface (listed, not analysed twice). */
  hopRepeats: number;
  /** The first `bounds.limits.maxReportedConnections` MPTCP connections, in the order their first packet came. */
  connections: ConnectionReport[];
  /** The first `bounds.limits.maxProblems` capture-level problems, by frame. */
  problems: ProblemReport[];
  /** Limits and summarised counts (always set by the analyzer; optional for older reports). */
  bounds?: AnalysisBounds;
}
