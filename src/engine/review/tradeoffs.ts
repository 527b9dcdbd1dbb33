/**
 * Mitigation trade-offs of one scenario, measured by the engine (issue 15).
 *
 * Cost: each set's scenario runs without attackers, and its cost is read
 * off that run — hash and cipher work per connection, the server's work and
 * half-open state per MP_CAPABLE and MP_JOIN SYN (its SYN ledger), bytes on
 * the wire, and the joins it breaks (address-bound join HMACs break a join
 * through a NAT).
 *
 * Effect: the surface map's rows that found failures run again under each
 * set (the version's defaults, each mitigation alone, all of them, and all
 * that keep the scenario's joins working). A finding is stoppable when every
 * mitigation that keeps the joins working, together, removes it; the rest
 * (an on-path attacker can always reset or drop) are listed as unstoppable.
 * Failures a set brings (TLS turns an injection into a detected abort) are
 * reported with it, and do not disqualify it.
 *
 * Search: every combination of the mitigations that help (stop a finding
 * alone) or may lower the cost (the AES-CMAC what-if), ordered by cost —
 * hash work per connection, then half-open state, then bytes on the wire —
 * is checked in turn against the failing rows (the rows fewest sets stop
 * first, so a set that cannot work fails on its first run). The first that
 * removes every stoppable finding is the cheapest; all compatible
 * mitigations together are always among the candidates, so there is one.
 * Nothing here is written by hand.
 */
import { MATRIX_MITIGATIONS, newBaselineCache, type MatrixMitigation } from '../runner/matrix.ts';
import { runScenario } from '../runner/run-scenario.ts';
import type { HostMitigation, Scenario } from '../scenario/types.ts';
import { surfaceCellKey, type SurfaceCell } from './surface-plan.ts';
import { runSurfaceCell } from './surface-run.ts';
import { surfaceBase } from './surface-scenario.ts';
import type { SurfaceResult } from './surface.ts';
import type { MitigationCost, TradeoffKind, TradeoffResult, TradeoffRow } from './tradeoff-types.ts';

export interface TradeoffProgress {
  phase: 'cost' | 'effect' | 'search';
  /** Runs done and (an estimate of) runs in all. */
  done: number;
  total: number;
}

/** The extra mitigations a set can hold under the scenario's protocol (v1's ADD_ADDR HMAC is the protocol's own). */
export function tradeoffMitigations(s: Scenario): MatrixMitigation[] {
  return MATRIX_MITIGATIONS.filter((m) => !(s.protocol === 'mptcp-v1' && m === 'add-addr-hmac'));
}

/** The scenario with exactly this set on top of the version's defaults. */
export function withMitigationSet(s: Scenario, set: readonly MatrixMitigation[]): Scenario {
  const host = set.filter((m): m is HostMitigation => m !== 'aes-cmac');
  return { ...s, mptcp: { ...s.mptcp, mitigations: host, macAlgorithm: set.includes('aes-cmac') ? 'aes-cmac' : 'version-default' } };
}

const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);

/** A set's cost from its attacker-free run; `defaultJoins` are the joins the defaults complete. */
export function measureCost(s: Scenario, set: readonly MatrixMitigation[], defaultJoins: number): MitigationCost & { joins: number } {
  const r = runScenario(withMitigationSet(surfaceBase(s), set), { trace: 'count', baselines: 'none', packetJson: false });
  const syns = [...r.handle.syns.values()].flat().filter((x) => !r.handle.attackerSent.has(x.packetId));
  const of = (kind: 'mp-join' | 'other') => syns.filter((x) => (kind === 'mp-join' ? x.kind === 'mp-join' : x.kind !== 'mp-join'));
  const joins = r.events.filter((e) => e.kind === 'mptcp-join-established').length;
  const connections = Math.max(1, r.apps.length);
  const broken = Math.max(0, defaultJoins - joins);
  return {
    hashPerConnection: Math.round(((r.cryptoOps.compressions + r.cryptoOps.cipherBlocks) / connections) * 10) / 10,
    hashPerJoin: mean(of('mp-join').map((x) => x.crypto.compressions + x.crypto.cipherBlocks)),
    stateBytesPerConnection: mean(of('other').map((x) => x.kept?.bytes ?? 0)) ?? 0,
    stateBytesPerJoin: mean(of('mp-join').map((x) => x.kept?.bytes ?? 0)),
    wireBytes: r.bytesOnLinks,
    joinsBroken: broken,
    natCompatible: broken === 0,
    joins,
  };
}

/** Cheaper first: hash work per connection, then half-open state, then bytes on the wire. */
export function compareCost(a: MitigationCost, b: MitigationCost): number {
  return a.hashPerConnection - b.hashPerConnection || a.stateBytesPerConnection + (a.stateBytesPerJoin ?? 0) - (b.stateBytesPerConnection + (b.stateBytesPerJoin ?? 0)) || a.wireBytes - b.wireBytes;
}

/** Which failures remain is all the table asks: no single-path baseline to label them. */
const UNLABELLED = { labels: false } as const;

const setKey = (set: readonly MatrixMitigation[]) => [...set].sort().join('+');

/** The findings (keys) a row's run shows. */
const keysOf = (cell: SurfaceCell, failures: readonly string[]) => failures.map((f) => `${surfaceCellKey(cell)}/${f}`);

/**
 * The trade-off table, as a generator: it yields progress between runs
 * (so a worker can stop it) and returns the result.
 */
export function* computeTradeoffsSteps(s: Scenario, surface: SurfaceResult): Generator<TradeoffProgress, TradeoffResult, void> {
  const extras = tradeoffMitigations(s);
  const failing = surface.rows.filter((r) => r.failures.length > 0);
  const mapFindings = new Set(failing.flatMap((r) => keysOf(r, r.failures)));
  // One cache for every set: baselines are keyed by the scenario, mitigations included, so sets share what they can.
  const cache = newBaselineCache();

  // Each row's failures under each set, run once: the search reuses what the table ran.
  const memo = new Map<string, string[]>();
  const failuresUnder = (set: readonly MatrixMitigation[], row: SurfaceCell): string[] => {
    const k = `${setKey(set)}|${surfaceCellKey(row)}`;
    let keys = memo.get(k);
    if (!keys) memo.set(k, (keys = keysOf(row, runSurfaceCell(withMitigationSet(s, set), row, cache, UNLABELLED).failures)));
    return keys;
  };
  // The map itself ran under the scenario's own set: when that is the version's defaults, its rows are the defaults' runs.
  if (s.mptcp.mitigations.length === 0 && s.mptcp.macAlgorithm === 'version-default') for (const row of surface.rows) memo.set(`|${surfaceCellKey(row)}`, keysOf(row, row.failures));

  // Cost of every set the table shows or the search may need, measured once each.
  const costs = new Map<string, MitigationCost>();
  const defaults = measureCost(s, [], 0);
  const baseJoins = defaults.joins;
  const costOf = (set: readonly MatrixMitigation[]): MitigationCost => {
    const k = setKey(set);
    let c = costs.get(k);
    if (!c) {
      const { joins: _joins, ...cost } = measureCost(s, set, baseJoins);
      costs.set(k, (c = cost));
    }
    return c;
  };

  const shown: { set: MatrixMitigation[]; kind: TradeoffKind }[] = [{ set: [], kind: 'defaults' }, ...extras.map((m) => ({ set: [m], kind: 'alone' as const })), { set: extras, kind: 'all' }];
  let done = 0;
  for (const x of shown) {
    costOf(x.set);
    yield { phase: 'cost', done: ++done, total: shown.length };
  }
  const compatible = extras.filter((m) => costOf([m]).natCompatible);
  const allCompatible = compatible.length < extras.length ? compatible : null;

  // Each shown set (and all compatible ones together) against the rows that found failures.
  const evaluated = [...shown.map((x) => x.set), ...(allCompatible ? [allCompatible] : [])];
  const found = new Map<string, Set<string>>();
  const total = evaluated.length * failing.length;
  done = 0;
  for (const set of evaluated) {
    const keys = new Set<string>();
    for (const row of failing) {
      for (const k of failuresUnder(set, row)) keys.add(k);
      yield { phase: 'effect', done: ++done, total };
    }
    found.set(setKey(set), keys);
  }
  const rowOf = (set: MatrixMitigation[], kinds: TradeoffKind[]): TradeoffRow => {
    const keys = found.get(setKey(set)) ?? new Set<string>();
    return {
      mitigations: set,
      kinds,
      cost: costOf(set),
      stopped: [...mapFindings].filter((k) => !keys.has(k)).sort(),
      remaining: [...mapFindings].filter((k) => keys.has(k)).sort(),
      added: [...keys].filter((k) => !mapFindings.has(k)).sort(),
    };
  };
  const rows = shown.map((x) => rowOf(x.set, [x.kind]));
  // What every compatible mitigation together removes is the target; a single set that misses a finding
  // only by moving the run's timing does not make it stoppable.
  const widest = allCompatible ? rowOf(allCompatible, []) : rows.find((r) => r.kinds[0] === 'all')!;
  const compatibleRows = rows.filter((r) => r.cost.natCompatible);
  const stoppable = [...widest.stopped];
  const unstoppable = [...mapFindings].filter((k) => !stoppable.includes(k)).sort();

  // The search: combinations of the helpful (and cost-lowering) compatible mitigations, cheapest first.
  const helpful = compatible.filter((m) => rows.find((r) => r.kinds[0] === 'alone' && r.mitigations[0] === m)!.stopped.length > 0 || compareCost(costOf([m]), costOf([])) < 0);
  const combos: MatrixMitigation[][] = [];
  for (let mask = 0; mask < 1 << helpful.length; mask++) combos.push(helpful.filter((_, i) => mask & (1 << i)));
  done = 0;
  const orderTotal = combos.length;
  for (const set of combos) {
    costOf(set);
    yield { phase: 'cost', done: ++done, total: orderTotal };
  }
  // The widest compatible set always stops every stoppable finding, so the search ends with an answer.
  const widestKey = setKey(widest.mitigations);
  if (!combos.some((set) => setKey(set) === widestKey)) combos.push(widest.mitigations);
  const ordered = combos.filter((set) => costOf(set).natCompatible).sort((a, b) => compareCost(costOf(a), costOf(b)) || a.length - b.length);
  // Rows whose findings the fewest single sets stop come first: a set that cannot stop them fails at once.
  const stoppers = (row: (typeof failing)[number]) => Math.min(...keysOf(row, row.failures).filter((k) => stoppableSet.has(k)).map((k) => compatibleRows.filter((r) => r.stopped.includes(k)).length));
  const stoppableSet = new Set(stoppable);
  const checkRows = failing.filter((r) => keysOf(r, r.failures).some((k) => stoppableSet.has(k))).sort((a, b) => stoppers(a) - stoppers(b));
  let cheapest: TradeoffRow | null = null;
  let searched = 0;
  done = 0;
  for (const set of ordered) {
    searched++;
    // A stoppable finding still there: this set does not do. (Failures it adds are reported, not disqualifying:
    // TLS turns an injection into a detected abort, which is its purpose.)
    const holds = (row: SurfaceCell) => !failuresUnder(set, row).some((k) => stoppableSet.has(k));
    let ok = true;
    for (const row of checkRows) {
      yield { phase: 'search', done: ++done, total: Math.max(done, checkRows.length) };
      if (!holds(row)) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    const k = setKey(set);
    const same = rows.find((r) => setKey(r.mitigations) === k);
    if (same) {
      same.kinds.push('cheapest');
      cheapest = same;
    } else {
      const keys = new Set<string>();
      for (const row of failing) for (const key of failuresUnder(set, row)) keys.add(key);
      found.set(k, keys);
      cheapest = rowOf(set, ['cheapest']);
      rows.push(cheapest);
    }
    break;
  }
  return { scenario: surface.scenario, version: surface.version, rows, stoppable, unstoppable, cheapest, setsSearched: searched };
}

/** The whole computation in this thread. */
export function computeTradeoffs(s: Scenario, surface: SurfaceResult, onProgress?: (p: TradeoffProgress) => void): TradeoffResult {
  const steps = computeTradeoffsSteps(s, surface);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    onProgress?.(next.value);
  }
}

