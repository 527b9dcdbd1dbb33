/**
 * A scenario run against real hosts (DESIGN.md §4, sans-IO): the engine
 * builds the network, with the hosts named in `outside` left to real stacks
 * (`OutsideHost`), and never reads a clock. The live driver (the CLI's
 * `live/realtime.ts`) owns time: it calls `advanceTo(now)` with the wall
 * clock, hands in what the real hosts sent with `fromOutside`, writes out
 * what `deliver` gives it, and sleeps until `nextDueUs()` or the next
 * packet. Everything else is the scenario as `runScenario` runs it: links
 * delay, queue and lose the real packets too, and the engine's hosts and
 * attackers are the same code.
 *
 * @example
 * const live = new LiveSession(s, { outside: ['server'] }, (host, iface, bytes) => tun.write(host, iface, bytes));
 * live.advanceTo(wallUs); live.fromOutside('server', 0, packet); live.advanceTo(wallUs);
 */
import { LabError } from '../core/errors.ts';
import type { AppReport } from '../host/apps.ts';
import { buildNetwork, type Network } from '../net/topology.ts';
import type { HostAction, Scenario } from '../scenario/types.ts';
import { Simulation } from '../sim/simulation.ts';
import { scheduleActions } from '../runner/actions.ts';
import { startTraffic, type TrafficSockets } from '../runner/traffic.ts';
import { actionHost } from '../scenario/derived.ts';
import { transportFor, type Transport } from '../runner/transport.ts';
import { connectionStatsOf, packetJsonOf, subflowStatsOf } from '../runner/run-stats.ts';
import type { ConnectionStats, PacketJson, SubflowStats } from '../runner/run-scenario.ts';
import type { Attacker } from '../attacks/attacker.ts';
import { buildAttackers } from '../runner/attackers.ts';
import { attackerReport, type AttackerReport } from '../runner/attacker-report.ts';
import { OutsideHost } from './outside-host.ts';

export interface LiveSessionOptions {
  /** Ids of the scenario's hosts that real stacks play. */
  outside: readonly string[];
}

/** What a real host's application did in one traffic entry (its side only). */
export interface OutsideApp {
  traffic: string;
  side: 'client' | 'server';
  bytesRead: number;
  bytesWritten: number;
  /** First offset that did not match the pattern its peer writes, or null. */
  firstMismatch: number | null;
  mismatchBytes: string | null;
  /** 'fin' for an orderly end, 'reset-received', or what went wrong. */
  closedBy: string | null;
  /** Simulated times (the live driver maps the host's clock onto the run's). */
  readDoneAtUs: number | null;
  closedAtUs: number | null;
}

/** What a live run gives back of the engine's side: `lab run`'s fields, minus those only attacks fill. */
export interface LiveEngineResult {
  scenario: string;
  seed: number;
  protocol: Scenario['protocol'];
  endUs: number;
  finished: boolean;
  packetCount: number;
  bytesOnLinks: number;
  eventsRun: number;
  packets: PacketJson[];
  events: Simulation['trace']['events'];
  apps: AppReport[];
  subflows: SubflowStats[];
  connections: ConnectionStats[];
  /**
   * The scenario's attackers, as `lab run` reports them. Their `knew` never
   * lists `keys`: the real hosts' keys are not the engine's to check here
   * (the live run's wire check reads them from the capture).
   */
  attackers: AttackerReport[];
}

export class LiveSession {
  readonly sim: Simulation;
  readonly net: Network;
  readonly outside: Map<string, OutsideHost>;
  private readonly transport: Transport;
  private readonly reports: AppReport[] = [];
  /** The scenario's attackers, on the real packets as on simulated ones (same strategy, class and window). */
  readonly attackers: Attacker[];
  /** The scenario's actions on real hosts, which the live driver carries out there. */
  readonly outsideActions: HostAction[];

  constructor(
    readonly scenario: Scenario,
    options: LiveSessionOptions,
    deliver: (host: string, iface: number, bytes: Uint8Array) => void,
  ) {
    for (const id of options.outside) {
      if (!scenario.hosts.some((h) => h.id === id)) throw new LabError('CLI_USAGE', `no host "${id}" in scenario ${scenario.id} (hosts: ${scenario.hosts.map((h) => h.id).join(', ')})`);
    }
    const out = new Set(options.outside);
    this.sim = new Simulation(scenario.seed, 'full');
    this.outside = new Map();
    this.net = buildNetwork(this.sim, scenario, undefined, (spec, addrs) => {
      if (!out.has(spec.id)) return undefined;
      const node = new OutsideHost(spec.id, addrs, (iface, bytes) => deliver(spec.id, iface, bytes));
      this.outside.set(spec.id, node);
      return node;
    });
    this.transport = transportFor(scenario, this.net.hosts.values());
    // A real host's actions are carried out on that host (`ip mptcp endpoint`, its application's abort), by the driver, at their times.
    const real = (a: Scenario['actions'][number]): a is HostAction => out.has(actionHost(scenario, a) ?? '');
    this.outsideActions = scenario.actions.filter(real);
    const sockets: TrafficSockets = new Map();
    scheduleActions(this.sim, { ...scenario, actions: scenario.actions.filter((a) => !real(a)) }, this.net, this.transport, sockets);
    // As runScenarioSteps does (same order, so the same rng forks), the real hosts findable like engine ones.
    this.attackers = buildAttackers(this.sim, scenario, this.net, this.outside);
    if (this.attackers.length) for (const h of this.net.hosts.values()) h.destinations = new Map();
    for (const a of this.attackers) a.start();
    startTraffic(scenario, this.net, this.transport, this.reports, out, sockets);
  }

  /** Runs every event due by `nowUs`; the simulator's clock is then `nowUs`. */
  advanceTo(nowUs: number): void {
    this.sim.run(Math.max(this.sim.now, nowUs));
  }

  /** When the engine next has something to do (Infinity when nothing is scheduled). */
  nextDueUs(): number {
    return this.sim.nextEventUs();
  }

  /** A packet the real host `host` sent on its interface `iface`, put on that link now. */
  fromOutside(host: string, iface: number, bytes: Uint8Array): void {
    const node = this.outside.get(host);
    if (!node) throw new LabError('INTERNAL', `${host} is not played by a real host`);
    node.send(iface, bytes);
  }

  /** True when every engine-side application has closed its end. */
  engineAppsDone(): boolean {
    const out = this.outside;
    return this.reports.every((r) => (out.has(r.client) || r.closedBy.client !== null) && (out.has(r.server) || r.closedBy.server !== null));
  }

  /** Every engine endpoint closed or in TIME_WAIT (the FIN exchanges are over). */
  engineSettled(): boolean {
    for (const h of this.net.hosts.values()) for (const ep of h.history) if (ep.state !== 'CLOSED' && ep.state !== 'TIME_WAIT') return false;
    return true;
  }

  /** The run so far, with the real hosts' applications folded into the traffic reports. */
  result(outsideApps: readonly OutsideApp[]): LiveEngineResult {
    const apps = this.reports.map((r): AppReport => JSON.parse(JSON.stringify(r)));
    for (const o of outsideApps) {
      const r = apps.find((x) => x.id === o.traffic);
      if (!r) continue;
      const side = o.side;
      const other = side === 'client' ? 'server' : 'client';
      r.bytesRead[side] = o.bytesRead;
      r.bytesWritten[side] = o.bytesWritten;
      r.firstMismatch[side] = o.firstMismatch;
      r.mismatchBytes[side] = o.mismatchBytes;
      if (o.firstMismatch !== null) {
        r.intact = false;
        r.mismatchAtUs[side] = o.readDoneAtUs;
      }
      r.closedBy[side] = o.closedBy;
      r.closedAtUs[side] = o.closedAtUs;
      // A bulk transfer is complete when its server has read every byte the client wrote.
      if (side === 'server' && r.kind === 'bulk' && o.bytesRead >= r.bytesWritten[other] && o.bytesRead > 0) r.completedUs ??= o.readDoneAtUs;
    }
    for (const r of apps) if (r.kind === 'bulk' && this.outside.has(r.client) && r.bytesRead.server >= r.bytesWritten.client && r.bytesRead.server > 0) r.completedUs ??= r.progress.at(-1)?.[0] ?? null;
    const sim = this.sim;
    return {
      scenario: this.scenario.id,
      seed: this.scenario.seed,
      protocol: this.scenario.protocol,
      endUs: sim.now,
      finished: apps.every((r) => r.closedBy.client !== null && r.closedBy.server !== null),
      packetCount: sim.trace.packetCount,
      bytesOnLinks: sim.trace.bytesOnLinks,
      eventsRun: sim.eventsRun,
      packets: packetJsonOf(sim.trace.packets),
      events: sim.trace.events,
      apps,
      subflows: subflowStatsOf(this.net.hosts.values()),
      connections: connectionStatsOf(this.transport),
      attackers: this.attackers.map((a) => attackerReport(a, [])),
    };
  }
}
