import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../../engine/index.ts';
import { MAX_SHARE_LINK_BYTES, decodeScenario, encodeScenario, isBuiltinWithSwitches, linkBytes, parseShareLink, shareLinkFits, shareLinkQuery } from './share-link.ts';

describe('share links', () => {
  it('round-trip a run, a moment and a packet', () => {
    const q = shareLinkQuery({ scenarioId: 'attack-add-addr-hijack-v0', protocol: 'mptcp-v1', mitigations: ['tls', 'dh-keys'], moment: 153511 }, 418);
    expect(parseShareLink(q)).toEqual({ scenarioId: 'attack-add-addr-hijack-v0', settings: { protocol: 'mptcp-v1', mitigations: ['tls', 'dh-keys'] }, document: null, frame: 418, moment: 153511, view: null, window: null, timelineFilter: null, packetFilter: null });
  });

  it('round-trip the timeline\'s zoom window and the filters, and write none of them when there are none', () => {
    const run = {
      scenarioId: 'attack-add-addr-hijack-v0',
      protocol: 'mptcp-v0',
      mitigations: [],
      window: { t0: 60_000.4, t1: 70_000 },
      timelineFilter: { marks: 512, actor: 'attackers' as const, hiddenSubflows: [2, 1] },
      packetFilter: { mptcpOnly: true, text: 'ADD_ADDR id 9' },
    };
    const q = shareLinkQuery(run, null);
    expect(q).toContain('w=60000-70000');
    // Subflows as the chips name them (SF2, SF3).
    expect(q).toContain('hide=2%2C3');
    expect(parseShareLink(q)).toMatchObject({ window: { t0: 60_000, t1: 70_000 }, timelineFilter: { marks: 512, actor: 'attackers', hiddenSubflows: [1, 2] }, packetFilter: { mptcpOnly: true, text: 'ADD_ADDR id 9' } });
    const plain = shareLinkQuery({ ...run, window: null, timelineFilter: { marks: 0, actor: 'all', hiddenSubflows: [] }, packetFilter: { mptcpOnly: false, text: '' } }, null);
    expect(plain).toBe('?scenario=attack-add-addr-hijack-v0&protocol=mptcp-v0&mitigations=');
  });

  it('open an old link (no window, no filters) as before, and ignore a window or filter that is not one', () => {
    expect(parseShareLink('?scenario=two-path-v1&t=5&frame=2')).toMatchObject({ window: null, timelineFilter: null, packetFilter: null });
    expect(parseShareLink('?scenario=two-path-v1&w=9000-100&actor=eve&marks=x&hide=0,-1,a')).toMatchObject({ window: null, timelineFilter: null });
  });

  it('carries the tab the run was seen in (the overview, the default, is left out), and ignores one it does not know', () => {
    const q = shareLinkQuery({ scenarioId: 'two-path-v1', protocol: 'mptcp-v1', mitigations: [], view: 'topology' }, null);
    expect(q).toContain('view=topology');
    expect(parseShareLink(q)!.view).toBe('topology');
    expect(shareLinkQuery({ scenarioId: 'two-path-v1', protocol: 'mptcp-v1', mitigations: [], view: 'overview' }, null)).not.toContain('view=');
    expect(shareLinkQuery({ scenarioId: 'two-path-v1', protocol: 'mptcp-v1', mitigations: [], view: 'timeline' }, null)).toContain('view=timeline');
    expect(parseShareLink('?scenario=two-path-v1&view=settings')!.view).toBeNull();
  });

  it('names no run without a scenario, and ignores a protocol, moment or frame that is not one', () => {
    expect(parseShareLink('?frame=3')).toBeNull();
    expect(parseShareLink('?scenario=two-path-v1&protocol=quic&frame=-2&t=x')).toEqual({ scenarioId: 'two-path-v1', settings: {}, document: null, frame: null, moment: null, view: null, window: null, timelineFilter: null, packetFilter: null });
    expect(parseShareLink('?scenario=two-path-v1&mitigations=')).toMatchObject({ settings: { mitigations: [] } });
  });

  it('carries an edited scenario whole, and gets the same JSON back', async () => {
    const s = builtinScenario('two-path-v1')!;
    const edited = { ...s, links: s.links.map((l, i) => (i === 0 ? { ...l, delayUs: 12_345 } : l)) };
    const doc = await encodeScenario(edited);
    expect(doc).toMatch(/^[A-Za-z0-9_-]+$/);
    const q = shareLinkQuery({ scenarioId: s.id, protocol: s.protocol, mitigations: [], document: doc }, 7);
    const parsed = parseShareLink(q)!;
    expect(parsed).toMatchObject({ scenarioId: null, frame: 7, document: doc });
    expect(JSON.parse(await decodeScenario(parsed.document!))).toEqual(edited);
    await expect(decodeScenario('not-a-scenario')).rejects.toThrow(/damaged/);
  });

  it('tells a built-in with other switches from an edited one', () => {
    const s = builtinScenario('attack-add-addr-hijack-v0')!;
    expect(isBuiltinWithSwitches({ ...s, protocol: 'mptcp-v1', mptcp: { ...s.mptcp, mitigations: ['tls'] } }, s)).toBe(true);
    expect(isBuiltinWithSwitches({ ...s, attackers: [] }, s)).toBe(false);
  });

  it('fit in 8 KiB, half of what Node\'s HTTP server (npm start) accepts before answering 431', () => {
    expect(MAX_SHARE_LINK_BYTES).toBe(8192);
    const origin = 'http://127.0.0.1:4173';
    expect(shareLinkFits(origin, '/', `?doc=${'a'.repeat(8192 - origin.length - 6)}`)).toBe(true);
    expect(shareLinkFits(origin, '/', `?doc=${'a'.repeat(8192 - origin.length - 5)}`)).toBe(false);
    // Bytes, not UTF-16 units.
    expect(linkBytes('é')).toBe(2);
  });

  it('of a built-in with an edit fit; a scenario with 16 kB of text that will not compress does not', async () => {
    const s = builtinScenario('two-path-v1')!;
    const small = shareLinkQuery({ scenarioId: s.id, protocol: s.protocol, mitigations: [], document: await encodeScenario({ ...s, title: 'Edited' }) }, 12);
    expect(shareLinkFits('http://127.0.0.1:4173', '/', small)).toBe(true);
    let x = 3;
    const noise = Array.from({ length: 16_000 }, () => String.fromCharCode(33 + ((x = (x * 1103515245 + 12345) >>> 0) >>> 16) % 94)).join('');
    const big = shareLinkQuery({ scenarioId: s.id, protocol: s.protocol, mitigations: [], document: await encodeScenario({ ...s, description: noise }) }, null);
    expect(shareLinkFits('http://127.0.0.1:4173', '/', big)).toBe(false);
  });
});


describe('a deflate bomb in a link', () => {
  it('is refused as too big once it unpacks past the scenario limit, without unpacking it all', async () => {
    const packed = new Uint8Array(await new Response(new Response(new Uint8Array(64 * 1024 * 1024) as BodyInit).body!.pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
    let bin = '';
    for (const b of packed) bin += String.fromCharCode(b);
    const doc = btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    await expect(decodeScenario(doc)).rejects.toThrow(/too big: it unpacks to more than 10 MB/);
  });
});
