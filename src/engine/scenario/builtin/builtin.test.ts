import { ATTACKS } from '../../attacks/catalog.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIp, type IpAddress } from '../../wire/ip-address.ts';
import { cidrAddress } from '../derived.ts';
import { loadScenario } from '../load.ts';
import type { Scenario } from '../types.ts';
import { BUILTIN_DOCUMENTS, BUILTIN_SCENARIOS, builtinScenario } from './index.ts';

const here = new URL('./', import.meta.url);
const jsonFiles = (dir: URL) => readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

/** In 198.18.0.0/15 (RFC 2544 benchmarking) or 2001:db8::/32 (RFC 3849 documentation). */
function inLabRange(a: IpAddress): boolean {
  const b = a.bytes;
  return a.family === 4 ? b[0] === 198 && (b[1]! & 0xfe) === 18 : b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8;
}

function everyAddress(s: Scenario): string[] {
  const ifaces = [...s.hosts, ...s.routers, ...s.middleboxes].flatMap((n) => n.interfaces).concat(s.nats.flatMap((n) => [n.inside, n.outside]));
  return [
    ...ifaces.flatMap((f) => f.addresses.map(cidrAddress)),
    ...s.hosts.flatMap((h) => h.pathManager?.endpoints.map((e) => e.address) ?? []),
    ...s.traffic.flatMap((t) => (t.toAddress ? [t.toAddress] : [])),
    ...s.nats.flatMap((n) => (n.publicAddress ? [n.publicAddress] : [])),
  ];
}

const sentences = (text: string) => text.split(/(?<=[.!?])\s+(?=[A-Z])/).length;

describe('built-in scenarios', () => {
  it('are the twelve the lab ships, in order, then one per attack of the security model (v0 too where the version matters)', () => {
    const ids = BUILTIN_SCENARIOS.map((s) => s.id);
    expect(ids.slice(0, 12)).toEqual(['two-path-v1', 'two-path-v0', 'wifi-lte', 'wifi-handover', 'fastclose-v1', 'nat-client', 'middlebox-strip', 'fallback-midstream', 'checksum-fail-single-path', 'lossy-handshake', 'single-path-tcp', 'bulk-100mb']);
    for (const a of ATTACKS) expect(ids).toContain(`attack-${a.id}`);
    for (const s of BUILTIN_SCENARIOS.slice(12)) expect(s.attackers.map((a) => `attack-${a.attack}`)).toEqual([s.id.replace(/-v0$/, '')]);
  });
  it('every JSON file here is listed, under its own id', () => {
    expect(jsonFiles(here)).toEqual(BUILTIN_SCENARIOS.map((s) => `${s.id}.json`).sort());
  });
  for (const file of jsonFiles(here)) {
    it(`${file} loads from its text with no problem`, () => {
      const r = loadScenario(readFileSync(new URL(file, here), 'utf8'));
      expect(r.ok ? [] : r.problems).toEqual([]);
    });
  }
  for (const s of BUILTIN_SCENARIOS) {
    it(`${s.id}: title, a 3–6 sentence description, lab-range addresses`, () => {
      expect(s.title.length).toBeGreaterThan(0);
      expect(sentences(s.description)).toBeGreaterThanOrEqual(3);
      expect(sentences(s.description)).toBeLessThanOrEqual(6);
      for (const a of everyAddress(s)) expect(inLabRange(parseIp(a)!), a).toBe(true);
    });
  }
  it('the documents are written out in full, so a changed default never changes a built-in', () => {
    for (const doc of BUILTIN_DOCUMENTS) {
      const s = builtinScenario((doc as { id: string }).id)!;
      const { ui: _ui, ...rest } = s;
      expect(doc).toEqual(rest);
    }
  });
  it('builtinScenario finds by id', () => {
    expect(builtinScenario('wifi-lte')?.title).toBe('Phone on Wi-Fi and LTE');
    expect(builtinScenario('nope')).toBeUndefined();
  });

  it('two-path-v1: two disjoint routed paths, server announces, client joins', () => {
    const s = builtinScenario('two-path-v1')!;
    expect(s.protocol).toBe('mptcp-v1');
    expect(s.routers.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(s.links.map((l) => [l.a, l.b, l.delayUs, l.bandwidthBps])).toEqual([
      ['client.eth0', 'r1.eth0', 5000, 50e6],
      ['r1.eth1', 'server.eth0', 5000, 50e6],
      ['client.eth1', 'r2.eth0', 5000, 50e6],
      ['r2.eth1', 'server.eth1', 5000, 50e6],
    ]);
    const [client, server] = s.hosts;
    expect(client!.pathManager!.limits).toEqual({ subflows: 2, addAddrAccepted: 1 });
    expect(server!.pathManager!.endpoints).toEqual([{ address: '198.18.2.2', flags: ['signal'] }]);
    expect(s.traffic).toEqual([{ id: 'upload', kind: 'bulk', from: 'client', to: 'server', toAddress: '198.18.1.2', port: 8080, bytes: 300_000, startUs: 0 }]);
  });
  it('two-path-v0 is two-path-v1 in version 0', () => {
    const strip = (s: Scenario) => ({ ...s, id: '', title: '', description: '', protocol: 'tcp' });
    expect(builtinScenario('two-path-v0')!.protocol).toBe('mptcp-v0');
    expect(strip(builtinScenario('two-path-v0')!)).toEqual(strip(builtinScenario('two-path-v1')!));
  });
  it('wifi-lte: lossy Wi-Fi, slower LTE as a backup subflow, request/response', () => {
    const s = builtinScenario('wifi-lte')!;
    const byId = new Map(s.links.map((l) => [l.id, l]));
    expect(byId.get('wifi')).toMatchObject({ delayUs: 5000, bandwidthBps: 30e6, lossRate: 0.01 });
    expect(byId.get('lte')).toMatchObject({ delayUs: 40000, bandwidthBps: 10e6, lossRate: 0 });
    expect(s.hosts[0]!.pathManager!.endpoints).toEqual([{ address: '198.18.2.1', flags: ['subflow', 'backup'] }]);
    expect(s.traffic[0]).toMatchObject({ kind: 'request-response', count: 10, requestBytes: 200, responseBytes: 20_000 });
  });
  it('wifi-handover: Wi-Fi goes down mid-upload; later the phone removes it and promotes LTE', () => {
    const s = builtinScenario('wifi-handover')!;
    expect(s.hosts[0]!.pathManager!.endpoints).toEqual([{ address: '198.18.2.1', flags: ['subflow', 'backup'] }]);
    expect(s.traffic[0]).toMatchObject({ kind: 'bulk', from: 'phone', bytes: 600_000 });
    expect(s.actions).toEqual([
      { atUs: 200_000, kind: 'link-down', link: 'wifi' },
      { atUs: 3_500_000, kind: 'endpoint-remove', host: 'phone', address: '198.18.1.1' },
      { atUs: 3_500_000, kind: 'endpoint-backup', host: 'phone', address: '198.18.2.1', backup: false },
    ]);
  });
  it('nat-client: the second path crosses a NAT whose outside address is 198.18.3.1', () => {
    const s = builtinScenario('nat-client')!;
    expect(s.nats[0]!.inside.addresses).toEqual(['198.18.2.254/24']);
    expect(s.nats[0]!.outside.addresses).toEqual(['198.18.3.1/24']);
    expect(s.hosts[0]!.interfaces[1]!.addresses).toEqual(['198.18.2.1/24']);
    expect(s.links.find((l) => l.a === 'client.eth1')!.b).toBe('nat.inside');
    expect(s.traffic[0]).toMatchObject({ kind: 'bulk', bytes: 200_000 });
  });
  it('middlebox-strip: one path through a strip-mptcp middlebox, v1 attempted', () => {
    const s = builtinScenario('middlebox-strip')!;
    expect(s.protocol).toBe('mptcp-v1');
    expect(s.middleboxes.map((m) => m.kind)).toEqual(['strip-mptcp']);
    expect(s.traffic[0]).toMatchObject({ kind: 'bulk', bytes: 200_000 });
  });
  it('fallback-midstream: the middlebox strips options only from the client’s data, after the handshake', () => {
    const s = builtinScenario('fallback-midstream')!;
    expect(s.protocol).toBe('mptcp-v1');
    expect(s.middleboxes.map((m) => [m.kind, m.stripData])).toEqual([['strip-mptcp', { fromUs: 40_000, direction: 'a-to-b' }]]);
    expect(s.links.find((l) => l.b === 'mb.eth0')!.a).toBe('client.eth0');
    expect(s.traffic[0]).toMatchObject({ kind: 'bulk', bytes: 200_000 });
  });
  it('checksum-fail-single-path: one path through a rewriting gateway, DSS checksums on', () => {
    const s = builtinScenario('checksum-fail-single-path')!;
    expect(s.protocol).toBe('mptcp-v1');
    expect(s.mptcp.checksums).toBe(true);
    expect(s.middleboxes.map((m) => [m.kind, m.match, m.replace])).toEqual([['rewrite-payload', '0K', 'OK']]);
    expect(s.traffic[0]).toMatchObject({ kind: 'bulk', bytes: 200_000 });
  });
  it('single-path-tcp: plain TCP over one path', () => {
    const s = builtinScenario('single-path-tcp')!;
    expect(s.protocol).toBe('tcp');
    expect(s.hosts.every((h) => h.interfaces.length === 1)).toBe(true);
    expect(s.traffic[0]).toMatchObject({ kind: 'bulk', bytes: 200_000 });
  });
  it('bulk-100mb: exactly the benchmark topology', () => {
    const s = builtinScenario('bulk-100mb')!;
    expect(s.protocol).toBe('mptcp-v1');
    expect(s.durationUs).toBe(60_000_000);
    expect([s.routers, s.nats, s.middleboxes]).toEqual([[], [], []]);
    expect(s.links.map((l) => [l.a, l.b, l.bandwidthBps, l.delayUs, l.queuePackets, l.mtuBytes, l.lossRate])).toEqual([
      ['client.eth0', 'server.eth0', 1e9, 5000, 2000, 1500, 0],
      ['client.eth1', 'server.eth1', 1e9, 5000, 2000, 1500, 0],
    ]);
    expect(s.hosts[0]!.pathManager!.limits).toEqual({ subflows: 2, addAddrAccepted: 1 });
    expect(s.hosts[1]!.pathManager!.endpoints).toEqual([{ address: '198.18.2.2', flags: ['signal'] }]);
    expect(s.traffic).toEqual([{ id: 'upload', kind: 'bulk', from: 'client', to: 'server', toAddress: '198.18.1.2', port: 8080, bytes: 100_000_000, startUs: 0 }]);
  });
});

describe('frozen built-ins of every schema version still load', () => {
  const frozen = new URL('./frozen/', import.meta.url);
  const versions = readdirSync(frozen).filter((d) => /^v\d+$/.test(d));
  it('version 1 is kept', () => expect(versions).toContain('v1'));
  for (const version of versions) {
    const dir = new URL(`${version}/`, frozen);
    for (const file of jsonFiles(dir)) {
      it(`${version}/${file}`, () => {
        const text = readFileSync(new URL(file, dir), 'utf8');
        expect((JSON.parse(text) as { schemaVersion: unknown }).schemaVersion).toBe(Number(version.slice(1)));
        const r = loadScenario(text);
        expect(r.ok ? [] : r.problems).toEqual([]);
      });
    }
  }
});
