/**
 * Which runs the app asks about before starting: a scenario that arrives by
 * itself (a share link, saved work, an undo) is never run by itself when its
 * estimate is heavy. The estimate is the engine's (estimateRun), in the mode
 * the worker will run it (every packet kept, or a digest only).
 */
import { estimateRun, type Scenario } from '../../engine/index.ts';
import { keepsPackets } from '../../worker/capture-client.ts';

/**
 * Above either, a run waits for the user. Every built-in stays under them
 * (bulk-100mb, the heaviest, is estimated at about 3 s and 60 MB as the app
 * runs it, a digest only); every run shows progress and can be cancelled.
 */
export const HEAVY_SECONDS = 5;
export const HEAVY_MEGABYTES = 300;

export interface RunCost {
  seconds: number;
  megabytes: number;
  packets: number;
}

export function runCost(s: Scenario): RunCost {
  const e = estimateRun(s);
  return { seconds: e.seconds, megabytes: keepsPackets(s, e.packets) ? e.megabytes.full : e.megabytes.digest, packets: e.packets };
}

/** The run's cost when it is heavy, null when it may start by itself. */
export function heavyCost(s: Scenario): RunCost | null {
  const c = runCost(s);
  return c.seconds > HEAVY_SECONDS || c.megabytes > HEAVY_MEGABYTES ? c : null;
}

/** "40 s", "2 min 05 s", "0.4 s". */
export function formatEstimate(c: Pick<RunCost, 'seconds' | 'megabytes'>): string {
  const s = c.seconds;
  const time = s < 10 ? `${s.toFixed(1)} s` : s < 60 ? `${Math.round(s)} s` : `${Math.floor(s / 60)} min ${String(Math.round(s % 60)).padStart(2, '0')} s`;
  return `est. ${time}, ${Math.round(c.megabytes)} MB`;
}
