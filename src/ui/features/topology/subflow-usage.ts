/** Which subflows used which links: per link id, the subflow indices (ascending) whose frames crossed it. */
import type { TimelineData } from '../../../engine/index.ts';

export function subflowsByLink(t: TimelineData | null): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (!t || t.subflows.length === 0) return out;
  const seen = new Uint8Array(t.links.length * t.subflows.length);
  for (let i = 0; i < t.count; i++) {
    const sf = t.subflow[i]!;
    if (sf >= 0) seen[t.link[i]! * t.subflows.length + sf] = 1;
  }
  t.links.forEach((id, l) => {
    const used: number[] = [];
    for (let sf = 0; sf < t.subflows.length; sf++) if (seen[l * t.subflows.length + sf]) used.push(sf);
    if (used.length) out.set(id, used);
  });
  return out;
}
