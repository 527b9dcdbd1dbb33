/**
 * The attack matrix: what it plans, and a few rows whose outcome RFC 7430
 * and RFC 6181 predict — each decided by the hosts, so each can fail.
 */
import { describe, expect, it } from 'vitest';
import { matrixWorkerCount, newBaselineCache, OFF_PATH_GUESS_BUDGET, planMatrix, runMatrixCell, type MatrixCell, type MatrixRow } from './matrix.ts';

let clock = 0;
const now = () => clock++;
const cache = newBaselineCache();
const row = (pick: Partial<MatrixCell>, cells = planMatrix()): MatrixRow => {
  const c = cells.find((x) => Object.entries(pick).every(([k, v]) => JSON.stringify(x[k as keyof MatrixCell]) === JSON.stringify(v)));
  if (!c) throw new Error(`no cell ${JSON.stringify(pick)}`);
  return runMatrixCell(c, cache, now);
};

describe('planMatrix', () => {
  const cells = planMatrix();
  it('runs every attack against every valid class, both versions, defaults / each mitigation / all', () => {
    // Active-only attacks: off-path, partial-time (three windows) and on-path active; passive-eavesdrop adds the eavesdroppers.
    const perSet = 9 * 5 + 9;
    // v0: defaults, 8 alone, all = 10 sets; v1 (add-addr-hmac is its own): defaults, 7 alone, all = 9 sets.
    // remove-addr-probe runs alone only on blind-reset:remove-addr: defaults and with it, 5 classes, both versions.
    expect(cells).toHaveLength(perSet * 10 + perSet * 9 + 2 * 2 * 5);
    expect(cells.filter((c) => c.variant === 'remove-addr').map((c) => c.mitigations.at(-1) ?? 'none')).toEqual(expect.arrayContaining(['remove-addr-probe', 'none', 'add-addr-hmac']));
    // In the all-together rows it runs against every attack.
    expect(cells.filter((c) => c.protocol === 'v0' && c.mitigations.length === 9).every((c) => c.mitigations.includes('remove-addr-probe'))).toBe(true);
    expect(cells.some((c) => c.location === 'off-path' && c.capability === 'eavesdropper')).toBe(false);
    expect(new Set(cells.filter((c) => c.location === 'partial-time-on-path').map((c) => c.window))).toEqual(new Set(['handshake', 'join', 'data']));
    expect(cells.filter((c) => c.protocol === 'v1').every((c) => c.mitigations.includes('add-addr-hmac'))).toBe(true);
  });

  it('narrows to what it is asked for', () => {
    // blind-reset: defaults and tls; its remove-addr variant: defaults only (tls is not one of its own).
    expect(planMatrix({ attacks: ['blind-reset'], protocols: ['v1'], mitigations: ['tls'] })).toHaveLength(2 * 5 + 5);
  });
});

describe('rows agree with RFC 7430 / RFC 6181', () => {
  it('a blind off-path reset gets nothing (RFC 5961 windows)', () => {
    const blind = row({ attack: 'blind-reset', location: 'off-path', protocol: 'v1', mitigations: ['add-addr-hmac'] });
    expect(blind.failures).toEqual([]);
    // It really sent its whole budget of guesses; RFC 5961 makes the number it would need astronomically larger.
    expect(blind.guessesUsed).toBe(OFF_PATH_GUESS_BUDGET);
    expect(blind.expectedGuesses).toBeGreaterThan(1e13);
  });

  it('a reset from an on-path attacker kills single-path TCP, MPTCP survives on its other path (RFC 6181 §3)', () => {
    const r = row({ attack: 'blind-reset', location: 'on-path', capability: 'active', protocol: 'v1', mitigations: ['add-addr-hmac'] });
    expect(r.failures).not.toContain('connection-dos');
    expect(r.tcpOnly).toEqual(['connection-dos']);
  });

  it('ADD_ADDR hijack: v0 falls to any on-path attacker; v1 resists one who missed the handshake (RFC 7430 §2)', () => {
    expect(row({ attack: 'add-addr-hijack', location: 'on-path', protocol: 'v0', mitigations: [] }).mptcpSpecific).toEqual(expect.arrayContaining(['hijack', 'mitm']));
    const later = row({ attack: 'add-addr-hijack', location: 'partial-time-on-path', window: 'data', protocol: 'v1', mitigations: ['add-addr-hmac'] });
    expect(later.failures).not.toContain('hijack');
    expect(later.attackerKnew).not.toContain('keys');
  });

  it('keys read in the handshake make v1 joinable later; dh-keys (what-if) closes that (RFC 7430 §5)', () => {
    const open = row({ attack: 'handshake-eavesdrop-hijack', location: 'partial-time-on-path', window: 'handshake', protocol: 'v1', mitigations: ['add-addr-hmac'] });
    expect(open.failures).toContain('hijack');
    expect(open.attackerKnew).toContain('keys');
    const closed = row({ attack: 'handshake-eavesdrop-hijack', location: 'partial-time-on-path', window: 'handshake', protocol: 'v1', mitigations: ['add-addr-hmac', 'dh-keys'] });
    expect(closed.failures).not.toContain('hijack');
  });

  it('a half-open limit turns a join flood into join-dos (RFC 7430 §3), stateless joins do not', () => {
    expect(row({ attack: 'join-dos', location: 'on-path', protocol: 'v1', mitigations: ['add-addr-hmac', 'half-open-limit'] }).failures).toContain('join-dos');
    expect(row({ attack: 'join-dos', location: 'on-path', protocol: 'v1', mitigations: ['add-addr-hmac', 'stateless-join'] }).failures).not.toContain('join-dos');
  });

  it('a forged REMOVE_ADDR degrades the connection as Linux acts on it; with remove-addr-probe the same row shows no degradation (RFC 8684 §3.4.2)', () => {
    for (const protocol of ['v0', 'v1'] as const) {
      const base = protocol === 'v1' ? ['add-addr-hmac' as const] : [];
      const linux = row({ attack: 'blind-reset', variant: 'remove-addr', location: 'on-path', capability: 'active', protocol, mitigations: base });
      expect(linux.failures).toEqual(expect.arrayContaining(['degradation', 'connection-dos']));
      const probed = row({ attack: 'blind-reset', variant: 'remove-addr', location: 'on-path', capability: 'active', protocol, mitigations: [...base, 'remove-addr-probe'] });
      expect(probed.attempted).toBe(true);
      expect(probed.failures).not.toContain('degradation');
      expect(probed.failures).not.toContain('connection-dos');
    }
  });
});

describe('matrixWorkerCount', () => {
  it('never starts more workers than asked, than cores, or than attack groups to deal', () => {
    const oneAttack = planMatrix({ attacks: ['add-addr-hijack'], protocols: ['v1'], mitigations: ['tls'] });
    expect(new Set(oneAttack.map((c) => c.attack)).size).toBe(1);
    expect(matrixWorkerCount(64, oneAttack, 2)).toBe(1);
    const all = planMatrix({});
    expect(matrixWorkerCount(64, all, 2)).toBe(2);
    expect(matrixWorkerCount(64, all, 64)).toBe(new Set(all.map((c) => c.attack)).size);
    expect(matrixWorkerCount(3, all, 64)).toBe(3);
    expect(matrixWorkerCount(1, [], 8)).toBe(1);
  });
});
