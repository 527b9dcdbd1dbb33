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
import type { JoinSynRecord } from '../mptcp/stack.ts';
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

export interface Finding {
  failure: FailureId;
  timeUs: number;
  /** The attacker it is attributed to. */
  attacker: string;
  evidence: Evidence;
  /** Why, naming packets, attackers and host decisions by reference (`renderProse`). */
  explanation: Prose;
}

/** A connection as the hosts really had it. */
export interface ConnectionTruth {
  host: string;
  role: 'client' | 'server';
  version: 0 | 1;
  localKey: bigint;
  remoteKey: bigint | null;
  fallback: boolean;
  subflows: readonly SubflowTruth[];
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
}

/** The same scenario run without its attackers. */
export interface AttackFreeTruth {
  apps: readonly AppReport[];
  connections: readonly ConnectionTruth[];
  events: readonly HostEvent[];
  endUs: number;
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
  /** What each host sent to each destination address (address key), by host id. */
  sentTo: ReadonlyMap<string, ReadonlyMap<string, DestinationRecord>>;
  /** Every SYN+MP_JOIN each host handled, by host id. */
  joinSyns: ReadonlyMap<string, readonly JoinSynRecord[]>;
  /** The attacker-free run (made on first use); null when baselines are off. */
  attackFree(): AttackFreeTruth | null;
}

export interface Monitor {
  id: FailureId;
  evaluate(truth: RunTruth): Finding[];
}
