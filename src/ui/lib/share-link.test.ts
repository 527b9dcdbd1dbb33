import { describe, expect, it } from 'vitest';
import { parseShareLink, shareLinkQuery } from './share-link.ts';

describe('share links', () => {
  it('round-trip a run and a packet', () => {
    const q = shareLinkQuery({ scenarioId: 'attack-add-addr-hijack-v0', protocol: 'mptcp-v1', mitigations: ['tls', 'dh-keys'] }, 418);
    expect(parseShareLink(q)).toEqual({ scenarioId: 'attack-add-addr-hijack-v0', settings: { protocol: 'mptcp-v1', mitigations: ['tls', 'dh-keys'] }, frame: 418 });
  });

  it('names no run without a scenario, and ignores a protocol or frame that is not one', () => {
    expect(parseShareLink('?frame=3')).toBeNull();
    expect(parseShareLink('?scenario=two-path-v1&protocol=quic&frame=-2')).toEqual({ scenarioId: 'two-path-v1', settings: {}, frame: null });
    expect(parseShareLink('?scenario=two-path-v1&mitigations=')).toEqual({ scenarioId: 'two-path-v1', settings: { mitigations: [] }, frame: null });
  });
});
