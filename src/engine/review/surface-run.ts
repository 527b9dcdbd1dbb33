/**
 * Runs surface rows and reads what each found, the way the matrix reads its
 * rows (the monitors' failures, MPTCP-specific and TCP-only labels, whether
 * the attacker acted), without wall time: a sweep's JSON is the same bytes
 * on every machine and in every shard.
 */
import type { KnownCategory } from '../attacks/knowledge.ts';
import type { FailureId } from '../monitors/monitor.ts';
import type { Scenario } from '../scenario/types.ts';
import { runScenario, type BaselineCache } from '../runner/run-scenario.ts';
import { surfaceScenario, type SurfacePhases } from './surface-scenario.ts';
import type { SurfaceCell } from './surface-plan.ts';

export interface SurfaceRow extends SurfaceCell {
  failures: FailureId[];
  mptcpSpecific: FailureId[];
  /** Failures single-path TCP with the same attacker suffered and MPTCP was spared. */
  tcpOnly: FailureId[];
  /** The attacker acted; false is "not attempted", never "defended". */
  attempted: boolean;
  guessesUsed: number;
  amplification: Partial<Record<FailureId, number>>;
  attackerKnew: KnownCategory[];
  /** The run was cut short by a limit: its verdicts cover part of it. */
  cutShort: boolean;
}

/**
 * Runs one row. `labels: false` skips the single-path TCP baseline that only
 * labels failures MPTCP-specific or inherited (the failures themselves are
 * the same): the trade-off search, which asks only which failures remain,
 * runs half as much.
 */
export function runSurfaceCell(s: Scenario, cell: SurfaceCell, cache: BaselineCache, o: { phases?: SurfacePhases; labels?: boolean } = {}): SurfaceRow {
  const r = runScenario(surfaceScenario(s, cell, cache, o.phases), { trace: 'count', cache, packetJson: false, ...(o.labels === false ? { baselines: 'attack-free' as const } : {}) });
  const amplification: Partial<Record<FailureId, number>> = {};
  for (const f of r.failures) if (f.amplification && amplification[f.id] === undefined) amplification[f.id] = Math.round(f.amplification.value * 1000) / 1000;
  const a = r.attackers[0];
  return {
    ...cell,
    failures: [...new Set(r.failures.map((f) => f.id))],
    mptcpSpecific: [...new Set(r.failures.filter((f) => f.mptcpSpecific).map((f) => f.id))],
    tcpOnly: r.tcpOnly ?? [],
    attempted: a?.attempted ?? false,
    guessesUsed: a?.guessesUsed ?? 0,
    amplification,
    attackerKnew: a?.knew ?? [],
    cutShort: r.stopped !== null,
  };
}
