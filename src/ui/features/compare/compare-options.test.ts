import { describe, expect, it } from 'vitest';
import { mitigationPreset, sideChanges, sideLabel, versionsPreset } from './compare-options.ts';

describe('compare options', () => {
  it('labels a side by its protocol and mitigations', () => {
    expect(sideLabel({ protocol: 'mptcp-v0', mitigations: [] })).toBe('MPTCP v0');
    expect(sideLabel({ protocol: 'mptcp-v1', mitigations: ['tls', 'add-addr-hmac'] })).toBe('MPTCP v1 + add-addr-hmac + tls');
  });

  it('sets both switches for a side', () => {
    expect(sideChanges({ protocol: 'tcp', mitigations: ['tls', 'syn-cookies'] })).toEqual([
      { kind: 'set-protocol', protocol: 'tcp' },
      { kind: 'set-mitigations', mitigations: ['syn-cookies', 'tls'] },
    ]);
  });

  it('builds the presets from the draft settings', () => {
    expect(versionsPreset({ protocol: 'tcp', mitigations: ['tls'] })).toEqual([
      { protocol: 'mptcp-v0', mitigations: ['tls'] },
      { protocol: 'mptcp-v1', mitigations: ['tls'] },
    ]);
    expect(mitigationPreset({ protocol: 'mptcp-v0', mitigations: ['tls', 'syn-cookies'] }, 'tls')).toEqual([
      { protocol: 'mptcp-v0', mitigations: ['syn-cookies'] },
      { protocol: 'mptcp-v0', mitigations: ['syn-cookies', 'tls'] },
    ]);
  });
});
