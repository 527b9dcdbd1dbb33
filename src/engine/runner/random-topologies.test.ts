/**
 * Property: on random topologies (one or two paths, chains of routers),
 * with loss up to 5 %, random queues, delays and bandwidths, any protocol
 * and any seed, each application receives exactly the bytes its peer
 * wrote, in order, and every connection closes.
 */
import { SCENARIO_SCHEMA_VERSION } from '../scenario/types.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/load.ts';
import type { LinkSpec, Scenario } from '../scenario/types.ts';
import { runScenario } from './run-scenario.ts';

const linkArb = fc.record({
  delayUs: fc.integer({ min: 100, max: 30_000 }),
  bandwidthBps: fc.integer({ min: 1_000_000, max: 100_000_000 }),
  lossRate: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.05, noNaN: true })),
  queuePackets: fc.integer({ min: 20, max: 1000 }),
});

const topologyArb = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  protocol: fc.constantFrom<Scenario['protocol']>('tcp', 'mptcp-v0', 'mptcp-v1'),
  paths: fc.integer({ min: 1, max: 2 }),
  routers: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })),
  links: fc.array(linkArb, { minLength: 6, maxLength: 6 }),
  scheduler: fc.constantFrom('lowest-rtt' as const, 'round-robin' as const, 'redundant' as const),
  cc: fc.constantFrom('newreno' as const, 'lia' as const),
  traffic: fc.oneof(
    fc.record({ kind: fc.constant('bulk' as const), bytes: fc.integer({ min: 1, max: 120_000 }) }),
    fc.record({ kind: fc.constant('request-response' as const), requestBytes: fc.integer({ min: 1, max: 3000 }), responseBytes: fc.integer({ min: 1, max: 30_000 }), count: fc.integer({ min: 1, max: 4 }) }),
  ),
});

type Topology = typeof topologyArb extends fc.Arbitrary<infer T> ? T : never;

function build(t: Topology): Scenario {
  const links: LinkSpec[] = [];
  const routers: Scenario['routers'] = [];
  let l = 0;
  const nextLink = (a: string, b: string) => links.push({ id: `l${links.length + 1}`, a, b, mtuBytes: 1500, ...t.links[l++ % t.links.length]! });
  for (let p = 1; p <= t.paths; p++) {
    let prev = `client.c${p}`;
    const n = t.routers[p - 1]!;
    for (let r = 1; r <= n; r++) {
      const id = `r${p}x${r}`;
      routers.push({ id, interfaces: [{ id: 'a', addresses: [`198.18.${p}.${200 + r}/24`] }, { id: 'b', addresses: [`198.18.${p}.${220 + r}/24`] }] });
      nextLink(prev, `${id}.a`);
      prev = `${id}.b`;
    }
    nextLink(prev, `server.s${p}`);
  }
  const iface = (side: string, p: number, host: number) => ({ id: `${side}${p}`, addresses: [`198.18.${p}.${host}/24`] });
  const traffic =
    t.traffic.kind === 'bulk'
      ? { id: 'app', kind: 'bulk' as const, from: 'client', to: 'server', toAddress: '198.18.1.2', port: 8080, bytes: t.traffic.bytes, startUs: 0 }
      : { id: 'app', from: 'client', to: 'server', toAddress: '198.18.1.2', port: 8080, startUs: 0, intervalUs: 1000, ...t.traffic };
  const doc = {
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    id: 'random',
    title: 'random topology',
    description: 'A generated topology. It exercises the engine. Nothing more.',
    seed: t.seed,
    durationUs: 120_000_000,
    protocol: t.protocol,
    hosts: [
      { id: 'client', interfaces: Array.from({ length: t.paths }, (_, i) => iface('c', i + 1, 1)), pathManager: { endpoints: [], limits: { subflows: 2, addAddrAccepted: 1 } } },
      {
        id: 'server',
        interfaces: Array.from({ length: t.paths }, (_, i) => iface('s', i + 1, 2)),
        pathManager: { endpoints: t.paths === 2 ? [{ address: '198.18.2.2', flags: ['signal'] }] : [], limits: { subflows: 2, addAddrAccepted: 0 } },
      },
    ],
    routers,
    nats: [],
    middleboxes: [],
    actions: [],
    attackers: [],
    links,
    traffic: [traffic],
    mptcp: { scheduler: t.scheduler, congestionControl: t.cc, checksums: false, mitigations: [], macAlgorithm: 'version-default', halfOpenJoinLimit: null },
    thresholds: { stallUs: 1_000_000, degradationPercent: 30 },
  };
  const loaded = loadScenario(doc);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.scenario;
}

describe('random topologies', () => {
  it('every application gets exactly its peer’s bytes, in order, and connections close', () => {
    fc.assert(
      fc.property(topologyArb, (t) => {
        const s = build(t);
        const r = runScenario(s, { trace: 'digest' });
        const a = r.apps[0]!;
        expect(a.intact).toBe(true);
        expect(a.bytesRead.server).toBe(a.bytesWritten.client);
        expect(a.bytesRead.client).toBe(a.bytesWritten.server);
        expect(r.finished).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
