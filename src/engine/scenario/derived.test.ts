import { describe, expect, it } from 'vitest';
import { builtinScenario } from './builtin/index.ts';
import { cidrAddress, endpointAddressIds, hostAllowsJoinInitialAddrPort, hostMptcpVersions, natPublicAddress, trafficDestination } from './derived.ts';
import { loadScenarioOrThrow } from './load.ts';
import { minimalDocument } from './test-documents.ts';
import type { Scenario } from './types.ts';

describe('derived values', () => {
  it('a traffic without toAddress goes to the first address of the first interface', () => {
    const s = loadScenarioOrThrow(minimalDocument());
    expect(trafficDestination(s, s.traffic[0]!)).toBe('198.18.1.2');
    expect(trafficDestination(s, { ...s.traffic[0]!, toAddress: '198.18.1.9' })).toBe('198.18.1.9');
  });
  it("a NAT's public address defaults to its outside address", () => {
    const nat = builtinScenario('nat-client')!.nats[0]!;
    expect(natPublicAddress(nat)).toBe('198.18.3.1');
    expect(natPublicAddress({ ...nat, publicAddress: undefined })).toBe('198.18.3.1');
  });
  it('address IDs: explicit ones kept, the rest the lowest free, in order', () => {
    const e = (id?: number) => ({ address: '198.18.1.1', flags: [], ...(id === undefined ? {} : { id }) });
    expect(endpointAddressIds({ endpoints: [e(), e(2), e(), e()], limits: { subflows: 2, addAddrAccepted: 0 } })).toEqual([1, 2, 3, 4]);
    expect(endpointAddressIds({ endpoints: [e(), e(1), e()], limits: { subflows: 2, addAddrAccepted: 0 } })).toEqual([2, 1, 3]);
  });
  it('cidrAddress drops the prefix length', () => {
    expect(cidrAddress('2001:db8::1/64')).toBe('2001:db8::1');
  });
  it("a host's MPTCP versions: its own, highest first, else the protocol's", () => {
    const s = { protocol: 'mptcp-v0' } as Scenario;
    const h = { id: 'h', interfaces: [] };
    expect(hostMptcpVersions(s, h)).toEqual(['v0']);
    expect(hostMptcpVersions({ ...s, protocol: 'mptcp-v1' }, h)).toEqual(['v1']);
    expect(hostMptcpVersions(s, { ...h, mptcp: { versions: ['v0', 'v1'] } })).toEqual(['v1', 'v0']);
  });
  it('allow_join_initial_addr_port: the host\'s own, else 1 as in Linux', () => {
    expect(hostAllowsJoinInitialAddrPort({ id: 'h', interfaces: [] })).toBe(true);
    expect(hostAllowsJoinInitialAddrPort({ id: 'h', interfaces: [], mptcp: { allowJoinInitialAddrPort: false } })).toBe(false);
  });
});
