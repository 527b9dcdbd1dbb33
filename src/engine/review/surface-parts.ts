/**
 * A sweep put together from parts run elsewhere: shards on other machines
 * (`lab surface --shard`, then `lab merge`) or worker threads. The head is
 * what a result says about the scenario swept; with it, the places and the
 * skipped cells of the plan, and the rows, the result is assembled without
 * the scenario, and is the same as `assembleSurface` gives.
 */
import type { Scenario } from '../scenario/types.ts';
import type { SurfaceCell, SurfacePlace } from './surface-plan.ts';
import type { SurfaceRow } from './surface-run.ts';
import { summarizeSurface } from './surface-summary.ts';
import { assembleSurface, type SurfaceResult } from './surface.ts';

/** Everything a sweep's result says about its scenario: id, version, protocol, mitigations, MAC algorithm. */
export type SurfaceHead = Omit<SurfaceResult, 'places' | 'rows' | 'skipped'>;

export function surfaceHead(s: Scenario): SurfaceHead {
  const { places: _places, rows: _rows, skipped: _skipped, ...head } = assembleSurface(s, [], [], []);
  return head;
}

/**
 * `assembleSurface` from a head instead of a scenario.
 *
 * @example
 * const result = assembleSurfaceFrom(surfaceHead(s), plan.places, rows, plan.skipped);
 */
export function assembleSurfaceFrom(head: SurfaceHead, places: readonly SurfacePlace[], rows: SurfaceRow[], skipped: SurfaceResult['skipped']): SurfaceResult {
  return { ...head, places: summarizeSurface(places, rows), rows, skipped };
}

/**
 * The rows each of `workers` workers runs: rows of one attack stay together
 * (they share the attack's single-path baselines in a worker's cache), and
 * groups go, largest first, to the worker with the fewest rows. `index` is
 * the row's place in `cells`.
 */
export function dealSurfaceCells<C extends Pick<SurfaceCell, 'attack'>>(cells: readonly { index: number; cell: C }[], workers: number): { index: number; cell: C }[][] {
  const groups = new Map<string, { index: number; cell: C }[]>();
  for (const x of cells) {
    const group = groups.get(x.cell.attack) ?? [];
    group.push(x);
    groups.set(x.cell.attack, group);
  }
  const shares = Array.from({ length: Math.max(1, workers) }, () => [] as { index: number; cell: C }[]);
  for (const g of [...groups.values()].sort((a, b) => b.length - a.length)) {
    const least = shares.reduce((min, sh) => (sh.length < min.length ? sh : min));
    least.push(...g);
  }
  return shares.filter((sh) => sh.length > 0);
}
