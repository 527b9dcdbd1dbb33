/**
 * What a scenario may ask of one run, so every valid scenario finishes in
 * bounded time and memory. Per-field ranges live in the schema (a guess
 * budget, a transfer's bytes, a request/response count, attackers, the
 * duration); the totals across fields are checked here, after the
 * references, each problem naming its limit and the path to change.
 *
 * Measured on one core (Node 22, digest trace; see runner/estimate.ts):
 * a blind guess costs 50–170 µs with its baselines (more with more
 * attackers: 320,000 guesses from 16 attackers took 54 s), a data segment
 * about 60 µs (300 MB over MPTCP: 12 s, 640,000 packets), an exchange
 * about 150 µs (100,000 exchanges: 15 s). At these limits a run takes at
 * most a few minutes on the command line; the app asks before running
 * anything its estimate calls heavy.
 */
import type { Scenario, ScenarioProblem } from './types.ts';
import { groupThousands } from './problem-cap.ts';

export const LIMITS = {
  /** Attackers in one scenario (schema). */
  attackers: 16,
  /** One attacker's guess budget (schema), and all attackers' together (here). */
  guessBudget: 200_000,
  guessesTotal: 200_000,
  /** Packets the flooding attacks send, all attackers together (`params.count`). */
  floodPacketsTotal: 200_000,
  /** Bytes one traffic entry moves (schema), and all traffic together: bulk bytes plus count × (request + response). */
  trafficBytes: 1_000_000_000,
  trafficBytesTotal: 1_000_000_000,
  /** Request/response exchanges of one traffic entry (schema) and of all together. */
  exchanges: 200_000,
  exchangesTotal: 200_000,
  /** The scenario's duration (schema): one hour of simulated time. */
  durationUs: 3_600_000_000,
  /** A review's decisions (schema): more than any surface map finds (a few hundred rows, a few failures each). */
  reviewDecisions: 10_000,
} as const;

/** Attacks whose `params.count` is a number of packets sent (floods), with its default. */
export const FLOOD_ATTACKS: Readonly<Record<string, number>> = { 'join-dos': 32, 'syn-flood-amplification': 32 };

/** Packets an attacker's flood sends (0 for other attacks). */
export function floodPackets(a: Scenario['attackers'][number]): number {
  const dflt = FLOOD_ATTACKS[a.attack];
  if (dflt === undefined) return 0;
  const count = (a.params as { count?: unknown }).count;
  return typeof count === 'number' && Number.isFinite(count) && count >= 0 ? count : dflt;
}

/** Bytes a traffic entry moves, both directions. */
export function trafficBytes(t: Scenario['traffic'][number]): number {
  return t.kind === 'bulk' ? t.bytes : t.count * (t.requestBytes + t.responseBytes);
}

const n = groupThousands;

/** Problems of a shape-valid, defaults-applied scenario whose totals are over the limits. */
export function checkLimits(s: Scenario): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const heavy = (path: string, message: string) => problems.push({ path, code: 'SCENARIO_TOO_HEAVY', message });
  const guesses = s.attackers.reduce((sum, a) => sum + a.guessBudget, 0);
  if (guesses > LIMITS.guessesTotal) {
    heavy('$.attackers', `the attackers' guess budgets add up to ${n(guesses)} guesses; at most ${n(LIMITS.guessesTotal)} per scenario, so a run finishes in minutes: lower their guessBudget`);
  }
  const floods = s.attackers.reduce((sum, a) => sum + floodPackets(a), 0);
  if (floods > LIMITS.floodPacketsTotal) {
    heavy('$.attackers', `the attackers' floods send ${n(floods)} packets together; at most ${n(LIMITS.floodPacketsTotal)} per scenario: lower their params.count`);
  }
  const bytes = s.traffic.reduce((sum, t) => sum + trafficBytes(t), 0);
  if (bytes > LIMITS.trafficBytesTotal) {
    heavy('$.traffic', `the traffic moves ${n(bytes)} bytes in all (bulk bytes, and count × (requestBytes + responseBytes)); at most ${n(LIMITS.trafficBytesTotal)} (1 GB) per scenario`);
  }
  const exchanges = s.traffic.reduce((sum, t) => sum + (t.kind === 'request-response' ? t.count : 0), 0);
  if (exchanges > LIMITS.exchangesTotal) {
    heavy('$.traffic', `the traffic makes ${n(exchanges)} request/response exchanges in all; at most ${n(LIMITS.exchangesTotal)} per scenario: lower their count`);
  }
  return problems;
}
