/**
 * Hand-made ground truth for monitor tests: a `RunTruth` with small fake
 * attackers, applications, connections, SYN records and events, so a test
 * states exactly what hosts and attackers did and checks the verdict a
 * monitor draws from it — without running the simulator.
 */
import { Attacker, type AttackerAction, type PayloadSample } from '../attacks/attacker.ts';
import { KnowledgeBase } from '../attacks/knowledge.ts';
import type { AppReport } from '../host/apps.ts';
import { applicationRun, patternByte } from '../host/byte-stream.ts';
import type { DestinationRecord } from '../host/host.ts';
import { newSynRecord, type SynRecord } from '../host/syn-ledger.ts';
import type { AttackFreeTruth, ConnectionTruth, FloodReference, RunTruth, SubflowTruth } from '../monitors/monitor.ts';
import type { AttackerSpec } from '../scenario/types.ts';
import type { TcpEndpoint } from '../tcp/tcp-endpoint.ts';
import { parseIp, type IpAddress } from '../wire/ip-address.ts';
import { singlePathScenario } from './scenarios.ts';

export interface FakeAttacker {
  id?: string;
  /** Its own address, when it has one. */
  address?: string;
  location?: AttackerSpec['location'];
  capability?: AttackerSpec['capability'];
  at?: string[];
  window?: AttackerSpec['window'];
  /** Packets it sent itself. */
  sent?: number[];
  /** Packets of others it dropped or rewrote. */
  touched?: number[];
  actions?: AttackerAction[];
  payloadsSeen?: PayloadSample[];
  payloadsSent?: [number, Uint8Array][];
  sentBytes?: number;
  knowledge?: KnowledgeBase;
}

/** An attacker as a run leaves it (the real class, so `id` and `describeClass()` are the real ones), with only what monitors read. */
export function fakeAttacker(o: FakeAttacker = {}): Attacker {
  const spec: AttackerSpec = {
    id: o.id ?? 'mallory',
    location: o.location ?? 'on-path',
    capability: o.capability ?? 'active',
    at: o.at ?? ['r1'],
    attack: 'data-injection',
    params: {},
    guessBudget: 0,
    ...(o.window ? { window: o.window } : {}),
    ...(o.address !== undefined ? { address: o.address } : {}),
  };
  const a = Object.create(Attacker.prototype) as Attacker;
  Object.assign(a, {
    spec,
    knowledge: o.knowledge ?? new KnowledgeBase(),
    actions: o.actions ?? [],
    sent: new Set(o.sent ?? []),
    touched: new Set(o.touched ?? []),
    payloadsSeen: o.payloadsSeen ?? [],
    payloadsSent: new Map(o.payloadsSent ?? []),
    sentBytes: o.sentBytes ?? 0,
    sentBytesTo: new Map<string, number>(),
    guessesUsed: 0,
    injected: (o.sent ?? []).length,
  });
  return a;
}

/** A knowledge base that learned `keys` (key, time, packet) in order. */
export function knowing(keys: [bigint, number, number][]): KnowledgeBase {
  const k = new KnowledgeBase();
  for (const [key, timeUs, packetId] of keys) k.learnKey(key, 'connection', timeUs, packetId, () => ({ token: Number(key & 0xffffn), idsn: key }));
  return k;
}

/** A bulk transfer client → server that completed intact at 1 s. */
export function fakeApp(over: Partial<AppReport> = {}): AppReport {
  return {
    id: 'bulk',
    kind: 'bulk',
    client: 'client',
    server: 'server',
    startedUs: 0,
    completedUs: 1_000_000,
    bytesWritten: { client: 1000, server: 0 },
    bytesRead: { client: 0, server: 1000 },
    intact: true,
    firstMismatch: { client: null, server: null },
    mismatchAtUs: { client: null, server: null },
    mismatchBytes: { client: null, server: null },
    closedBy: { client: 'fin', server: 'fin' },
    closedAtUs: { client: 1_000_000, server: 1_000_000 },
    progress: [
      [500_000, 500],
      [1_000_000, 1000],
    ],
    ...over,
  };
}

export function ip(text: string): IpAddress {
  const a = parseIp(text);
  if (!a) throw new Error(`not an address: ${text}`);
  return a;
}

/** "198.18.1.1:40000" as a subflow end. */
export function end(text: string): { addr: IpAddress; port: number } {
  const i = text.lastIndexOf(':');
  return { addr: ip(text.slice(0, i)), port: Number(text.slice(i + 1)) };
}

export function fakeSubflow(over: Partial<Omit<SubflowTruth, 'local' | 'remote'>> & { local?: string; remote?: string } = {}): SubflowTruth {
  const { local, remote, ...rest } = over;
  return {
    kind: 'initial',
    initiator: true,
    joinedAtUs: null,
    accepted: { bytes: 0, first: null },
    ...rest,
    local: end(local ?? '198.18.1.1:40000'),
    remote: end(remote ?? '198.18.2.2:8080'),
  };
}

/** A connection whose end wrote `stream` (its `wrote` reads from it). */
export function fakeConnection(over: Partial<Omit<ConnectionTruth, 'wrote'>> & { stream?: Uint8Array; wrote?: ConnectionTruth['wrote'] } = {}): ConnectionTruth {
  const { stream = new Uint8Array(0), wrote, ...rest } = over;
  return {
    host: 'client',
    role: 'client',
    version: 1,
    localKey: 0x1111n,
    remoteKey: 0x2222n,
    localIdsn: 1000n,
    remoteIdsn: 2000n,
    fallback: false,
    subflows: [],
    wrote: wrote ?? ((offset, length) => (offset < 0 || offset + length > stream.length ? null : stream.slice(offset, offset + length))),
    ...rest,
  };
}

/** `length` bytes of an application's pattern stream from `offset` (what `isApplicationData` recognises). */
export function appBytes(length: number, offset = 0): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => patternByte(0, offset + i));
}

/** An endpoint as far as the SYN ledger reads it. */
export function fakeEndpoint(o: { establishedAtUs?: number | null; closedAtUs?: number | null; closeReason?: TcpEndpoint['closeReason'] } = {}): TcpEndpoint {
  return { establishedAtUs: o.establishedAtUs ?? null, closedAtUs: o.closedAtUs ?? null, closeReason: o.closeReason ?? null } as TcpEndpoint;
}

/** A SYN+MP_JOIN a host kept a request socket for, unanswered. */
export function fakeSyn(over: Partial<SynRecord> & { packetId: number; atUs: number }): SynRecord {
  return { ...newSynRecord(over.packetId, over.atUs, 'mp-join'), kept: { structure: 'mptcp_subflow_request_sock', bytes: 384, fixedSlot: false }, ...over };
}

export function destination(address: string, o: Partial<Omit<DestinationRecord, 'address'>> = {}): DestinationRecord {
  return { address: ip(address), packets: 1, bytes: 100, firstUs: 1000, firstPacketId: 900, ...o };
}

export function fakeAttackFree(over: Partial<AttackFreeTruth> = {}): AttackFreeTruth {
  return { apps: [], connections: [], events: [], endUs: 10_000_000, ...over };
}

export type TruthInit = Partial<Omit<RunTruth, 'attackFree' | 'floodReference'>> & {
  /** What `attackFree()` returns (null: baselines off). */
  base?: AttackFreeTruth | null;
  /** What `floodReference()` returns. */
  flood?: FloodReference | null;
};

/** A run's ground truth: empty but for what the test gives. */
export function fakeTruth(o: TruthInit = {}): RunTruth {
  const { base = null, flood = null, ...rest } = o;
  return {
    scenario: singlePathScenario(),
    endUs: 10_000_000,
    events: [],
    apps: [],
    connections: [],
    attackers: [],
    peers: new Map(),
    heardFrom: new Map(),
    receivedFrom: new Map(),
    sentTo: new Map(),
    attackerArrivals: new Map(),
    syns: new Map(),
    isApplicationData: (bytes) => applicationRun(bytes) !== null,
    attackFree: () => base,
    floodReference: () => flood,
    ...rest,
  };
}
