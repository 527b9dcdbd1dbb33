/**
 * The MAC-algorithm what-if: AES-CMAC in place of the HMACs changes what
 * the MACs cost, not what attacks achieve (the IETF review of RFC 7430).
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../runner/run-scenario.ts';
import type { AttackerSpec, Scenario } from '../scenario/types.ts';
import { routedTwoPathScenario } from '../testing/scenarios.ts';

const withMac = (mac: Scenario['mptcp']['macAlgorithm'], attackers: AttackerSpec[] = []) => {
  const s = routedTwoPathScenario('mptcp-v1');
  return runScenario({ ...s, mptcp: { ...s.mptcp, macAlgorithm: mac }, attackers });
};
const eve: AttackerSpec = { id: 'eve', location: 'partial-time-on-path', window: { fromUs: 0, toUs: 60_000 }, capability: 'active', at: ['l1'], attack: 'handshake-eavesdrop-hijack', params: {}, guessBudget: 0, address: '198.18.66.6' };

describe('MAC algorithm', () => {
  it('with AES-CMAC the hosts still verify each other: the ADD_ADDR and the join are accepted', () => {
    const r = withMac('aes-cmac');
    expect(r.events.find((e) => e.kind === 'mptcp-add-addr-received')).toMatchObject({ hmacVerified: true });
    expect(r.events.filter((e) => e.kind === 'mptcp-join-accepted')).toHaveLength(1);
  });

  it('counts the work: HMAC-SHA256 costs SHA-256 compressions, AES-CMAC costs AES blocks', () => {
    const hmac = withMac('hmac-sha256').cryptoOps;
    const cmac = withMac('aes-cmac').cryptoOps;
    expect(hmac).toMatchObject({ hmacs: 6, cipherBlocks: 0 });
    expect(hmac.compressions).toBe(6 * 4 + 4); // four per HMAC of a short message, one per key hash
    expect(cmac).toMatchObject({ hmacs: 0, cipherBlocks: 24, compressions: 4 });
  });

  it('does not change what an attacker with the keys achieves', () => {
    const ids = (mac: Scenario['mptcp']['macAlgorithm']) => withMac(mac, [eve]).failures.map((f) => f.id).sort();
    expect(ids('aes-cmac')).toEqual(ids('hmac-sha256'));
    expect(ids('aes-cmac')).toContain('hijack');
  });
});
