import { describe, expect, it } from 'vitest';
import { MATRIX_MITIGATIONS, matrixAttackKey, planMatrix } from '../../../engine/index.ts';
import { columnOf } from './classes.ts';
import { EXTRA_MITIGATIONS, effectiveSet, mitigationSetOf, mitigationSetOptions, mitigationsInEffect, setPlannedFor } from './mitigation-sets.ts';

describe('mitigation sets', () => {
  it('mirror the engine MATRIX_MITIGATIONS', () => {
    expect(EXTRA_MITIGATIONS).toEqual(MATRIX_MITIGATIONS);
  });

  it('offer defaults, each extra and all; v1 has its ADD_ADDR HMAC by default', () => {
    expect(mitigationSetOptions('v0').map((o) => o.id)).toEqual(['defaults', 'add-addr-hmac', 'stateless-join', 'half-open-limit', 'syn-cookies', 'address-bound-join-hmac', 'tls', 'dh-keys', 'remove-addr-probe', 'aes-cmac', 'all']);
    expect(mitigationSetOptions('v1').map((o) => o.id)).toEqual(['defaults', 'stateless-join', 'half-open-limit', 'syn-cookies', 'address-bound-join-hmac', 'tls', 'dh-keys', 'remove-addr-probe', 'aes-cmac', 'all']);
    expect(effectiveSet('v1', 'add-addr-hmac')).toBe('defaults');
    expect(effectiveSet('v0', 'add-addr-hmac')).toBe('add-addr-hmac');
    expect(mitigationsInEffect('v0', 'defaults')).toBe('none');
    expect(mitigationsInEffect('v1', 'tls')).toBe('ADD_ADDR HMAC, TLS');
  });

  it('read a row set off its mitigation list', () => {
    expect(mitigationSetOf('v0', [])).toBe('defaults');
    expect(mitigationSetOf('v1', ['add-addr-hmac'])).toBe('defaults');
    expect(mitigationSetOf('v1', ['add-addr-hmac', 'tls'])).toBe('tls');
    expect(mitigationSetOf('v0', ['add-addr-hmac'])).toBe('add-addr-hmac');
    expect(mitigationSetOf('v1', [...MATRIX_MITIGATIONS])).toBe('all');
  });

  it('give every planned row its own cell, in a set the filter offers', () => {
    const cells = planMatrix();
    expect(cells).toHaveLength(1046);
    const keys = new Set<string>();
    for (const c of cells) {
      const set = mitigationSetOf(c.protocol, c.mitigations);
      expect(mitigationSetOptions(c.protocol).map((o) => o.id)).toContain(set);
      expect(setPlannedFor(matrixAttackKey(c), c.protocol, set)).toBe(true);
      expect(columnOf(c)).toBeGreaterThanOrEqual(0);
      keys.add(`${matrixAttackKey(c)}|${columnOf(c)}|${c.protocol}|${set}`);
    }
    expect(keys.size).toBe(1046);
  });

  it('know which sets the plan leaves out: remove-addr-probe runs alone only on the blind-reset:remove-addr rows, which have no "all"', () => {
    expect(setPlannedFor('blind-reset:remove-addr', 'v1', 'remove-addr-probe')).toBe(true);
    expect(setPlannedFor('blind-reset:remove-addr', 'v1', 'all')).toBe(false);
    expect(setPlannedFor('blind-reset:remove-addr', 'v1', 'tls')).toBe(false);
    expect(setPlannedFor('blind-reset', 'v1', 'remove-addr-probe')).toBe(false);
    expect(setPlannedFor('blind-reset', 'v0', 'all')).toBe(true);
  });
});
