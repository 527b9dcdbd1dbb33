/**
 * What an attack strategy is: a script an attacker follows using only what
 * its class lets it see and do (security-model.md §3–4). The attacker
 * (`attacker.ts`) enforces the class; a strategy only asks.
 */
import type { Rng } from '../core/rng.ts';
import type { AttackerSpec, AttackId } from '../scenario/types.ts';
import type { DecodedPacket } from '../wire/packet.ts';
import type { IpAddress } from '../wire/ip-address.ts';
import type { MacAlgorithm } from '../crypto/mptcp-crypto.ts';
import type { KnowledgeBase } from './knowledge.ts';
import type { AttackerEvent } from '../sim/events.ts';
import type { GuessEstimate } from './blind-search.ts';

/** A packet the attacker sees on one of its links, inside its window. */
export interface ObservedPacket {
  id: number;
  timeUs: number;
  link: string;
  /** Node that put it on the link. */
  from: string;
  bytes: Uint8Array;
  decoded: DecodedPacket;
}

/** What an active on-path attacker does with a packet passing by. */
export type Verdict = { kind: 'pass' } | { kind: 'drop'; why: string } | { kind: 'replace'; bytes: Uint8Array; why: string; /** Not an event of its own (a stream of rewrites reported once). */ quiet?: boolean };

export const PASS: Verdict = { kind: 'pass' };

/** What every attacker knows from the start: who uses which advertised service (not ephemeral ports or sequence numbers). */
export interface PublicService {
  clientAddresses: IpAddress[];
  server: IpAddress;
  port: number;
}

export interface InjectOptions {
  /** A blind guess: counts against the budget. */
  guess?: boolean;
  /** Sent from its own machine (behind its home router) rather than where it taps. */
  fromHome?: boolean;
  /** Not an event of its own (relayed traffic; the relay reports once). */
  quiet?: boolean;
}

export interface AttackContext {
  readonly services: readonly PublicService[];
  /** The protocol the hosts speak (which stack they run is no secret). */
  readonly protocol: 'tcp' | 'mptcp-v0' | 'mptcp-v1';
  /** The MACs of their join and ADD_ADDR HMACs (no secret either). */
  readonly mac: MacAlgorithm;
  readonly addAddrMac: MacAlgorithm;
  /**
   * The hosts run the stateless-join what-if (RFC 7430 §3.1): a join's third
   * ACK must repeat the token and nonce. Which stack they run is no secret.
   */
  readonly statelessJoin: boolean;
  readonly spec: AttackerSpec;
  /** Parameters with the attack's defaults filled. */
  readonly params: Record<string, unknown>;
  readonly knowledge: KnowledgeBase;
  readonly rng: Rng;
  now(): number;
  /** Runs `fn` at simulated time `atUs`. */
  later(atUs: number, fn: () => void): void;
  /**
   * Sends a packet it built (any source address) into the network where
   * it sits. Refused (null) for an eavesdropper. `guess` counts it against
   * the guess budget (refused when spent). Returns the packet id.
   */
  inject(bytes: Uint8Array, why: string | (() => string), opts?: InjectOptions): number | null;
  /** Records something it did or decided, as a trace event. */
  act(event: AttackerEvent, packets?: number[]): void;
}

export interface AttackStrategy {
  /** At the start of the run. */
  start?(ctx: AttackContext): void;
  /** Every packet it sees (after the knowledge base learned from it). */
  observe?(ctx: AttackContext, p: ObservedPacket): void;
  /** A packet addressed to the attacker's own address (it always gets those). */
  receive?(ctx: AttackContext, p: ObservedPacket): void;
  /** Active, on path and inside its window: may drop or rewrite the packet. */
  intercept?(ctx: AttackContext, p: ObservedPacket): Verdict;
  /**
   * The blind search it runs (or, before it struck, would run with what it
   * knows now): the mean number of guessed packets it needs, the formula
   * with its factors, why, and the chance a budget suffices
   * (`blind-search.ts`). Null when the attack needs no guess.
   */
  expectedGuesses?(ctx: AttackContext): GuessEstimate | null;
}

export interface StrategyDefinition {
  create(params: Record<string, unknown>): AttackStrategy;
  /**
   * The parameters the same attacker would use against single-path TCP, for
   * the baseline that labels failures inherited (e.g. a RST instead of an
   * MP_FASTCLOSE). Absent: the same parameters.
   */
  tcpEquivalent?(params: Record<string, unknown>): Record<string, unknown>;
  /** What the attack becomes against single-path TCP, for people ("a SYN flood"); absent: the same attack. */
  tcpEquivalentLabel?(attack: string): string;
  /**
   * Another attack of the catalog the same attacker follows against
   * single-path TCP, with its parameters: TCP has no joins, so a hijack by
   * joining becomes a hijack by injecting into the stream, with the same
   * budget. Absent: the same attack (with `tcpEquivalent`'s parameters).
   */
  tcpCounterpart?(spec: AttackerSpec): { attack: AttackId; params: Record<string, unknown> };
}
