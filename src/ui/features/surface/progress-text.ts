/** What the surface map's progress line says. */
import type { SurfaceState } from '../../store/types.ts';
import { seconds } from '../matrix/progress-text.ts';

type Progress = Pick<SurfaceState, 'running' | 'done' | 'total' | 'startedAt' | 'elapsedMs' | 'cancelled' | 'fromCache' | 'error' | 'workers'>;

/** Time left at the pace so far (null before the first row: nothing to judge by). */
export function etaMs(p: Pick<SurfaceState, 'done' | 'total' | 'startedAt'>, nowMs: number): number | null {
  if (p.done === 0 || p.total === 0) return null;
  return ((nowMs - p.startedAt) / p.done) * (p.total - p.done);
}

/** "about 4 s left", rounded up to whole seconds; "under a second left" at the end. */
export function leftText(ms: number): string {
  if (ms < 1000) return 'under a second left';
  const s = Math.ceil(ms / 1000);
  return s < 90 ? `about ${s} s left` : `about ${Math.ceil(s / 60)} min left`;
}

const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

/**
 * "87 of 211 rows · 3.1 s · about 4 s left" while running; "211 rows in 5.8 s with 4 workers" once done;
 * "Partial map: cancelled at 87 of 211 rows"; "211 rows, from the cache (swept in 5.8 s)".
 */
export function surfaceProgressText(p: Progress, nowMs: number): string {
  if (p.running) {
    if (!p.total) return `Planning the sweep · ${seconds(nowMs - p.startedAt)}`;
    const eta = etaMs(p, nowMs);
    return `${p.done} of ${rows(p.total)} · ${seconds(nowMs - p.startedAt)} · ${eta === null ? 'estimating the time left' : leftText(eta)}`;
  }
  if (p.error) return `Partial map: stopped at ${p.done} of ${rows(p.total)}`;
  if (p.cancelled) return `Partial map: cancelled at ${p.done} of ${rows(p.total)}`;
  if (p.fromCache) return `${rows(p.done)}, from the cache (swept in ${seconds(p.elapsedMs ?? 0)})`;
  return `${rows(p.done)} in ${seconds(p.elapsedMs ?? 0)} with ${p.workers} ${p.workers === 1 ? 'worker' : 'workers'}`;
}
