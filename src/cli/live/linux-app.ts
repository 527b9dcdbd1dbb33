/**
 * The applications on the real hosts (`linux_app.py`): started in their
 * namespaces, each prints one JSON report when it is done, which becomes
 * that side of the traffic's report.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cidrAddress, trafficDestination, trafficPhases, type OutsideApp, type Scenario, type TrafficSpec } from '../../engine/index.ts';
import { liveScript } from './live-files.ts';

/** What `linux_app.py` prints. */
export interface LinuxAppReport {
  role: 'client' | 'server';
  startedAtMs: number;
  bytesRead: number;
  bytesWritten: number;
  firstMismatch: number | null;
  mismatchBytes: string | null;
  readDoneAtMs: number | null;
  end: string | null;
  closedAtMs: number | null;
  mptcp: { subflows: number; addAddrSignal: number; addAddrAccepted: number; subflowsMax: number; flags: number; token: string; fallback: boolean } | null;
  mostSubflows: number;
  error: string | null;
  /** When a scenario's app-abort closed the connection with SO_LINGER 0 (MP_FASTCLOSE); `end` is then "aborted". */
  abortedAtMs?: number | null;
  /** An app-abort that came before the connection was open (nothing to abort). */
  abortBeforeOpenAtMs?: number;
  /** The server's: the peer of the connection reported, and other connections it served (an attacker's own). */
  peer?: string;
  otherConnections?: Omit<LinuxAppReport, 'otherConnections'>[];
}

export interface LinuxApp {
  traffic: string;
  side: 'client' | 'server';
  host: string;
  /** Resolves with its report (or a report that says why there is none). */
  readonly report: Promise<LinuxAppReport>;
  readonly exited: boolean;
  /** A client started ahead: connect now. */
  go(): void;
  /** The scenario's app-abort: the application closes its connection with SO_LINGER 0 now (SIGUSR1). */
  abort(): void;
  kill(): void;
}

const failed = (role: 'client' | 'server', error: string): LinuxAppReport => ({ role, startedAtMs: 0, bytesRead: 0, bytesWritten: 0, firstMismatch: null, mismatchBytes: null, readDoneAtMs: null, end: null, closedAtMs: null, mptcp: null, mostSubflows: 0, error });

function launch(ns: string, traffic: string, host: string, side: 'client' | 'server', args: string[]): LinuxApp {
  const child = spawn('ip', ['netns', 'exec', ns, 'python3', liveScript('linux_app.py'), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => {});
  let out = '';
  let err = '';
  let exited = false;
  child.stdout.setEncoding('utf8').on('data', (t: string) => (out = (out + t).slice(-65536)));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (err = (err + t).slice(-4096)));
  const report = new Promise<LinuxAppReport>((resolve) => {
    child.once('error', (e) => resolve(failed(side, `could not start the ${side} application in ${ns}: ${e.message}`)));
    child.once('close', (code) => {
      exited = true;
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(line) as LinuxAppReport);
      } catch {
        resolve(failed(side, `the ${side} application in ${ns} exited (${code}) without a report${err ? `: ${err.trim().slice(-400)}` : ''}`));
      }
    });
  });
  return {
    traffic,
    side,
    host,
    report,
    get exited() {
      return exited;
    },
    go: () => void child.stdin.end('go\n'),
    abort: () => void (!exited && child.kill('SIGUSR1')),
    // SIGTERM first: the application then reports what it did so far; SIGKILL if it does not go.
    kill: () => {
      if (exited) return;
      child.kill('SIGTERM');
      setTimeout(() => !exited && child.kill('SIGKILL'), 1000).unref();
    },
  };
}

/**
 * Launches the application with a ready file and waits until it has written
 * it (it is set up: listening, or a client's socket made), or throws with
 * its own reason.
 */
async function launchReady(ns: string, traffic: string, host: string, side: 'client' | 'server', args: string[], what: string): Promise<LinuxApp> {
  const dir = mkdtempSync(join(tmpdir(), 'mlab-app-'));
  const ready = join(dir, 'ready');
  const app = launch(ns, traffic, host, side, [...args, '--ready-file', ready]);
  try {
    for (let i = 0; i < 200 && !existsSync(ready) && !app.exited; i++) await new Promise((r) => setTimeout(r, 25));
    if (!existsSync(ready)) {
      app.kill();
      const r = await app.report;
      throw new Error(`${what}: ${r.error ?? 'no reason given'}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return app;
}

/** Starts the server side of `t` in `ns` and resolves once it listens. */
export function startLinuxServer(ns: string, s: Scenario, t: TrafficSpec, timeoutS: number): Promise<LinuxApp> {
  if (t.kind !== 'bulk') throw new Error(`traffic ${t.id}: live runs carry bulk transfers only (this one is ${t.kind})`);
  const phases = trafficPhases(t);
  const family = trafficDestination(s, t).includes(':') ? '6' : '4';
  const client = s.hosts.find((h) => h.id === t.from);
  const clientAddrs = client ? client.interfaces.flatMap((i) => i.addresses.map(cidrAddress)) : [];
  const args = ['server', '--port', String(t.port), '--family', family, '--recv-phase', String(phases.client), '--timeout', String(timeoutS), ...(clientAddrs.length ? ['--client-addrs', clientAddrs.join(',')] : [])];
  return launchReady(ns, t.id, t.to, 'server', args, `the Linux server for traffic ${t.id} did not start listening on port ${t.port}`);
}

/** Starts the client side of `t` in `ns`, set up but not connected: `go()` connects it. */
export function startLinuxClient(ns: string, s: Scenario, t: TrafficSpec, timeoutS: number): Promise<LinuxApp> {
  if (t.kind !== 'bulk') throw new Error(`traffic ${t.id}: live runs carry bulk transfers only (this one is ${t.kind})`);
  const phases = trafficPhases(t);
  const args = ['client', '--connect', trafficDestination(s, t), '--port', String(t.port), '--send-bytes', String(t.bytes), '--send-phase', String(phases.client), '--recv-phase', String(phases.server), '--timeout', String(timeoutS)];
  return launchReady(ns, t.id, t.from, 'client', args, `the Linux client for traffic ${t.id} did not start`);
}

/** A Linux report as the engine's `OutsideApp`, its monotonic times mapped onto the run's µs. */
export function outsideApp(app: Pick<LinuxApp, 'traffic' | 'side'>, r: LinuxAppReport, t0Us: number): OutsideApp {
  const at = (ms: number | null) => (ms === null || ms === 0 ? null : Math.max(0, Math.round(ms * 1000 - t0Us)));
  const closedBy = r.error ? `error: ${r.error}` : r.end === 'eof' || r.end === 'closed-unread' ? 'fin' : r.end === 'reset' ? 'reset-received' : r.end; // "aborted" as the engine's
  return { traffic: app.traffic, side: app.side, bytesRead: r.bytesRead, bytesWritten: r.bytesWritten, firstMismatch: r.firstMismatch, mismatchBytes: r.mismatchBytes, closedBy, readDoneAtUs: at(r.readDoneAtMs), closedAtUs: at(r.closedAtMs) };
}
