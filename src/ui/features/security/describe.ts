/** Words for attacker classes and times, shared by the panel and the report. */
import type { AttackerView } from '../../../worker/capture-client.ts';

export const ms = (us: number) => `${(us / 1000).toFixed(1)} ms`;

export function classOf(a: AttackerView): string {
  const where = a.location === 'partial-time-on-path' ? `partial-time on-path (${ms(a.window?.fromUs ?? 0)}–${ms(a.window?.toUs ?? 0)})` : a.location === 'on-path' ? 'on-path' : 'off-path';
  return `${where} ${a.capability === 'active' ? 'active attacker' : 'eavesdropper'} at ${a.at.join(', ')}`;
}

/** A probability as people read it: "1 in 2.6e+11", "0.42", "1". */
export function chance(p: number): string {
  if (p >= 1) return '1';
  if (p <= 0) return '0';
  return p >= 0.01 ? p.toFixed(2) : `1 in ${(1 / p).toExponential(1)}`;
}
