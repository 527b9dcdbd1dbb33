/**
 * Monitors decide which security failures of security-model.md §2 really
 * happened in a run. Each is a predicate over what hosts, links and
 * attackers did (the run's ground truth); none changes the run. A finding
 * carries the first time the failure held, its evidence (packet and event
 * ids) and a paragraph saying why.
 */
import type { Attacker } from '../attacks/attacker.ts';
import type { AppReport } from '../host/apps.ts';
import type { Scenario } from '../scenario/types.ts';
import type { HostEvent } from '../sim/trace.ts';
import type { Prose } from './prose.ts';
import type { IpAddress } from '../wire/ip-address.ts';
import type { SynRecord } from '../host/syn-ledger.ts';
import type { DestinationRecord } from '../host/host.ts';

export type FailureId =
  | 'hijack'
  | 'mitm'
  | 'data-injection'
  | 'eavesdrop-data'
  | 'key-compromise'
  | 'connection-dos'
  | 'join-dos'
  | 'resource-exhaustion'
  | 'third-party-flooding'
  | 'degradation';

export interface Evidence {
  packets: number[];
  /** Indexes into the run's events. */
  events: number[];
}

/** A failure's measured amplification: what the target spent per byte the attackers sent. */
export interface Amplification {
  value: number;
  /** What was measured, per attacker byte: "target bytes", "state bytes". */
  per: string;
}

export interface Finding {
  failure: FailureId;
  timeUs: number;
  /** The attacker whose packets are in its evidence. */
  attacker: string;
  evidence: Evidence;
  /** Why, naming packets, attackers and host decisions by reference (`renderProse`). */
  explanation: Prose;
  amplification?: Amplification;
}

/** A connection as the hosts really had it. */
export interface ConnectionTruth {
  host: string;
  role: 'client' | 'server';
  version: 0 | 1;
  localKey: bigint;
  remoteKey: bigint | null;
  /** Data sequence numbers start after these (RFC 8684 §3.3.1); null before the peer's key is known. */
  localIdsn: bigint;
  remoteIdsn: bigint | null;
  fallback: boolean;
  subflows: readonly SubflowTruth[];
  /** The bytes this end wrote to the connection at stream offset `offset` (what its application, or TLS, handed it). */
  wrote(offset: number, length: number): Uint8Array | null;
}

/** One subflow as its host had it. */
export interface SubflowTruth {
  kind: 'initial' | 'join';
  /** This host sent the SYN. */
  initiator: boolean;
  local: { addr: IpAddress; port: number };
  remote: { addr: IpAddress; port: number };
  /** When a join was accepted (its handshake completed); null otherwise. */
  joinedAtUs: number | null;
  /** What the connection accepted into its data stream from this subflow: how much, and the first bytes and where. */
  accepted: { bytes: number; first: { dsn: bigint | null; sample: Uint8Array; packetId: number | null; atUs: number } | null };
}

/** The same scenario run without its attackers. */
export interface AttackFreeTruth {
  apps: readonly AppReport[];
  connections: readonly ConnectionTruth[];
  events: readonly HostEvent[];
  endUs: number;
}

/** What the reference run for resource exhaustion held: single-path TCP with SYN cookies against the same flood. */
export interface FloodReference {
  /** What it ran, for people. */
  description: string;
  /** State it held for attacker packets: peak bytes, and bytes × µs. */
  peakStateBytes: number;
  stateByteUs: number;
  /** SHA compression-function calls it made for attacker packets. */
  compressions: number;
  /** Attacker SYNs it handled. */
  syns: number;
}

/** What monitors may read: the run's ground truth. */
export interface RunTruth {
  scenario: Scenario;
  /** When the run stopped. */
  endUs: number;
  events: readonly HostEvent[];
  apps: readonly AppReport[];
  connections: readonly ConnectionTruth[];
  attackers: readonly Attacker[];
  /** Addresses (keys) each host had an established TCP connection or subflow with, by host id. */
  peers: ReadonlyMap<string, ReadonlySet<string>>;
  /** Source addresses each host received packets from (even spoofed ones), by host id. */
  heardFrom: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Bytes each host received from each source address (address key), by host id. */
  receivedFrom: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** What each host sent to each destination address (address key), by host id. */
  sentTo: ReadonlyMap<string, ReadonlyMap<string, DestinationRecord>>;
  /** Every attacker packet that reached each host and whether TCP took it in, by host id. */
  attackerArrivals: ReadonlyMap<string, readonly { packetId: number; atUs: number; accepted: boolean }[]>;
  /** Every SYN each host's listeners and MPTCP stack handled, by host id. */
  syns: ReadonlyMap<string, readonly SynRecord[]>;
  /** Whether bytes are some application's data (the applications write pattern streams). */
  isApplicationData(bytes: Uint8Array): boolean;
  /** The attacker-free run (made on first use); null when baselines are off. */
  attackFree(): AttackFreeTruth | null;
  /** The resource-exhaustion reference (made on first use); null when baselines are off or nothing to compare. */
  floodReference(): FloodReference | null;
}

export interface Monitor {
  id: FailureId;
  evaluate(truth: RunTruth): Finding[];
}
