/**
 * One live run: the scenario's hosts named in `outside` become real Linux
 * hosts in network namespaces of their own (TUN devices for interfaces,
 * real MPTCP sockets, the in-kernel path manager), the rest of the
 * scenario runs in the engine, paced by the wall clock, and what each side
 * did is gathered into one result. Everything the run creates is removed
 * at the end, whatever happens.
 */
import { release } from 'node:os';
import { LiveSession, actionHost, type LiveEngineResult, type RunHandle, type Scenario } from '../../engine/index.ts';
import { outsideApp, startLinuxClient, startLinuxServer, type LinuxApp, type LinuxAppReport } from './linux-app.ts';
import { applyEndpointAction, configureHost, createNamespace, deleteNamespace, sh, tunName } from './namespace.ts';
import { startMptcpMonitor, startSsSampler, type MptcpMonitor, type SsSnapshot, type TimedMonitorEvent } from './linux-observer.ts';
import { attackerVerdicts, judgeLive, notJudgedReasons, type AttackerVerdict, type LiveFailure, type NotJudged } from './linux-judge.ts';
import { createRealtime, monotonicUs, type RealtimeStats } from './realtime.ts';
import { startTunBridge, type TunBridge } from './tun-bridge.ts';
import { captureOf, wireCheckOf, type WireCheck } from './wire-check.ts';

export interface LiveRunOptions {
  /** Host ids that real Linux hosts play. */
  outside: readonly string[];
  /** Namespace names start with this (default `mlab-<pid>-`). */
  prefix?: string;
  /** An attack-free live run of the same scenario, which the judge compares joins and completion with. */
  baseline?: LiveRunResult;
  /** Stops the run where it is (Ctrl-C); it is still cleaned up and reported. */
  signal?: AbortSignal;
  /** Progress lines for people (stderr). */
  log?: (line: string) => void;
}

/** One real host's side of the run. */
export interface LinuxHostView {
  host: string;
  namespace: string;
  kernel: string;
  /** Each application's own report. */
  apps: (LinuxAppReport & { traffic: string })[];
  /** `ip mptcp monitor` in the host's namespace, each event with its run time (µs). */
  monitor: (TimedMonitorEvent & { atUs: number })[];
  /** Events the monitor could not keep (over its cap). */
  monitorDropped: number;
  /** The last `ss` snapshot that showed an MPTCP socket (`ss -Mni`, `ss -tni`), with its run time. */
  ss: (SsSnapshot & { atUs: number }) | null;
  /** Over the run: [run time µs, MPTCP sockets, TCP subflows with tcp-ulp-mptcp] from each snapshot. */
  ssTimeline: [number, number, number][];
  /** The scenario's actions on this host, as the commands run and when. */
  actions: { atUs: number; command: string; error?: string }[];
  /** The namespace's TCP and MPTCP counters (`nstat -asz`: MPTcpExtMPJoinSynRx, MPTcpExtAddAddrDrop, ...) before and after the run. */
  counters: { before: string; after: string };
}

export interface LiveRunResult extends LiveEngineResult {
  /** What the Linux hosts suffered, judged from their own side (linux-judge.ts), never from an attacker's log. */
  failures: LiveFailure[];
  /** Failures the Linux side could not judge in this run, and why (no baseline, no counters). */
  notJudged: NotJudged[];
  /** Each attacker: succeeded, defended, or not attempted (it never acted). */
  verdicts: { id: string; verdict: AttackerVerdict; failures: LiveFailure['id'][] }[];
  live: {
    kernel: string;
    /** Which hosts were real, and what they saw. */
    linux: LinuxHostView[];
    driver: RealtimeStats;
    /** Wall time of the run, ms. */
    wallMs: number;
    /** The scenario's settings the Linux hosts ran without (`notOnLinux`): empty when they ran it all. */
    notOnLinux: string[];
  };
  /** The run's capture, analyzed as `lab analyze` analyzes any capture: keys, IDSNs and HMACs verified. */
  wire: WireCheck;
}

/** A namespace's counters as `nstat` prints them: absolute (-a), zeros too (-z), without touching its history file (-s). */
const nstat = (ns: string) => sh('ip', ['netns', 'exec', ns, 'nstat', '-asz']).catch((e: Error) => `nstat failed: ${e.message}`);

/** Time a run may take beyond the scenario's duration before it is cut (its FIN exchanges, slow starts). */
const GRACE_US = 3_000_000;
/** After everything is done, how long the FIN exchanges may go on. */
const SETTLE_US = 1_000_000;
/** How often each real host's sockets are listed with ss during a run. */
const SS_EVERY_MS = 100;

/**
 * The scenario's settings a real Linux host cannot apply: the engine's
 * what-ifs (RFC 7430's proposals, the RFC's SHOULDs Linux leaves out) and
 * the TLS record layer (the Linux application writes plain bytes). A live
 * run goes on without them, and says so: its Linux hosts run as Linux does.
 */
export function notOnLinux(s: Scenario): string[] {
  const kernel = new Set(['add-addr-hmac', 'syn-cookies']);
  const out = s.mptcp.mitigations.filter((m) => !kernel.has(m)).map((m) => `${m} (${m === 'tls' ? 'the Linux application writes plain bytes' : 'a what-if the kernel does not have'})`);
  if (s.mptcp.macAlgorithm !== 'version-default') out.push(`macAlgorithm ${s.mptcp.macAlgorithm} (Linux uses HMAC-SHA256)`);
  if (s.mptcp.halfOpenJoinLimit !== null) out.push(`halfOpenJoinLimit ${s.mptcp.halfOpenJoinLimit} (Linux has no per-connection half-open join limit)`);
  return out;
}

export function checkLiveScenario(s: Scenario, outside: readonly string[]): void {
  if (s.protocol !== 'mptcp-v1') throw new Error(`live runs need MPTCP v1 (Linux speaks only v1); ${s.id} is ${s.protocol}`);
  for (const t of s.traffic) {
    if ((outside.includes(t.from) || outside.includes(t.to)) && t.kind !== 'bulk') throw new Error(`traffic ${t.id}: a real host carries bulk transfers only (this one is ${t.kind})`);
  }
  for (const id of outside) {
    const h = s.hosts.find((x) => x.id === id);
    if (!h) throw new Error(`no host "${id}" in ${s.id} (hosts: ${s.hosts.map((x) => x.id).join(', ')})`);
    if (h.mptcp?.versions && !h.mptcp.versions.includes('v1')) throw new Error(`host ${id} speaks only ${h.mptcp.versions.join(', ')}; Linux speaks v1`);
  }
}

/** A live run's result, its packet records with their bytes, and the capture they make (what `--pcap` writes). */
export async function liveRun(s: Scenario, options: LiveRunOptions): Promise<{ result: LiveRunResult; records: RunHandle['records']; pcapng: Uint8Array }> {
  checkLiveScenario(s, options.outside);
  const log = options.log ?? (() => {});
  const prefix = options.prefix ?? `mlab-${process.pid}-`;
  const namespaces = new Map(options.outside.map((h) => [h, `${prefix}${h}`]));
  const bridges = new Map<string, TunBridge>();
  const apps: LinuxApp[] = [];
  const monitors = new Map<string, MptcpMonitor>();
  let stopSamplers = async (): Promise<unknown> => undefined;
  const counters = new Map<string, LinuxHostView['counters']>();
  const views = new Map([...namespaces.keys()].map((h) => [h, { ss: null as (SsSnapshot & { atUs: number }) | null, ssTimeline: [] as [number, number, number][], actions: [] as LinuxHostView['actions'] }]));
  const started = Date.now();
  let session: LiveSession | undefined;
  let inboxPush: ((host: string, iface: number, bytes: Uint8Array) => void) | undefined;
  try {
    for (const [host, ns] of namespaces) {
      const spec = s.hosts.find((h) => h.id === host)!;
      log(`${host}: namespace ${ns}, ${spec.interfaces.length} TUN devices`);
      await createNamespace(ns);
      const bridge = startTunBridge(
        ns,
        spec.interfaces.map((_, i) => tunName(i)),
        (dev, bytes) => inboxPush?.(host, dev, bytes),
      );
      bridges.set(host, bridge);
      await bridge.ready;
      await configureHost(ns, spec, s);
      monitors.set(host, await startMptcpMonitor(ns, { now: () => monotonicUs() / 1000 }));
      counters.set(host, { before: await nstat(ns), after: '' });
    }
    const timeoutS = Math.ceil((s.durationUs + GRACE_US) / 1e6);
    for (const t of s.traffic) {
      const ns = namespaces.get(t.to);
      if (ns) apps.push(await startLinuxServer(ns, s, t, timeoutS));
    }
    const clients = new Map<Scenario['traffic'][number], LinuxApp>();
    for (const t of s.traffic) {
      const ns = namespaces.get(t.from);
      if (!ns) continue;
      const app = await startLinuxClient(ns, s, t, timeoutS);
      apps.push(app);
      clients.set(t, app);
    }
    session = new LiveSession(s, { outside: options.outside }, (host, iface, bytes) => bridges.get(host)?.write(iface, bytes));
    // When the scenario's first connection is a real client's, the run's clock starts with its first packet.
    const first = [...s.traffic].sort((x, y) => x.startUs - y.startUs)[0];
    const holdFor = first && clients.has(first) ? first : undefined;
    let doneAt: number | null = null;
    const allDone = () => session!.engineAppsDone() && apps.every((a) => a.exited);
    const timers: NodeJS.Timeout[] = [];
    /** Runs `fn` at run time `atUs`, once the run's clock has started at `t0`. */
    const at = (t0: number, atUs: number, fn: () => void) => timers.push(setTimeout(fn, Math.max(0, (t0 + atUs - monotonicUs()) / 1000)));
    const rt = createRealtime(session, {
      t0Us: monotonicUs(),
      ...(holdFor ? { holdUntilPacketAtUs: holdFor.startUs } : {}),
      deadlineUs: s.durationUs + GRACE_US,
      ...(options.signal ? { signal: options.signal } : {}),
      done: () => {
        if (!allDone()) return false;
        doneAt ??= session!.sim.now;
        return session!.engineSettled() || session!.sim.now - doneAt >= SETTLE_US;
      },
      onStart: (t0) => {
        // Real clients start at their traffic's time (set up beforehand: Python starts slowly).
        for (const [t, app] of clients) if (t !== holdFor) at(t0, t.startUs, () => app.go());
        // Each real host's actions, at their times on the run's clock: its path manager's, its application's abort.
        for (const a of session!.outsideActions) {
          const host = actionHost(s, a)!;
          const view = views.get(host)!;
          if (a.kind === 'app-abort') {
            const app = apps.find((x) => x.traffic === a.traffic && x.side === a.side)!;
            at(t0, a.atUs, () => {
              app.abort();
              view.actions.push({ atUs: monotonicUs() - t0, command: `app-abort: SIGUSR1 to the ${a.side} application of ${a.traffic}, which closes with SO_LINGER 0` });
            });
            continue;
          }
          at(t0, a.atUs, () => {
            const atUs = monotonicUs() - t0;
            applyEndpointAction(namespaces.get(host)!, a).then(
              (command) => view.actions.push({ atUs, command }),
              (e: Error) => view.actions.push({ atUs, command: a.kind, error: e.message }),
            );
          });
        }
      },
    });
    inboxPush = rt.inbox.push;
    // What each real host's sockets look like, several times a second (ss needs the connection still open), from
    // one sampler process per namespace, started before the clock runs: each spawn holds the event loop for tens of ms.
    const samplers = [...namespaces].map(([host, ns]) =>
      startSsSampler(ns, SS_EVERY_MS, (snap) => {
        const atUs = monotonicUs() - rt.t0Us;
        const view = views.get(host)!;
        const sub = snap.subflows.filter((x) => x.mptcp).length;
        if (view.ssTimeline.length < 1000) view.ssTimeline.push([atUs, snap.mptcp.length, sub]);
        if (snap.mptcp.length > 0) view.ss = { ...snap, atUs };
      }),
    );
    stopSamplers = () => Promise.all(samplers.map((x) => x.stop()));
    // Let the spawns above settle before the first packet.
    await new Promise((r) => setTimeout(r, 50));
    if (holdFor) clients.get(holdFor)!.go();
    log(`running ${s.id} in real time (engine: ${s.hosts.filter((h) => !namespaces.has(h.id)).map((h) => h.id).join(', ') || 'routers only'}; Linux: ${[...namespaces.keys()].join(', ')})`);
    const driver = await rt.run();
    await stopSamplers();
    timers.forEach(clearTimeout);
    inboxPush = undefined;
    for (const a of apps) if (!a.exited) a.kill();
    const reports = await Promise.all(apps.map(async (a) => ({ app: a, report: await a.report })));
    for (const [host, ns] of namespaces) counters.get(host)!.after = await nstat(ns);
    const t0Us = rt.t0Us;
    const engine = session.result(reports.map(({ app, report }) => outsideApp(app, report, t0Us)));
    const kernel = release();
    const records = session.sim.trace.packets;
    const capture = captureOf(records);
    const result: LiveRunResult = {
      ...engine,
      live: {
        kernel,
        linux: await Promise.all(
          [...namespaces].map(async ([host, ns]): Promise<LinuxHostView> => {
            const monitor = monitors.get(host)!;
            const events = await monitor.stop();
            return {
              host,
              namespace: ns,
              kernel,
              apps: reports.filter((r) => r.app.host === host).map((r) => ({ ...r.report, traffic: r.app.traffic })),
              monitor: events.map((e) => ({ ...e, atUs: Math.round(e.atMs * 1000 - t0Us) })),
              monitorDropped: monitor.dropped,
              ...views.get(host)!,
              counters: counters.get(host)!,
            };
          }),
        ),
        driver,
        wallMs: Date.now() - started,
        notOnLinux: notOnLinux(s),
      },
      wire: wireCheckOf(capture.analysis),
      failures: [],
      notJudged: [],
      verdicts: [],
    };
    // The verdict from the Linux side (linux-judge.ts).
    const observed = (views: readonly LinuxHostView[]) => views.map((l) => ({ host: l.host, monitor: l.monitor, ss: l.ss ? [l.ss] : [], tokens: l.apps.flatMap((a) => (a.mptcp ? [a.mptcp.token] : [])) }));
    const judging = {
      scenario: s,
      apps: result.apps,
      records,
      capture: capture.analysis,
      linux: observed(result.live.linux),
      counters: Object.fromEntries(result.live.linux.map((l) => [l.host, l.counters])),
      ...(options.baseline ? { baseline: { linux: observed(options.baseline.live.linux), apps: options.baseline.apps } } : {}),
    };
    result.failures = judgeLive(judging);
    result.notJudged = notJudgedReasons(judging);
    result.verdicts = attackerVerdicts(result.attackers, result.failures);
    return { result, records, pcapng: capture.pcapng };
  } finally {
    inboxPush = undefined;
    for (const a of apps) if (!a.exited) a.kill();
    await stopSamplers().catch(() => {});
    await Promise.all([...monitors.values()].map((m) => m.stop().catch(() => [])));
    await Promise.all([...bridges.values()].map((b) => b.close().catch(() => {})));
    for (const ns of namespaces.values()) await deleteNamespace(ns);
  }
}
