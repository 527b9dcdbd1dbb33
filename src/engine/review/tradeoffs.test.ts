import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../scenario/builtin/index.ts';
import type { Scenario } from '../scenario/types.ts';
import { runSurface } from './surface.ts';
import { compareCost, computeTradeoffs, measureCost } from './tradeoffs.ts';

/** two-path-v1 with a short transfer: TLS runs stay quick. */
function small(): Scenario {
  const s = builtinScenario('two-path-v1')!;
  return { ...s, traffic: s.traffic.map((t) => (t.kind === 'bulk' ? { ...t, bytes: 20_000 } : t)) };
}

describe('measureCost', () => {
  it('reads each cost off the attacker-free run', () => {
    const s = builtinScenario('nat-client')!;
    const base = measureCost(s, [], 0);
    expect(base).toMatchObject({ stateBytesPerConnection: 384, stateBytesPerJoin: 384, joinsBroken: 0, natCompatible: true });
    expect(measureCost(s, ['syn-cookies'], base.joins).stateBytesPerConnection).toBe(0);
    expect(measureCost(s, ['stateless-join'], base.joins).stateBytesPerJoin).toBe(0);
    // AES-CMAC costs cipher blocks instead of SHA compressions, and they are counted.
    expect(measureCost(s, ['aes-cmac'], base.joins).hashPerJoin).toBeGreaterThan(0);
    // The join through the NAT fails when the join HMAC covers the addresses (RFC 7430 §6).
    expect(measureCost(s, ['address-bound-join-hmac'], base.joins)).toMatchObject({ joinsBroken: 1, natCompatible: false });
  });
});

describe('computeTradeoffs', () => {
  const s = small();
  const surface = runSurface(s, { attacks: ['passive-eavesdrop'] });
  const t = computeTradeoffs(s, surface);
  const alone = (m: string) => t.rows.find((r) => r.kinds.includes('alone') && r.mitigations[0] === m)!;

  it('finds the cheapest set that stops every stoppable finding by searching, and no cheaper set does', () => {
    expect(t.stoppable.length).toBeGreaterThan(0);
    expect(t.unstoppable).toEqual([]);
    expect(t.cheapest?.mitigations.sort()).toEqual(['dh-keys', 'tls']);
    expect(t.cheapest?.remaining).toEqual([]);
    // TLS alone leaves the keys to an eavesdropper; the key exchange alone leaves the data.
    expect(alone('tls').remaining.every((k) => k.endsWith('/key-compromise'))).toBe(true);
    expect(alone('dh-keys').remaining.every((k) => k.endsWith('/eavesdrop-data'))).toBe(true);
    for (const r of t.rows) if (compareCost(r.cost, t.cheapest!.cost) < 0) expect(r.remaining.some((k) => t.stoppable.includes(k))).toBe(true);
  });

  it('shows the defaults, each mitigation alone and all of them, with what each stops', () => {
    expect(t.rows[0]).toMatchObject({ kinds: ['defaults'], mitigations: [], stopped: [] });
    expect(t.rows.find((r) => r.kinds.includes('all'))?.remaining).toEqual([]);
    expect(alone('remove-addr-probe').stopped).toEqual([]);
    expect(alone('tls').cost.hashPerConnection).toBeGreaterThan(t.rows[0]!.cost.hashPerConnection * 10);
  });

  it('judges each set by running it, not by what the map claimed', () => {
    // A row that claims a hijack the engine never produces: every set that re-runs it "stops" it.
    const claimed = { ...surface, rows: surface.rows.map((r, i) => (i === 0 ? { ...r, failures: [...r.failures, 'hijack' as const] } : r)) };
    const u = computeTradeoffs(s, claimed);
    const fake = `${u.rows[0]!.remaining.find((k) => k.endsWith('/hijack'))}`;
    expect(fake).toMatch(/\/hijack$/);
    expect(u.rows.find((r) => r.kinds.includes('alone') && r.mitigations[0] === 'stateless-join')!.stopped).toContain(fake);
  });
});
