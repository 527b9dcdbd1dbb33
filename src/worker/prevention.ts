/**
 * Which switch would prevent each failure of a run: the same scenario run
 * again with v1 (for a v0 run) and with each host mitigation not yet on; a
 * failure a variant no longer suffers is one that switch prevents. Measured,
 * not looked up: what the report recommends is what the engine showed.
 */
import { HOST_MITIGATIONS, runScenario, type Scenario } from '../engine/index.ts';
import type { Prevention } from './protocol.ts';

export function preventionOf(s: Scenario): Prevention {
  const failuresOf = (x: Scenario) => new Set(runScenario(x, { trace: 'count' }).failures.map((f) => f.id as string));
  const base = failuresOf(s);
  const variants: { name: string; scenario: Scenario }[] = [];
  if (s.protocol === 'mptcp-v0') variants.push({ name: 'mptcp-v1', scenario: { ...s, protocol: 'mptcp-v1' } });
  for (const m of HOST_MITIGATIONS) {
    if (!s.mptcp.mitigations.includes(m)) variants.push({ name: m, scenario: { ...s, mptcp: { ...s.mptcp, mitigations: [...s.mptcp.mitigations, m] } } });
  }
  const byFailure: Record<string, string[]> = {};
  for (const f of base) byFailure[f] = [];
  for (const v of variants) {
    const left = failuresOf(v.scenario);
    for (const f of base) if (!left.has(f)) byFailure[f]!.push(v.name);
  }
  return { tried: variants.map((v) => v.name), byFailure };
}
