/** What the matrix progress bar says. */
import type { MatrixState } from '../../store/types.ts';

export const seconds = (ms: number) => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;

/** "412 of 817 rows · 3.1 s" while running, "817 rows in 4.9 s with 2 workers" once done. */
export function progressText(m: MatrixState, nowMs: number): string {
  if (m.running) return m.total ? `${m.done} of ${m.total} rows · ${seconds(nowMs - m.startedAt)}` : `Planning the matrix · ${seconds(nowMs - m.startedAt)}`;
  if (m.error) return `Stopped at ${m.done} of ${m.total} rows`;
  if (m.elapsedMs !== null) return `${m.done} rows in ${seconds(m.elapsedMs)} with ${m.workers} ${m.workers === 1 ? 'worker' : 'workers'}`;
  return `Cancelled at ${m.done} of ${m.total} rows`;
}

/** Each worker's busy time, once the sweep is done: "workers busy 2.6 s, 3.1 s" (empty otherwise). */
export function busyText(m: MatrixState): string {
  return !m.running && m.elapsedMs !== null && m.busyMs.length > 0 ? `rows took ${m.busyMs.map(seconds).join(', ')} of worker time` : '';
}
