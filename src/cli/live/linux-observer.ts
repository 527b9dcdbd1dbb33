/**
 * Runs iproute2's observers inside one network namespace and hands their
 * output to the pure parsers of linux-view.ts: `ip mptcp monitor` as a
 * long-running process (path-manager events as they happen) and `ss` as a
 * snapshot (sockets and subflows at one instant). node:child_process only,
 * never a shell, so a namespace name cannot inject anything.
 */
import { execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseMonitorLine, parseSsMptcp, parseSsSubflows, type MptcpMonitorEvent, type SsMptcpSocket, type SsSubflow } from './linux-view.ts';

/** A monitor event with the wall-clock time this process read it. */
export interface TimedMonitorEvent extends MptcpMonitorEvent {
  /** `now()` when the line was read (milliseconds, default performance.now()). */
  atMs: number;
}

/** Options of {@link startMptcpMonitor}. */
export interface MonitorOptions {
  /** Clock for `atMs` (default performance.now()). */
  now?: () => number;
  /** Events kept; later ones are counted in `dropped` (default 10,000). */
  maxEvents?: number;
  /** Give up when the monitor has not subscribed by then (default 5,000 ms). */
  readyTimeoutMs?: number;
  /** The `ip` binary (default 'ip', from PATH). */
  ip?: string;
}

/** A running `ip mptcp monitor`. */
export interface MptcpMonitor {
  /** Events read so far (a copy). */
  events(): TimedMonitorEvent[];
  /** Events not kept because `maxEvents` was reached. */
  readonly dropped: number;
  /** Resolves with the first event (already read or still to come) that matches, or undefined after timeoutMs. */
  waitFor(match: (e: TimedMonitorEvent) => boolean, timeoutMs: number): Promise<TimedMonitorEvent | undefined>;
  /** Stops the monitor and returns every kept event, oldest first. Safe to call twice. */
  stop(): Promise<TimedMonitorEvent[]>;
}

/** What {@link snapshotSs} saw. */
export interface SsSnapshot {
  mptcp: SsMptcpSocket[];
  subflows: SsSubflow[];
  raw: { mptcp: string; tcp: string };
}

const NS_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

function checkNs(ns: string, command: string): void {
  // a name starting with '-' would be read as an option; '/' would escape /run/netns
  if (!NS_NAME.test(ns) || ns.length > 200) throw new Error(`${command}: invalid namespace name ${JSON.stringify(ns)}`);
}

const commandText = (file: string, args: string[]): string => [file, ...args].join(' ');

/** NETLINK_GENERIC in /proc/net/netlink's Eth column. */
const NETLINK_GENERIC = '16';

/**
 * Whether process `pid` has joined a generic-netlink multicast group, i.e.
 * kernel events are now queued for it even before it reads them. `ip mptcp
 * monitor` prints no ready line, so this is read from /proc: the process's
 * socket inodes (fd links) matched against its namespace's netlink table.
 * Returns 'joined', 'socket' (a genl socket, no group in the first 32 bits
 * shown there) or 'none'.
 */
function netlinkState(pid: number): 'joined' | 'socket' | 'none' {
  try {
    const inodes = new Set<string>();
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m?.[1]) inodes.add(m[1]);
    }
    let state: 'joined' | 'socket' | 'none' = 'none';
    for (const row of readFileSync(`/proc/${pid}/net/netlink`, 'utf8').split('\n').slice(1)) {
      const c = row.trim().split(/\s+/);
      // sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode
      if (c[1] !== NETLINK_GENERIC || !inodes.has(c[9] ?? '')) continue;
      if (/^0*[1-9a-fA-F]/.test(c[3] ?? '')) return 'joined';
      state = 'socket';
    }
    return state;
  } catch {
    return 'none'; // the process is gone or /proc is unreadable: the caller's timers decide
  }
}

/** How long a genl socket may show no group before we trust it (group id >= 32 is not shown). */
const SOCKET_SETTLE_MS = 300;
const POLL_MS = 10;

/**
 * Starts `ip -n <ns> mptcp monitor` and resolves once it is subscribed to the
 * MPTCP path-manager events (see netlinkState), so no event of a connection
 * opened afterwards is missed. Rejects, naming the command and the
 * namespace, when `ip` is missing, the namespace does not exist, the monitor
 * exits early or does not subscribe within readyTimeoutMs.
 */
export function startMptcpMonitor(ns: string, options: MonitorOptions = {}): Promise<MptcpMonitor> {
  const ip = options.ip ?? 'ip';
  const args = ['-n', ns, 'mptcp', 'monitor'];
  const cmd = commandText(ip, args);
  try {
    checkNs(ns, cmd);
  } catch (e) {
    return Promise.reject(e as Error);
  }
  const now = options.now ?? (() => performance.now());
  const maxEvents = options.maxEvents ?? 10_000;
  const readyTimeoutMs = options.readyTimeoutMs ?? 5_000;

  const child = spawn(ip, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const kept: TimedMonitorEvent[] = [];
  let dropped = 0;
  let partial = '';
  let stderr = '';
  const waiters = new Set<(e: TimedMonitorEvent) => void>();

  const onLine = (line: string): void => {
    if (!line.trim()) return;
    const ev: TimedMonitorEvent = { ...parseMonitorLine(line), atMs: now() };
    if (kept.length >= maxEvents) {
      dropped++;
      return;
    }
    kept.push(ev);
    for (const w of [...waiters]) w(ev);
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    lines.forEach(onLine);
  });
  const stdoutDone = new Promise<void>((resolve) => child.stdout.on('close', () => {
    if (partial) onLine(partial);
    partial = '';
    resolve();
  }));
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 4096) stderr += chunk;
  });
  let exit: { code: number | null; signal: NodeJS.Signals | null; error?: Error } | null = null;
  const exited = new Promise<void>((resolve) => {
    child.on('error', (error) => {
      exit = { code: null, signal: null, error };
      resolve();
    });
    child.on('exit', (code, signal) => {
      exit ??= { code, signal };
      resolve();
    });
  });

  const failure = (why: string): Error => new Error(`${cmd}: ${why} (namespace ${ns})`);
  const describeExit = (): string => {
    if (!exit) return 'not running';
    if (exit.error) return (exit.error as NodeJS.ErrnoException).code === 'ENOENT' ? `${ip} not found` : exit.error.message;
    const detail = stderr.trim() ? `: ${stderr.trim()}` : '';
    return `exited with ${exit.signal ?? `code ${String(exit.code)}`} before it was ready${detail}`;
  };

  let stopping: Promise<TimedMonitorEvent[]> | null = null;
  const handle: MptcpMonitor = {
    events: () => [...kept],
    get dropped() {
      return dropped;
    },
    waitFor(match, timeoutMs) {
      const found = kept.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => {
        const done = (e: TimedMonitorEvent | undefined): void => {
          clearTimeout(timer);
          waiters.delete(onEvent);
          resolve(e);
        };
        const onEvent = (e: TimedMonitorEvent): void => {
          if (match(e)) done(e);
        };
        const timer = setTimeout(() => done(undefined), timeoutMs);
        waiters.add(onEvent);
      });
    },
    stop() {
      stopping ??= (async () => {
        if (!exit) child.kill('SIGTERM');
        await exited;
        await stdoutDone;
        return [...kept];
      })();
      return stopping;
    },
  };

  return new Promise<MptcpMonitor>((resolve, reject) => {
    const started = performance.now();
    let socketSince: number | null = null;
    const poll = (): void => {
      if (exit) {
        reject(failure(describeExit()));
        return;
      }
      const t = performance.now();
      const state = child.pid === undefined ? 'none' : netlinkState(child.pid);
      if (state === 'socket') socketSince ??= t;
      if (state === 'joined' || (socketSince !== null && t - socketSince >= SOCKET_SETTLE_MS)) {
        resolve(handle);
        return;
      }
      if (t - started >= readyTimeoutMs) {
        void handle.stop();
        reject(failure(`did not subscribe to MPTCP events within ${readyTimeoutMs} ms`));
        return;
      }
      setTimeout(poll, POLL_MS);
    };
    // 'spawn' (or 'error') first, so a missing binary is reported as such
    child.once('spawn', poll);
    void exited.then(() => {
      if (child.pid === undefined) poll();
    });
  });
}

/** Options of {@link snapshotSs}. */
export interface SnapshotOptions {
  /** The `ss` binary (default 'ss', from PATH). */
  ss?: string;
  /** Per command (default 5,000 ms). */
  timeoutMs?: number;
}

function runSs(ss: string, args: string[], ns: string, timeoutMs: number): Promise<string> {
  const cmd = commandText(ss, args);
  return new Promise((resolve, reject) => {
    execFile(ss, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) {
        resolve(stdout);
        return;
      }
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? `${ss} not found` : error.killed ? `timed out after ${timeoutMs} ms` : stderr.trim() || error.message;
      reject(new Error(`${cmd}: ${why} (namespace ${ns})`));
    });
  });
}

/**
 * Takes one snapshot of namespace `ns`: MPTCP sockets (`ss -MniH`) and TCP
 * sockets with their MPTCP subflow info (`ss -tniH`). `ss -N` enters the
 * namespace itself, so a missing `ss` or namespace is reported by name. The
 * two commands run one after the other: they are two instants, not one.
 */
export async function snapshotSs(ns: string, options: SnapshotOptions = {}): Promise<SsSnapshot> {
  const ss = options.ss ?? 'ss';
  const timeoutMs = options.timeoutMs ?? 5_000;
  const mArgs = ['-N', ns, '-MniH'];
  const tArgs = ['-N', ns, '-tniH'];
  checkNs(ns, commandText(ss, mArgs));
  const mptcp = await runSs(ss, mArgs, ns, timeoutMs);
  const tcp = await runSs(ss, tArgs, ns, timeoutMs);
  return { mptcp: parseSsMptcp(mptcp), subflows: parseSsSubflows(tcp), raw: { mptcp, tcp } };
}

/** A running {@link startSsSampler}. */
export interface SsSampler {
  /** Stops sampling and waits for the process to end. */
  stop(): Promise<void>;
}

const SS_MARK = '@@mlab-ss-tcp@@';
const SS_END = '@@mlab-ss-end@@';
/** One sample's text is capped: a namespace with thousands of sockets must not grow memory without bound. */
const MAX_SAMPLE_CHARS = 4 << 20;

/**
 * Lists namespace `ns`'s sockets every `everyMs` ms from ONE long-lived
 * shell loop in the namespace, so a live run's event loop spawns nothing
 * while it runs (each spawn held it for tens of milliseconds, late enough
 * to push a timed attack past its moment). Each sample is `ss -MniH` then
 * `ss -tniH`, parsed as {@link snapshotSs} parses them.
 */
export function startSsSampler(ns: string, everyMs: number, onSnapshot: (s: SsSnapshot) => void): SsSampler {
  checkNs(ns, 'ss sampler');
  const script = `while :; do ss -MniH; echo ${SS_MARK}; ss -tniH; echo ${SS_END}; sleep ${(everyMs / 1000).toFixed(3)}; done`;
  const child = spawn('ip', ['netns', 'exec', ns, 'sh', '-c', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  child.on('error', () => {});
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
    for (let end = text.indexOf(SS_END); end >= 0; end = text.indexOf(SS_END)) {
      const sample = text.slice(0, end);
      text = text.slice(end + SS_END.length + 1);
      const mark = sample.indexOf(SS_MARK);
      if (mark < 0) continue;
      const mptcp = sample.slice(0, mark);
      const tcp = sample.slice(mark + SS_MARK.length + 1);
      onSnapshot({ mptcp: parseSsMptcp(mptcp), subflows: parseSsSubflows(tcp), raw: { mptcp, tcp } });
    }
    if (text.length > MAX_SAMPLE_CHARS) text = '';
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
