/**
 * Runs a scenario to a result (DESIGN.md §1): builds the network, starts
 * the traffic, runs the simulator until every application is done (or the
 * scenario's duration), and gathers packets, host decisions, application
 * deliveries, statistics and the trace digest. Pure: same scenario and seed,
 * same result, byte for byte.
 */
import type { AppReport } from '../host/apps.ts';
import type { Host } from '../host/host.ts';
import { buildNetwork } from '../net/topology.ts';
import { startTraffic, type TrafficSockets } from './traffic.ts';
import { connectionStatsOf, connectionTruthOf, packetJsonOf, subflowStatsOf } from './run-stats.ts';
import type { Scenario } from '../scenario/types.ts';
import { Simulation } from '../sim/simulation.ts';
import type { HostEvent, PacketRecord, TraceMode } from '../sim/trace.ts';
import { scheduleActions } from './actions.ts';
import { cryptoCounters } from '../crypto/hash.ts';
import { addressKey } from '../net/address-key.ts';
import { buildAttackers } from './attackers.ts';
import { strategyFor } from '../attacks/registry.ts';
import { attackerReport, type AttackerReport } from './attacker-report.ts';
import { evaluateMonitors } from '../monitors/registry.ts';
import type { Amplification, AttackFreeTruth, ConnectionTruth, Finding, FailureId, FloodReference } from '../monitors/monitor.ts';
import { stateHeld, wasAnswered, type SynRecord } from '../host/syn-ledger.ts';
import { applicationRun } from '../host/byte-stream.ts';
import { transportFor } from './transport.ts';
import { renderProse, type Prose } from '../monitors/prose.ts';

/** A security failure that really happened, with why (security-model.md §2). */
export interface FailureReport {
  id: FailureId;
  timeUs: number;
  attacker: string;
  /** Packet ids and indexes into `events`. */
  evidence: { packets: number[]; events: number[] };
  /** False when single-path TCP between the same endpoints, with the same attacker, suffers it too. */
  mptcpSpecific: boolean;
  /** Why, with packets named "packet #id" and attackers by id. */
  explanation: string;
  /** The same with its references kept, for readers that name packets and attackers their own way. */
  explanationParts: Prose;
  /** Its measured amplification (what a target spent per attacker byte), where the failure has one. */
  amplification?: Amplification;
}

/** The baseline runs that judged a run, for people: what ran. */
export interface BaselinesRun {
  /** The same scenario without its attackers. */
  attackFree: boolean;
  /** Single-path TCP with the same attackers (their TCP equivalent), which labels failures inherited; null when it did not run. */
  singlePath: string | null;
  /** The resource-exhaustion reference (single-path TCP with SYN cookies against the same flood); null when it did not run. */
  floodReference: string | null;
}

export interface RunOptions {
  /** 'full' keeps every packet's bytes; 'digest' only hashes them (benchmarks); 'count' only counts them (sweeps). */
  trace?: TraceMode;
  /** Stop at this simulated time instead of the scenario's duration. */
  untilUs?: number;
  /**
   * In 'full' mode, also give `packets` as JSON (hex and a summary per packet,
   * what `lab run --json` prints); default true. The app reads the raw
   * records instead: for 100,000 packets the JSON would cost hundreds of MB.
   */
  packetJson?: boolean;
  /**
   * Baseline runs that judge a run with attackers: 'all' (default) runs the
   * scenario without attackers (for failures defined against it) and over
   * single-path TCP with the same attackers (to label failures inherited or
   * MPTCP-specific); 'attack-free' only the first; 'none' neither.
   */
  baselines?: 'all' | 'attack-free' | 'none';
  /** Baselines already run, by the scenario they ran (sweeps share them across rows). */
  cache?: BaselineCache;
  /**
   * Called every `progressEvery` simulator events (an event count, never a
   * clock: the engine reads none), with the simulated time and packets so far.
   */
  onProgress?: (p: RunProgress) => void;
  /** Events between progress reports (and `shouldStop` checks); default PROGRESS_EVERY. */
  progressEvery?: number;
  /**
   * Asked after each batch of `progressEvery` events: true stops the run
   * where it is. The result is what was computed so far, marked `stopped`
   * (by 'user'), its monitors judging what happened up to then.
   */
  shouldStop?: () => boolean;
}

/** Events between progress reports by default: a few milliseconds of work. */
export const PROGRESS_EVERY = 20_000;

/** How far a run has got, reported every `progressEvery` events. */
export interface RunProgress {
  /** 'run': the scenario itself; 'baseline': the single-path run that labels its failures. */
  phase: 'run' | 'baseline';
  /** Simulated time reached, in µs. */
  simUs: number;
  packets: number;
  events: number;
}

/** Why a run ended before its applications were done and before the scenario's duration. */
export interface RunStop {
  /** Simulated time at which it stopped. */
  atUs: number;
  /** 'user': `shouldStop` said so; 'until': the `untilUs` option (`lab run --until`). */
  by: 'user' | 'until';
  /** 'baseline': the scenario ran to its end, its single-path baseline was cut (its failures are not labelled). */
  phase: 'run' | 'baseline';
}

export interface BaselineCache {
  attackFree: Map<string, AttackFreeTruth>;
  /**
   * Single-path TCP runs, by their scenario: the failures each suffered and
   * the half-open state it held for the attackers' SYNs. One run serves both
   * as a row's TCP baseline and, with SYN cookies, as its flood reference.
   */
  tcp: Map<string, TcpRun>;
  /** Parts of scenarios already written out for cache keys, by identity (a sweep's scenarios are never changed in place). */
  pieces?: WeakMap<object, string>;
}

/** What a sweep keeps of a single-path TCP run. */
export interface TcpRun {
  failures: FailureId[];
  flood: Omit<FloodReference, 'description'>;
}

/** A trace record as `lab run --json` writes it: its bytes as hex, with a one-line summary. */
export interface PacketJson extends Omit<PacketRecord, 'bytes'> {
  summary: string;
  hex: string;
}

export interface SubflowStats {
  host: string;
  local: string;
  remote: string;
  state: string;
  bytesSentAcked: number;
  bytesReceived: number;
  retransmissions: number;
  srttUs: number | null;
  cwndBytes: number;
}

export interface ConnectionStats {
  host: string;
  role: 'client' | 'server';
  version: 0 | 1;
  localKey: string;
  remoteKey: string | null;
  localToken: string;
  remoteToken: string | null;
  fallback: boolean;
  checksums: boolean;
  subflows: number;
  /** Data-level bytes the peer acknowledged (DATA_ACK). */
  bytesDataAcked: number;
  state: string;
  closedReason: string | null;
}

export interface RunResult {
  scenario: string;
  seed: number;
  protocol: Scenario['protocol'];
  /** Simulated time when the run stopped. */
  endUs: number;
  /** True when every application finished before the duration ran out. */
  finished: boolean;
  /**
   * Null when the run went to its own end (applications done, or the
   * scenario's duration). Otherwise where and why it was cut short: its
   * verdicts cover what happened until then, and an attack cut short is
   * not a defended one (`attackers[].cutShort`).
   */
  stopped: RunStop | null;
  packetCount: number;
  bytesOnLinks: number;
  eventsRun: number;
  packets: PacketJson[];
  events: HostEvent[];
  apps: AppReport[];
  subflows: SubflowStats[];
  connections: ConnectionStats[];
  /**
   * Cryptographic work during the run (hosts and attackers): hashes, HMACs
   * and their SHA compression-function calls, AES block encryptions — to
   * compare the cost of MAC algorithms.
   */
  cryptoOps: { macAlgorithm: Scenario['mptcp']['macAlgorithm']; hashes: number; hmacs: number; compressions: number; cipherBlocks: number };
  /** What each attacker did and learned. */
  attackers: AttackerReport[];
  failures: FailureReport[];
  /**
   * Failures single-path TCP with the same attackers suffered and this run
   * did not (MPTCP spared them, e.g. a reset that kills one subflow only);
   * null when that baseline was not run.
   */
  tcpOnly: FailureId[] | null;
  /** Which baselines ran to judge it. */
  baselines: BaselinesRun;
  digest: string;
}

export interface RunHandle {
  sim: Simulation;
  /** Raw packet records with bytes (full mode), for pcap export. */
  records: Simulation['trace']['packets'];
  /** The connections as the hosts had them (keys, subflows), for baselines and monitors. */
  truth: ConnectionTruth[];
  /** What each host did with every SYN its listeners handled, by host id. */
  syns: Map<string, SynRecord[]>;
  /** Ids of every packet an attacker sent. */
  attackerSent: Set<number>;
}

/**
 * Runs a scenario to its result, reporting progress through
 * `options.onProgress` and stopping early when `options.shouldStop` says so.
 *
 * @example runScenario(s, { onProgress: (p) => log(p.simUs), shouldStop: () => cancelled }).stopped // null, or { atUs, by: 'user' }
 */
export function runScenario(s: Scenario, options: RunOptions = {}): RunResult & { handle: RunHandle } {
  const steps = runScenarioSteps(s, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    options.onProgress?.(next.value);
  }
}

/**
 * The same run as a generator: it yields its progress every `progressEvery`
 * events and returns the result, so a caller that must stay responsive (a
 * Web Worker waiting for a cancel message) can pause between batches.
 * `options.onProgress` is not called here: the caller gets each report.
 */
export function* runScenarioSteps(s: Scenario, options: RunOptions = {}, phase: RunProgress['phase'] = 'run'): Generator<RunProgress, RunResult & { handle: RunHandle }, void> {
  const ops0 = { ...cryptoCounters };
  const sim = new Simulation(s.seed, options.trace ?? 'full');
  const net = buildNetwork(sim, s);
  const transport = transportFor(s, net.hosts.values());
  const reports: AppReport[] = [];
  const sockets: TrafficSockets = new Map();
  scheduleActions(sim, s, net, transport, sockets);
  const attackers = buildAttackers(sim, s, net);
  if (attackers.length) for (const h of net.hosts.values()) h.destinations = new Map();
  for (const a of attackers) a.start();
  startTraffic(s, net, transport, reports, new Set(), sockets);

  const until = options.untilUs ?? s.durationUs;
  const allDone = () => reports.length > 0 && reports.every((r) => r.closedBy.client !== null && r.closedBy.server !== null);
  const done = settled(sim, [...net.hosts.values()], allDone);
  const every = Math.max(1, options.progressEvery ?? PROGRESS_EVERY);
  let stopped: RunStop | null = null;
  // In batches of `every` events; `done` is still asked after every event, so the run is the same event for event.
  for (let ended = false; ; ) {
    const batchEnd = sim.eventsRun + every;
    sim.run(until, () => (ended = done()) || sim.eventsRun >= batchEnd);
    if (ended || sim.eventsRun < batchEnd) break;
    yield { phase, simUs: sim.now, packets: sim.trace.packetCount, events: sim.eventsRun };
    if (options.shouldStop?.()) {
      stopped = { atUs: sim.now, by: 'user', phase };
      break;
    }
  }
  if (!stopped && options.untilUs !== undefined && options.untilUs < s.durationUs && sim.now >= options.untilUs && !allDone()) stopped = { atUs: sim.now, by: 'until', phase };
  // A run cut short is judged against baselines cut at the same moment; the single-path one (as long as the run) is skipped after a user's stop.
  const judging: RunOptions = stopped ? { ...options, untilUs: stopped.atUs, ...(stopped.by === 'user' && options.baselines !== 'none' ? { baselines: 'attack-free' as const } : {}) } : options;
  const cryptoOps = {
    macAlgorithm: s.mptcp.macAlgorithm,
    hashes: cryptoCounters.hashes - ops0.hashes,
    hmacs: cryptoCounters.hmacs - ops0.hmacs,
    compressions: cryptoCounters.compressions - ops0.compressions,
    cipherBlocks: cryptoCounters.cipherBlocks - ops0.cipherBlocks,
  };

  const packets = sim.trace.mode === 'full' && options.packetJson !== false ? packetJsonOf(sim.trace.packets) : [];
  const subflows = subflowStatsOf(net.hosts.values());
  const connections = connectionStatsOf(transport);
  const truth = connectionTruthOf(transport);
  const baselines = judging.baselines ?? 'all';
  let attackFree: AttackFreeTruth | null | undefined;
  let flood: FloodReference | null | undefined;
  const syns = new Map([...net.hosts.values()].map((h) => [h.id, h.syns]));
  const findings = attackers.length
    ? evaluateMonitors({
        scenario: s,
        endUs: sim.now,
        events: sim.trace.events,
        apps: reports,
        connections: truth,
        attackers,
        peers: new Map([...net.hosts.values()].map((h) => [h.id, new Set(h.history.filter((ep) => ep.everEstablished).map((ep) => addressKey(ep.remoteAddr)))])),
        heardFrom: new Map([...net.hosts.values()].map((h) => [h.id, h.heardFrom])),
        sentTo: new Map([...net.hosts.values()].map((h) => [h.id, h.destinations ?? new Map()])),
        receivedFrom: new Map([...net.hosts.values()].map((h) => [h.id, h.receivedFrom])),
        attackerArrivals: new Map([...net.hosts.values()].map((h) => [h.id, h.attackerArrivals])),
        syns,
        isApplicationData: (bytes) => applicationRun(bytes) !== null,
        attackFree: () => {
          if (attackFree === undefined) attackFree = baselines === 'none' ? null : attackFreeRun(s, judging);
          return attackFree;
        },
        floodReference: () => {
          if (flood === undefined) flood = baselines === 'none' ? null : floodReferenceRun(s, judging);
          return flood;
        },
      })
    : [];
  let tcpFailures: FailureId[] | null = null;
  if (attackers.length > 0 && (judging.baselines ?? 'all') === 'all' && s.protocol !== 'tcp') {
    // Run in batches too (it is as long as the run it judges); a stop during it leaves the failures unlabelled.
    const base = yield* tcpRunSteps(singlePathBaseline(s), judging);
    if (base === null) stopped = { atUs: sim.now, by: 'user', phase: 'baseline' };
    else tcpFailures = base.failures;
  }
  const failures = labelFailures(s, findings, tcpFailures);
  const suffered = new Set(failures.map((f) => f.id));
  const tcpOnly = tcpFailures && [...new Set(tcpFailures)].filter((id) => !suffered.has(id));
  return {
    scenario: s.id,
    seed: s.seed,
    protocol: s.protocol,
    endUs: sim.now,
    finished: allDone(),
    stopped,
    packetCount: sim.trace.packetCount,
    bytesOnLinks: sim.trace.bytesOnLinks,
    eventsRun: sim.eventsRun,
    packets,
    events: sim.trace.events,
    apps: reports,
    subflows,
    connections,
    cryptoOps,
    attackers: attackers.map((a) => attackerReport(a, truth.filter((c) => c.role === 'client' && c.remoteKey !== null).map((c) => [c.localKey, c.remoteKey!]), stopped && stopped.phase === 'run' ? stopped.atUs : null)),
    failures,
    tcpOnly,
    baselines: {
      attackFree: attackFree !== undefined && attackFree !== null,
      singlePath: tcpFailures ? describeSinglePath(s) : null,
      floodReference: flood ? flood.description : null,
    },
    digest: sim.trace.digestHex(),
    handle: { sim, records: sim.trace.packets, truth, syns, attackerSent: new Set(attackers.flatMap((a) => [...a.sent])) },
  };
}

/** What the single-path baseline that labels failures runs, for people. */
function describeSinglePath(s: Scenario): string {
  const base = singlePathBaseline(s);
  const on = base.mptcp.mitigations;
  const attacks = [...new Set(s.attackers.map((a) => (strategyFor(a.attack)?.tcpEquivalentLabel ?? ((x: string) => x))(a.attack)))];
  return `single-path TCP${on.length ? ` with ${on.join(', ')}` : ''}, attacked by ${attacks.join(', ')}`;
}

/**
 * The resource-exhaustion reference: single-path TCP with SYN cookies
 * against the same attackers (their TCP equivalent: a SYN flood for the
 * join floods), and the state and hash work it spent on their SYNs.
 */
export function floodReferenceRun(s: Scenario, options: Pick<RunOptions, 'untilUs' | 'cache'>): FloodReference | null {
  if (s.protocol === 'tcp' || s.attackers.length === 0) return null;
  const base = singlePathBaseline(s);
  const ref: Scenario = { ...base, mptcp: { ...base.mptcp, mitigations: [...new Set([...base.mptcp.mitigations, 'syn-cookies' as const])] } };
  return { description: `single-path TCP with SYN cookies${ref.mptcp.mitigations.includes('tls') ? ' and TLS' : ''} against the same attackers`, ...tcpRun(ref, options).flood };
}

/** Runs a single-path TCP scenario (or takes it from the cache): its failures, and the state it held for attacker SYNs. */
function tcpRun(tcp: Scenario, options: Pick<RunOptions, 'untilUs' | 'cache'>): TcpRun {
  const steps = tcpRunSteps(tcp, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value!;
  }
}

/** `tcpRun` in batches, yielding its progress; null when `shouldStop` cut it (a partial baseline is not kept). */
function* tcpRunSteps(tcp: Scenario, options: Pick<RunOptions, 'untilUs' | 'cache' | 'shouldStop' | 'progressEvery'>): Generator<RunProgress, TcpRun | null, void> {
  const key = options.cache ? runKey(tcp, options.untilUs, options.cache.pieces) : '';
  const cached = options.cache?.tcp.get(key);
  if (cached) return cached;
  const r = yield* runScenarioSteps(
    tcp,
    { trace: 'count', baselines: 'attack-free', ...(options.cache ? { cache: options.cache } : {}), ...untilOf(options), ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}), ...(options.progressEvery ? { progressEvery: options.progressEvery } : {}) },
    'baseline',
  );
  if (r.stopped?.by === 'user') return null;
  const theirs = [...r.handle.syns.values()].flat().filter((x) => r.handle.attackerSent.has(x.packetId) && !wasAnswered(x));
  const held = stateHeld(theirs, r.endUs);
  const out: TcpRun = {
    failures: r.failures.map((f) => f.id),
    flood: { peakStateBytes: held.peakBytes, stateByteUs: held.byteUs, compressions: theirs.reduce((n, x) => n + x.crypto.compressions, 0), syns: theirs.length },
  };
  options.cache?.tcp.set(key, out);
  return out;
}

/**
 * The same scenario without its attackers, as failures defined against it
 * read it (and `matrix.ts` places attacker windows on it); from the cache
 * when the same run was made before.
 */
export function attackFreeRun(s: Scenario, options: Pick<RunOptions, 'untilUs' | 'cache'>): AttackFreeTruth {
  const free = { ...s, attackers: [] };
  const cache = options.cache;
  const key = cache ? runKey(free, options.untilUs, cache.pieces) : '';
  const cached = cache?.attackFree.get(key);
  if (cached) return cached;
  const r = runScenario(free, { trace: 'count', baselines: 'none', ...untilOf(options) });
  const truth = { apps: r.apps, events: r.events, endUs: r.endUs, connections: r.handle.truth };
  cache?.attackFree.set(key, truth);
  return truth;
}

/** A failure the TCP baseline also suffers is inherited, the others are MPTCP-specific. */
function labelFailures(s: Scenario, findings: Finding[], tcpFailures: FailureId[] | null): FailureReport[] {
  const inherited = new Set((tcpFailures ?? []).flatMap((id) => [id, ...(WORSE_THAN[id] ?? [])]));
  return findings.map((f) => ({
    id: f.failure,
    timeUs: f.timeUs,
    attacker: f.attacker,
    evidence: f.evidence,
    mptcpSpecific: s.protocol !== 'tcp' && !inherited.has(f.failure),
    explanation: renderProse(f.explanation),
    explanationParts: f.explanation,
    ...(f.amplification ? { amplification: f.amplification } : {}),
  }));
}

/** A baseline stops where the run it judges stops. */
const untilOf = (o: Pick<RunOptions, 'untilUs'>) => (o.untilUs !== undefined ? { untilUs: o.untilUs } : {});

/**
 * What decides a run's outcome, as a cache key: everything but the names and
 * prose, so attack scenarios built on the same network share their baselines.
 */
export function runKey(s: Scenario, untilUs: number | undefined, pieces?: WeakMap<object, string>): string {
  const { id: _id, title: _title, description: _description, ...rest } = s;
  // Mitigations are a set: the same ones in another order make the same run.
  const normal: Record<string, unknown> = { ...rest, mptcp: { ...rest.mptcp, mitigations: [...rest.mptcp.mitigations].sort() } };
  // A sweep's rows share their network, traffic and actions by reference: each is written out once.
  const text = (v: unknown) => {
    if (!pieces || v === null || typeof v !== 'object') return JSON.stringify(v);
    let t = pieces.get(v);
    if (t === undefined) pieces.set(v, (t = JSON.stringify(v)));
    return t;
  };
  return `[{${Object.keys(normal)
    .sort()
    .filter((k) => normal[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${text(normal[k])}`)
    .join(',')}},${JSON.stringify(untilUs) ?? 'null'}]`;
}

/** A failure single-path TCP suffers covers the milder ones listed: a connection killed outright is worse than a slower one. */
const WORSE_THAN: Partial<Record<FailureId, FailureId[]>> = { 'connection-dos': ['degradation'] };

/** The same scenario over plain TCP: no MPTCP settings or endpoint changes apply. */
export function singlePathBaseline(s: Scenario): Scenario {
  const attackers = s.attackers.map((a) => {
    const def = strategyFor(a.attack);
    if (def?.tcpCounterpart) return { ...a, ...def.tcpCounterpart(a) };
    return def?.tcpEquivalent ? { ...a, params: def.tcpEquivalent(a.params) } : a;
  });
  // Plain TCP ignores every MPTCP setting but TLS and SYN cookies; dropping them lets sweeps share this baseline.
  const mptcp = { ...s.mptcp, mitigations: s.mptcp.mitigations.filter((m) => m === 'tls' || m === 'syn-cookies'), macAlgorithm: 'version-default' as const, halfOpenJoinLimit: null, checksums: false };
  // Hosts' own MPTCP settings (versions, C flag) go too: the baseline stays a valid document.
  const hosts = s.hosts.map(({ mptcp: _mptcp, ...h }) => h);
  return { ...s, protocol: 'tcp', hosts, attackers, mptcp, actions: s.actions.filter((a) => a.kind === 'link-down' || a.kind === 'link-up' || a.kind === 'app-abort') };
}

/**
 * After the applications are done, subflows may still be exchanging FINs
 * (an MPTCP connection closes with its DATA_FINs, before its subflows):
 * the run goes on until every endpoint is closed or in TIME_WAIT, or for
 * at most SETTLE_US, so a subflow stuck on a dead path cannot hold it.
 */
const SETTLE_US = 2_000_000;

function settled(sim: Simulation, hosts: readonly Host[], appsDone: () => boolean): () => boolean {
  let doneAt: number | null = null;
  return () => {
    if (doneAt === null) {
      if (!appsDone()) return false;
      doneAt = sim.now;
      sim.at(doneAt + SETTLE_US, () => {}); // the run ends on time even if nothing else happens
    }
    if (sim.now >= doneAt + SETTLE_US) return true;
    for (const h of hosts) for (const ep of h.history) if (ep.state !== 'CLOSED' && ep.state !== 'TIME_WAIT') return false;
    return true;
  };
}
