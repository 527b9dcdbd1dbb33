import type { CaptureSlice } from '../../store/types.ts';
import { plural } from '../../lib/format.ts';

type Loading = NonNullable<CaptureSlice['loading']>;

/** True while a simulation runs (before its capture is opened): it can be cancelled. */
export function simulationProgress(loading: Loading | null): boolean {
  if (!loading) return false;
  const p = loading.progress;
  return p ? p.phase === 'simulating' || p.phase === 'judging' : loading.fileName.startsWith('simulating ');
}

/** The run's name, from the loading label ("simulating x" or "x.pcapng"). */
export function simulationName(loading: Loading): string {
  return loading.fileName.replace(/^simulating /, '').replace(/\.pcapng$/, '');
}

/** "1.234 s simulated, 45,678 packets" (the baseline's, once the run itself is done); null before the first report. */
export function simulationNumbers(loading: Loading): string | null {
  const p = loading.progress;
  if (!p || p.simUs === undefined) return null;
  return `${p.phase === 'judging' ? 'single-path baseline at ' : ''}${(p.simUs / 1e6).toFixed(3)} s simulated, ${plural(p.done, 'packet')}`;
}
