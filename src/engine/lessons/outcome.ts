/**
 * What a lesson may ask about a run, taken from the run's own result: the
 * monitors' failures (with the single-path baseline's label, and those only
 * the baseline suffered), whether each
 * attacker acted, whether the applications got their bytes intact, and the
 * hash work done. Facts and goals read this and nothing else, so a lesson
 * can only say what the engine found.
 */
import type { RunResult } from '../runner/run-scenario.ts';
import type { FailureId } from '../monitors/monitor.ts';
import type { AttackerCapability, AttackerLocation, AttackId, Protocol, Scenario } from '../scenario/types.ts';

export interface LessonOutcome {
  protocol: Protocol;
  mitigations: string[];
  failures: { id: FailureId; timeUs: number; mptcpSpecific: boolean; attacker: string }[];
  attackers: { id: string; attack: AttackId; location: AttackerLocation; capability: AttackerCapability; attempted: boolean; cutShort: boolean }[];
  /**
   * Failures single-path TCP with the same attackers suffered and this run
   * did not (MPTCP spared them); null when that baseline did not run.
   * `lessonOutcome` always sets it; an outcome written by hand without it
   * reads as one whose baseline did not run.
   */
  tcpOnly?: FailureId[] | null;
  /** Every application read exactly what its peer wrote. */
  dataIntact: boolean;
  /** SHA compression-function calls plus cipher blocks in the run (hosts and attackers). */
  hashWork: number;
  /**
   * The two parts of `hashWork`: a MAC algorithm changes which one the MACs
   * cost. `lessonOutcome` always sets it; without it only the total is known.
   */
  crypto?: { compressions: number; cipherBlocks: number };
  /** The run was cut short (by a cancel or a limit): its verdicts cover only part of it. */
  cutShort: boolean;
}

export function lessonOutcome(scenario: Scenario, r: RunResult): LessonOutcome {
  return {
    protocol: scenario.protocol,
    mitigations: [...scenario.mptcp.mitigations],
    failures: r.failures.map((f) => ({ id: f.id, timeUs: f.timeUs, mptcpSpecific: f.mptcpSpecific, attacker: f.attacker })),
    attackers: r.attackers.map((a) => ({ id: a.id, attack: a.attack, location: a.location, capability: a.capability, attempted: a.attempted, cutShort: a.cutShort })),
    tcpOnly: r.tcpOnly && [...r.tcpOnly],
    dataIntact: r.apps.every((a) => a.intact),
    hashWork: r.cryptoOps.compressions + r.cryptoOps.cipherBlocks,
    crypto: { compressions: r.cryptoOps.compressions, cipherBlocks: r.cryptoOps.cipherBlocks },
    cutShort: r.stopped !== null,
  };
}
