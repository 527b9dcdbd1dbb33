/** Words for attacker classes and times, shared by the panel and the report. */
import type { AttackerView } from '../../../worker/capture-client.ts';

export const ms = (us: number) => `${(us / 1000).toFixed(1)} ms`;

export function classOf(a: AttackerView): string {
  const where = a.location === 'partial-time-on-path' ? `partial-time on-path (${ms(a.window?.fromUs ?? 0)}–${ms(a.window?.toUs ?? 0)})` : a.location === 'on-path' ? 'on-path' : 'off-path';
  return `${where} ${a.capability === 'active' ? 'active attacker' : 'eavesdropper'} at ${a.at.join(', ')}`;
}
