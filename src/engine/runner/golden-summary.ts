/**
 * What golden tests pin for each built-in run: its trace digest and the
 * outcome a reviewer reads (not the whole trace, DESIGN.md §9).
 */
import type { RunResult } from './run-scenario.ts';

export interface GoldenSummary {
  digest: string;
  packets: number;
  endUs: number;
  finished: boolean;
  apps: { id: string; bytesRead: { client: number; server: number }; intact: boolean; closedBy: { client: string | null; server: string | null } }[];
  subflows: number;
  eventKinds: Record<string, number>;
  /** Runs with attackers: the security failures, in order. */
  failures?: { id: string; timeUs: number; mptcpSpecific: boolean }[];
  tcpOnly?: string[] | null;
}

export function goldenSummary(r: RunResult): GoldenSummary {
  const eventKinds: Record<string, number> = {};
  for (const e of r.events) if (e.kind.startsWith('mptcp-')) eventKinds[e.kind] = (eventKinds[e.kind] ?? 0) + 1;
  return {
    digest: r.digest,
    packets: r.packetCount,
    endUs: r.endUs,
    finished: r.finished,
    apps: r.apps.map((a) => ({ id: a.id, bytesRead: a.bytesRead, intact: a.intact, closedBy: a.closedBy })),
    subflows: r.subflows.length,
    eventKinds: Object.fromEntries(Object.entries(eventKinds).sort()),
    ...(r.attackers.length ? { failures: r.failures.map((f) => ({ id: f.id, timeUs: f.timeUs, mptcpSpecific: f.mptcpSpecific })), tcpOnly: r.tcpOnly } : {}),
  };
}
