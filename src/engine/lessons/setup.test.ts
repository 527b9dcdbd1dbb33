import { describe, expect, it } from 'vitest';
import { scenarioOfSetup, withStepSwitch } from './setup.ts';

describe('lesson setup and switch', () => {
  it('a setup may set the MAC algorithm, and leaves the built-in\'s without one', () => {
    const cmac = scenarioOfSetup({ builtin: 'two-path-v1', macAlgorithm: 'aes-cmac', withoutAttackers: false });
    if (!cmac.ok) throw new Error('no scenario');
    expect(cmac.scenario.mptcp.macAlgorithm).toBe('aes-cmac');
    const plain = scenarioOfSetup({ builtin: 'two-path-v1', withoutAttackers: false });
    if (!plain.ok) throw new Error('no scenario');
    expect(plain.scenario.mptcp.macAlgorithm).toBe('version-default');
  });

  it('a switch changes the MAC algorithm and keeps the other switches', () => {
    const built = scenarioOfSetup({ builtin: 'attack-syn-flood-amplification', mitigations: ['syn-cookies'], withoutAttackers: false });
    if (!built.ok) throw new Error('no scenario');
    const switched = withStepSwitch(built.scenario, { macAlgorithm: 'hmac-sha1' });
    expect(switched.mptcp.macAlgorithm).toBe('hmac-sha1');
    expect(switched.mptcp.mitigations).toEqual(['syn-cookies']);
    expect(switched.protocol).toBe('mptcp-v1');
  });
});
