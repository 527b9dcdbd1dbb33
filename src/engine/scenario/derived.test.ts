import { describe, expect, it } from 'vitest';
import { builtinScenario } from './builtin/index.ts';
import { cidrAddress, endpointAddressIds, natPublicAddress, trafficDestination } from './derived.ts';
import { loadScenarioOrThrow } from './load.ts';
import { minimalDocument } from './test-documents.ts';

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
});
