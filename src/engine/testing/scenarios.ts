/**
 * Small hand-built scenarios for engine tests (complete documents, no defaults needed).
 */
import { SCENARIO_SCHEMA_VERSION } from '../scenario/types.ts';
import type { LinkSpec, MiddleboxSpec, Scenario } from '../scenario/types.ts';

export function link(id: string, a: string, b: string, extra: Partial<LinkSpec> = {}): LinkSpec {
  return { id, a, b, delayUs: 10_000, bandwidthBps: 10_000_000, lossRate: 0, queuePackets: 1000, mtuBytes: 1500, ...extra };
}

/** client — r1 — server, one bulk transfer. */
export function singlePathScenario(over: Partial<Scenario> = {}, linkExtra: Partial<LinkSpec> = {}): Scenario {
  return {
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    id: 'test-single-path',
    title: 'test',
    description: 'test',
    seed: 1,
    durationUs: 60_000_000,
    protocol: 'tcp',
    hosts: [
      { id: 'client', interfaces: [{ id: 'eth0', addresses: ['198.18.1.1/24'] }] },
      { id: 'server', interfaces: [{ id: 'eth0', addresses: ['198.18.2.2/24'] }] },
    ],
    routers: [{ id: 'r1', interfaces: [{ id: 'a', addresses: ['198.18.1.254/24'] }, { id: 'b', addresses: ['198.18.2.254/24'] }] }],
    nats: [],
    middleboxes: [],
    actions: [],
    attackers: [],
    links: [link('l1', 'client.eth0', 'r1.a', linkExtra), link('l2', 'r1.b', 'server.eth0', linkExtra)],
    traffic: [{ id: 'bulk', kind: 'bulk', from: 'client', to: 'server', port: 8080, bytes: 200_000, startUs: 0 }],
    mptcp: { scheduler: 'lowest-rtt', congestionControl: 'newreno', checksums: false, mitigations: [], macAlgorithm: 'version-default', halfOpenJoinLimit: null },
    thresholds: { stallUs: 1_000_000, degradationPercent: 30 },
    ...over,
  };
}

/**
 * A client (198.18.1.1 on c1, 198.18.2.1 on c2) and a server (`server` on
 * s1 and s2) that announces its second address; both allow `subflows`
 * extra subflows, the client accepts `accepted` ADD_ADDRs.
 */
function dualHomedHosts(server: [string, string], subflows: number, accepted: number): Scenario['hosts'] {
  return [
    {
      id: 'client',
      interfaces: [
        { id: 'c1', addresses: ['198.18.1.1/24'] },
        { id: 'c2', addresses: ['198.18.2.1/24'] },
      ],
      pathManager: { endpoints: [], limits: { subflows, addAddrAccepted: accepted } },
    },
    {
      id: 'server',
      interfaces: [
        { id: 's1', addresses: [`${server[0]}/24`] },
        { id: 's2', addresses: [`${server[1]}/24`] },
      ],
      pathManager: { endpoints: [{ address: server[1], flags: ['signal'] }], limits: { subflows, addAddrAccepted: 0 } },
    },
  ];
}

/** Two dual-homed hosts joined directly by two links; the server announces its second address, the client joins it. */
export function twoPathScenario(protocol: Scenario['protocol'] = 'mptcp-v1', over: Partial<Scenario> = {}, linkExtra: Partial<LinkSpec> = {}): Scenario {
  return {
    ...singlePathScenario(),
    id: 'test-two-path',
    protocol,
    hosts: dualHomedHosts(['198.18.1.2', '198.18.2.2'], 2, 1),
    routers: [],
    links: [link('l1', 'client.c1', 'server.s1', linkExtra), link('l2', 'client.c2', 'server.s2', linkExtra)],
    traffic: [{ id: 'bulk', kind: 'bulk', from: 'client', to: 'server', toAddress: '198.18.1.2', port: 8080, bytes: 500_000, startUs: 0 }],
    ...over,
  };
}

/** Two paths, the second through a payload-rewriting middlebox that changes `match` into `replace` (same length). */
export function rewritingPathScenario(match: string, replace: string, checksums: boolean, singlePath = false): Scenario {
  const base = twoPathScenario('mptcp-v1');
  const mb = { id: 'alg', kind: 'rewrite-payload' as const, match, replace, interfaces: [{ id: 'a', addresses: ['198.18.9.1/24'] }, { id: 'b', addresses: ['198.18.9.2/24'] }] as [InterfaceSpecT, InterfaceSpecT] };
  const links = singlePath
    ? [link('l1a', 'client.c1', 'alg.a'), link('l1b', 'alg.b', 'server.s1'), link('l2', 'client.c2', 'server.s2')]
    : [link('l1', 'client.c1', 'server.s1'), link('l2a', 'client.c2', 'alg.a'), link('l2b', 'alg.b', 'server.s2')];
  return {
    ...base,
    id: 'test-rewrite',
    middleboxes: [mb],
    links,
    mptcp: { ...base.mptcp, checksums },
    hosts: singlePath ? base.hosts.map((h) => ({ ...h, pathManager: { endpoints: [], limits: { subflows: 0, addAddrAccepted: 0 } } })) : base.hosts,
  };
}

type InterfaceSpecT = Scenario['hosts'][number]['interfaces'][number];

/**
 * Two paths through routers: client c1 — r1 — server s1 and client c2 — r2
 * — server s2. The server announces s2; the client accepts two ADD_ADDRs
 * and three extra subflows, so a forged announcement is not refused by a
 * limit. Attackers can live behind r1 or r2.
 */
export function routedTwoPathScenario(protocol: Scenario['protocol'] = 'mptcp-v1', over: Partial<Scenario> = {}): Scenario {
  return {
    ...singlePathScenario(),
    id: 'test-routed-two-path',
    protocol,
    hosts: dualHomedHosts(['198.18.10.2', '198.18.11.2'], 3, 2),
    routers: [
      { id: 'r1', interfaces: [{ id: 'a', addresses: ['198.18.1.254/24'] }, { id: 'b', addresses: ['198.18.10.254/24'] }] },
      { id: 'r2', interfaces: [{ id: 'a', addresses: ['198.18.2.254/24'] }, { id: 'b', addresses: ['198.18.11.254/24'] }] },
    ],
    links: [link('l1', 'client.c1', 'r1.a'), link('l1s', 'r1.b', 'server.s1'), link('l2', 'client.c2', 'r2.a'), link('l2s', 'r2.b', 'server.s2')],
    traffic: [{ id: 'bulk', kind: 'bulk', from: 'client', to: 'server', toAddress: '198.18.10.2', port: 8080, bytes: 500_000, startUs: 0 }],
    ...over,
  };
}

/**
 * The client's first path (or, with `onSecondPath`, its second) through a
 * middlebox: client c1 — mb — server s1. `protocol` 'tcp' and `singlePath`
 * leave the second path unused. `mtuAfter` is the MTU of the link from the
 * middlebox to the server (a coalescer merges only up to it).
 */
export function middleboxPathScenario(
  mb: Omit<MiddleboxSpec, 'id' | 'interfaces'>,
  opts: { protocol?: Scenario['protocol']; checksums?: boolean; singlePath?: boolean; onSecondPath?: boolean; mtuAfter?: number; bytes?: number } = {},
): Scenario {
  const base = twoPathScenario(opts.protocol ?? 'mptcp-v1');
  const box: MiddleboxSpec = { id: 'mb', ...mb, interfaces: [{ id: 'a', addresses: ['198.18.9.1/24'] }, { id: 'b', addresses: ['198.18.9.2/24'] }] };
  const after = { mtuBytes: opts.mtuAfter ?? 1500 };
  const links = opts.onSecondPath
    ? [link('l1', 'client.c1', 'server.s1'), link('l2a', 'client.c2', 'mb.a'), link('l2b', 'mb.b', 'server.s2', after)]
    : [link('l1a', 'client.c1', 'mb.a'), link('l1b', 'mb.b', 'server.s1', after), link('l2', 'client.c2', 'server.s2')];
  const single = opts.singlePath || opts.protocol === 'tcp';
  return {
    ...base,
    id: 'test-middlebox-path',
    middleboxes: [box],
    links,
    traffic: base.traffic.map((t) => ({ ...t, bytes: opts.bytes ?? 200_000 })),
    mptcp: { ...base.mptcp, checksums: opts.checksums ?? false },
    hosts: single ? base.hosts.map((h) => ({ ...h, pathManager: { endpoints: [], limits: { subflows: 0, addAddrAccepted: 0 } } })) : base.hosts,
  };
}
