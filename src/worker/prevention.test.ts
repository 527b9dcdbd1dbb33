import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../engine/index.ts';
import { preventionOf } from './prevention.ts';

describe('preventionOf', () => {
  it('finds by re-running that v1 and the ADD_ADDR HMAC stop the v0 hijack, and TLS the eavesdropping', () => {
    const p = preventionOf(builtinScenario('attack-add-addr-hijack-v0')!);
    expect(p.tried[0]).toBe('mptcp-v1');
    expect(p.tried).toContain('tls');
    expect(p.byFailure.hijack).toEqual(expect.arrayContaining(['mptcp-v1', 'add-addr-hmac']));
    expect(p.byFailure.mitm).toEqual(expect.arrayContaining(['mptcp-v1', 'add-addr-hmac']));
    expect(p.byFailure['eavesdrop-data']).toContain('tls');
    // Stateless joins do nothing against an ADD_ADDR hijack.
    expect(p.byFailure.hijack).not.toContain('stateless-join');
  }, 60_000);
});
