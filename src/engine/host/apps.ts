/**
 * The applications a scenario's traffic runs: a bulk transfer and a
 * request/response exchange. Each checks every byte it receives against
 * what its peer wrote (pattern sources), so a run proves or disproves that
 * each side got exactly its peer's bytes, in order.
 */
import { fnv1a32 } from '../core/rng.ts';
import { toHex } from '../core/hex.ts';
import type { BulkTraffic, RequestResponseTraffic, TrafficSpec } from '../scenario/types.ts';
import type { AppHandlers, AppSocket } from './app-socket.ts';
import { PatternChecker, PatternSource } from './byte-stream.ts';

export interface AppReport {
  id: string;
  kind: TrafficSpec['kind'];
  client: string;
  server: string;
  startedUs: number;
  /** When the last byte the scenario asked for was read by its receiver. */
  completedUs: number | null;
  bytesWritten: { client: number; server: number };
  bytesRead: { client: number; server: number };
  /** Every byte read matched what the peer wrote, in order (null while nothing was read). */
  intact: boolean;
  /** First stream offset that did not match, per reader. */
  firstMismatch: { client: number | null; server: number | null };
  /** When each reader first got a wrong byte. */
  mismatchAtUs: { client: number | null; server: number | null };
  /** Up to 16 bytes it read from the first wrong one on, as hex (to find who wrote them). */
  mismatchBytes: { client: string | null; server: string | null };
  /** How the connection ended at each side ('fin', 'reset-received', ...), or null if still open. */
  closedBy: { client: string | null; server: string | null };
  /** When each side's connection ended. */
  closedAtUs: { client: number | null; server: number | null };
  /** Times at which bytes were read, for progress and stall monitors: [timeUs, totalBytesReadBothSides]. */
  progress: [number, number][];
}

export interface AppEnv {
  now(): number;
  later(atUs: number, fn: () => void): void;
}

function newReport(t: TrafficSpec): AppReport {
  return {
    id: t.id,
    kind: t.kind,
    client: t.from,
    server: t.to,
    startedUs: t.startUs,
    completedUs: null,
    bytesWritten: { client: 0, server: 0 },
    bytesRead: { client: 0, server: 0 },
    intact: true,
    firstMismatch: { client: null, server: null },
    mismatchAtUs: { client: null, server: null },
    mismatchBytes: { client: null, server: null },
    closedBy: { client: null, server: null },
    closedAtUs: { client: null, server: null },
    progress: [],
  };
}

function closed(report: AppReport, side: 'client' | 'server', reason: string, env: AppEnv): void {
  report.closedBy[side] = reason;
  report.closedAtUs[side] = env.now();
}

const phaseOf = (id: string, side: string) => fnv1a32(`${id}:${side}`) % 251;

/** The pattern phases each side of a traffic entry writes (`PatternSource`), so a peer outside the engine writes and checks the same bytes. */
export function trafficPhases(t: Pick<TrafficSpec, 'id'>): { client: number; server: number } {
  return { client: phaseOf(t.id, 'client'), server: phaseOf(t.id, 'server') };
}

function reader(report: AppReport, side: 'client' | 'server', checker: PatternChecker, env: AppEnv) {
  return (bytes: Uint8Array) => {
    checker.check(bytes);
    const start = report.bytesRead[side];
    report.bytesRead[side] += bytes.length;
    if (checker.firstMismatch !== null && report.firstMismatch[side] === null) {
      report.firstMismatch[side] = checker.firstMismatch;
      report.mismatchAtUs[side] = env.now();
      const at = Math.max(0, checker.firstMismatch - start);
      report.mismatchBytes[side] = toHex(bytes.subarray(at, at + 16));
      report.intact = false;
    }
    const last = report.progress[report.progress.length - 1];
    const total = report.bytesRead.client + report.bytesRead.server;
    if (last && last[0] === env.now()) last[1] = total;
    else report.progress.push([env.now(), total]);
  };
}

/** A bulk transfer: the client writes `bytes` and closes; the server reads to the end and closes. */
export function bulkApp(t: BulkTraffic, env: AppEnv): { report: AppReport; client: AppHandlers; server: (s: AppSocket) => AppHandlers } {
  const report = newReport(t);
  const serverRead = reader(report, 'server', new PatternChecker(phaseOf(t.id, 'client')), env);
  const client: AppHandlers = {
    onOpen: () => {},
    onClose: (_s, r) => closed(report, 'client', r, env),
  };
  const server = (): AppHandlers => ({
    onData: (_s, b) => {
      serverRead(b);
      if (report.bytesRead.server >= t.bytes && report.completedUs === null) report.completedUs = env.now();
    },
    onEnd: (s) => s.close(),
    onClose: (_s, r) => closed(report, 'server', r, env),
  });
  return {
    report,
    client,
    server,
  };
}

/** Starts the client side of a bulk transfer on an opened socket. */
export function startBulk(t: BulkTraffic, report: AppReport, s: AppSocket): void {
  s.write(new PatternSource(t.bytes, phaseOf(t.id, 'client')));
  report.bytesWritten.client = t.bytes;
  s.close();
}

/** Request/response: `count` requests, each answered in full before the next after `intervalUs`. */
export function requestResponseApp(t: RequestResponseTraffic, env: AppEnv): { report: AppReport; client: AppHandlers; server: (s: AppSocket) => AppHandlers; start: (s: AppSocket) => void } {
  const report = newReport(t);
  const reqPhase = phaseOf(t.id, 'client');
  const resPhase = phaseOf(t.id, 'server');
  const clientRead = reader(report, 'client', new PatternChecker(resPhase), env);
  const serverRead = reader(report, 'server', new PatternChecker(reqPhase), env);
  let sent = 0;
  const sendRequest = (s: AppSocket) => {
    // Each request continues the pattern where the last left off, so the checker sees one stream.
    s.write(new OffsetPattern(t.requestBytes, reqPhase, sent * t.requestBytes));
    report.bytesWritten.client += t.requestBytes;
    sent++;
  };
  const client: AppHandlers = {
    onData: (s, b) => {
      clientRead(b);
      if (report.bytesRead.client === sent * t.responseBytes) {
        if (sent >= t.count) {
          report.completedUs ??= env.now();
          s.close();
        } else env.later(env.now() + t.intervalUs, () => sendRequest(s));
      }
    },
    onClose: (_s, r) => closed(report, 'client', r, env),
  };
  const server = (): AppHandlers => {
    let answered = 0;
    return {
      onData: (s, b) => {
        serverRead(b);
        while (report.bytesRead.server >= (answered + 1) * t.requestBytes) {
          s.write(new OffsetPattern(t.responseBytes, resPhase, answered * t.responseBytes));
          report.bytesWritten.server += t.responseBytes;
          answered++;
        }
      },
      onEnd: (s) => s.close(),
      onClose: (_s, r) => closed(report, 'server', r, env),
    };
  };
  return { report, client, server, start: sendRequest };
}

/** A pattern source that starts `base` bytes into its pattern. */
class OffsetPattern extends PatternSource {
  constructor(length: number, phase: number, base: number) {
    super(length, (phase + base) % 251);
  }
}
