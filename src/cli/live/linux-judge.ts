/**
 * The verdict of a live run, judged from what the real Linux hosts did
 * (security-model.md §2), never from an attacker's log: DESIGN.md §4,
 * "monitors only observe, and only hosts". The evidence is the hosts' own
 * word (`ip mptcp monitor` events, `ss` snapshots, what their applications
 * read) and the packets they sent and received on the engine's links.
 *
 * - `hijack`: a Linux host established a subflow (monitor `sf_established`,
 *   or a SYN+MP_JOIN answered by SYN/ACK+MP_JOIN on its link) whose far end
 *   is none of its real peer's addresses.
 * - `mitm`: connection data then flowed over such a subflow (payload on the
 *   wire, or bytes in `ss`): the far end relays the connection.
 * - `data-injection`: a Linux application read bytes its peer never wrote.
 * - `connection-dos`: a transfer that completes without the attacker did
 *   not complete, or a reset ended it.
 *
 * An attacker's report only says whether it acted at all: one that did not
 * is "not attempted", never "defended" (`attackerVerdicts`).
 */
import { decodePacket, formatIp, TCP_FLAG, type AppReport, type AttackerReport, type DecodedPacket, type RunHandle, type Scenario } from '../../engine/index.ts';
import type { SsSnapshot } from './linux-observer.ts';
import type { MptcpMonitorEvent } from './linux-view.ts';

/** The failures a live run can show from the Linux side. */
export type LiveFailureId = 'hijack' | 'mitm' | 'data-injection' | 'connection-dos';

/** One failure a Linux host suffered, with what shows it. */
export interface LiveFailure {
  id: LiveFailureId;
  /** The Linux host that suffered it. */
  host: string;
  summary: string;
  evidence: {
    /** Packet ids (engine link records) on the host's links, ascending. */
    packets: number[];
    /** `ip mptcp monitor` lines of the host. */
    monitor: string[];
    /** The application report that shows it (traffic id and side). */
    app?: { traffic: string; side: 'client' | 'server'; detail: string };
  };
}

/** What one Linux host said about itself. */
export interface LinuxObservation {
  host: string;
  monitor: readonly MptcpMonitorEvent[];
  ss: readonly SsSnapshot[];
}

/** The checks that decide verdicts; each can be switched off (tests show each one matters). */
export type JudgeCheck = 'monitor-subflows' | 'wire-joins' | 'relayed-data' | 'app-integrity' | 'completion' | 'resets';

export interface JudgeInput {
  scenario: Scenario;
  /** The merged application reports (LiveEngineResult.apps). */
  apps: readonly AppReport[];
  /** Every packet on every engine link, with bytes (RunHandle['records']). */
  records: RunHandle['records'];
  /** The hosts real Linux stacks played, with what they observed. */
  linux: readonly LinuxObservation[];
  /**
   * Whether each traffic completes without the attacker (default: every
   * bulk transfer does, as the built-ins are made). A live run has no
   * attack-free baseline of its own.
   */
  completesWithoutAttack?: (trafficId: string) => boolean;
  /** Checks switched off (default: none). */
  off?: readonly JudgeCheck[];
}

/** An attacker's outcome as a person reads it. */
export type AttackerVerdict = 'succeeded' | 'defended' | 'not attempted';

const bare = (cidr: string): string => cidr.split('/')[0]!.toLowerCase();

/** Evidence lists stay readable: the first packets, in order. */
const MAX_EVIDENCE = 20;

const addressesOf = (s: Scenario, host: string): Set<string> => new Set((s.hosts.find((h) => h.id === host)?.interfaces ?? []).flatMap((i) => i.addresses.map(bare)));

/** The addresses of every host `host` exchanges traffic with: its real peers. */
function peerAddresses(s: Scenario, host: string): Set<string> {
  const out = new Set<string>();
  for (const t of s.traffic) {
    const peer = t.from === host ? t.to : t.to === host ? t.from : null;
    if (peer) for (const a of addressesOf(s, peer)) out.add(a);
  }
  return out;
}

interface WirePacket {
  id: number;
  /** The Linux host sent it (else it was delivered to the host). */
  fromHost: boolean;
  d: DecodedPacket;
  src: string;
  dst: string;
}

/** The TCP packets that left or reached `host` on its links (dropped ones never reached it). */
function hostPackets(records: RunHandle['records'], host: string): WirePacket[] {
  const out: WirePacket[] = [];
  for (const r of records) {
    if (!r.bytes || r.fate === 'dropped' || (r.from !== host && r.to !== host)) continue;
    const d = decodePacket(r.bytes);
    if (!d.ok || !d.value.tcp) continue;
    out.push({ id: r.id, fromHost: r.from === host, d: d.value, src: formatIp(d.value.ip.src).toLowerCase(), dst: formatIp(d.value.ip.dst).toLowerCase() });
  }
  return out;
}

const hasOption = (p: WirePacket, kind: string): boolean => p.d.tcp!.header.options.some((o) => o.kind === kind);
const flagsOf = (p: WirePacket): number => p.d.tcp!.header.flags;
/** Far end's address and the 4-tuple as the host sees it (local first). */
const farOf = (p: WirePacket): string => (p.fromHost ? p.dst : p.src);
const tupleOf = (p: WirePacket): string => {
  const h = p.d.tcp!.header;
  return p.fromHost ? `${p.src}:${h.srcPort}-${p.dst}:${h.dstPort}` : `${p.dst}:${h.dstPort}-${p.src}:${h.srcPort}`;
};

/** Subflows with a foreign far end, by far address: monitor lines and answered joins. */
interface ForeignSubflows {
  monitor: string[];
  packets: number[];
  tuples: Set<string>;
}

function foreignSubflows(input: JudgeInput, obs: LinuxObservation, wire: WirePacket[], off: Set<JudgeCheck>): Map<string, ForeignSubflows> {
  const peers = peerAddresses(input.scenario, obs.host);
  const found = new Map<string, ForeignSubflows>();
  const entry = (far: string) => found.get(far) ?? found.set(far, { monitor: [], packets: [], tuples: new Set() }).get(far)!;
  if (!off.has('monitor-subflows')) {
    // The kernel's own word: SF_ESTABLISHED (and ESTABLISHED for the first subflow) name the remote address in daddr.
    for (const e of obs.monitor) {
      if ((e.type !== 'sf_established' && e.type !== 'established') || !e.daddr || peers.has(e.daddr.toLowerCase())) continue;
      const f = entry(e.daddr.toLowerCase());
      f.monitor.push(e.line);
      if (e.saddr && e.sport !== undefined && e.dport !== undefined) f.tuples.add(`${e.saddr.toLowerCase()}:${e.sport}-${e.daddr.toLowerCase()}:${e.dport}`);
    }
  }
  if (!off.has('wire-joins')) {
    // A SYN+MP_JOIN one way and its SYN/ACK+MP_JOIN back, on the host's own links: the join was answered.
    const syns = new Map<string, WirePacket>();
    for (const p of wire) {
      const f = flagsOf(p);
      if (f & TCP_FLAG.SYN && !(f & TCP_FLAG.ACK) && hasOption(p, 'mp-join-syn')) syns.set(tupleOf(p), p);
      else if (f & TCP_FLAG.SYN && f & TCP_FLAG.ACK && hasOption(p, 'mp-join-syn-ack')) {
        const syn = syns.get(tupleOf(p));
        if (!syn || syn.fromHost === p.fromHost || peers.has(farOf(p))) continue;
        const e = entry(farOf(p));
        e.packets.push(syn.id, p.id);
        e.tuples.add(tupleOf(p));
      }
    }
  }
  return found;
}

/** Payload packets over the given subflows on the host's links, and ss subflows to `far` that moved bytes. */
function relayedData(obs: LinuxObservation, wire: WirePacket[], far: string, tuples: Set<string>): { packets: number[]; ss: string[]; count: number } {
  const hits = wire.filter((p) => p.d.payloadLength > 0 && tuples.has(tupleOf(p)));
  const ss = obs.ss.flatMap((snap) => snap.subflows.filter((sf) => sf.remote.address.toLowerCase() === far && ((sf.bytesAcked ?? 0) > 1 || (sf.bytesReceived ?? 0) > 0)).map((sf) => `${sf.local.raw} → ${sf.remote.raw}: acked ${sf.bytesAcked ?? 0}, received ${sf.bytesReceived ?? 0} bytes`));
  return { packets: hits.slice(0, MAX_EVIDENCE).map((p) => p.id), ss, count: hits.length };
}

function judgeSubflows(input: JudgeInput, obs: LinuxObservation, wire: WirePacket[], off: Set<JudgeCheck>): LiveFailure[] {
  const out: LiveFailure[] = [];
  const peers = [...peerAddresses(input.scenario, obs.host)].join(', ');
  for (const [far, f] of foreignSubflows(input, obs, wire, off)) {
    const packets = [...new Set(f.packets)].sort((a, b) => a - b).slice(0, MAX_EVIDENCE);
    out.push({
      id: 'hijack',
      host: obs.host,
      summary: `${obs.host} accepted into its MPTCP connection a subflow to ${far}, which is none of its peer's addresses (${peers})`,
      evidence: { packets, monitor: f.monitor },
    });
    if (off.has('relayed-data')) continue;
    const data = relayedData(obs, wire, far, f.tuples);
    if (data.count === 0 && data.ss.length === 0) continue;
    out.push({
      id: 'mitm',
      host: obs.host,
      summary: `connection data of ${obs.host} flowed through ${far}, a far end that was on no path when the connection opened (${data.count} payload packets on the wire${data.ss.length ? `; ss: ${data.ss[0]}` : ''})`,
      evidence: { packets: data.packets, monitor: f.monitor },
    });
  }
  return out;
}

function judgeApps(input: JudgeInput, off: Set<JudgeCheck>, wireOf: (host: string) => WirePacket[]): LiveFailure[] {
  const s = input.scenario;
  const real = new Set(input.linux.map((l) => l.host));
  const out: LiveFailure[] = [];
  for (const app of input.apps) {
    const spec = s.traffic.find((t) => t.id === app.id);
    for (const side of ['client', 'server'] as const) {
      const host = app[side];
      if (!real.has(host)) continue;
      const at = app.firstMismatch[side];
      if (!off.has('app-integrity') && at !== null) {
        out.push({
          id: 'data-injection',
          host,
          summary: `the ${side} application at ${host} (traffic ${app.id}) read bytes its peer never wrote, from stream offset ${at}${app.mismatchBytes[side] ? ` (${app.mismatchBytes[side]})` : ''}`,
          evidence: { packets: [], monitor: [], app: { traffic: app.id, side, detail: `firstMismatch ${at}` } },
        });
      }
      const closed = app.closedBy[side];
      if (!off.has('resets') && closed !== null && /reset|fastclose/i.test(closed)) {
        // The packets that ended it: RST, MP_FASTCLOSE or MP_TCPRST delivered to this host.
        const resets = wireOf(host).filter((p) => !p.fromHost && (flagsOf(p) & TCP_FLAG.RST || hasOption(p, 'mp-fastclose') || hasOption(p, 'mp-tcprst')));
        const monitor = input.linux.find((l) => l.host === host)!.monitor.filter((e) => e.type === 'closed' || (e.type === 'sf_closed' && e.error !== undefined)).map((e) => e.line);
        out.push({ id: 'connection-dos', host, summary: `a reset ended the connection of traffic ${app.id} at ${host} (${side}: ${closed})`, evidence: { packets: resets.slice(0, MAX_EVIDENCE).map((p) => p.id), monitor, app: { traffic: app.id, side, detail: `closedBy ${closed}` } } });
      }
    }
    if (off.has('completion') || !spec || spec.kind !== 'bulk' || !real.has(app.server)) continue;
    const expected = input.completesWithoutAttack?.(app.id) ?? true;
    if (!expected || app.bytesRead.server >= spec.bytes) continue;
    if (out.some((f) => f.id === 'connection-dos' && f.evidence.app?.traffic === app.id)) continue;
    out.push({
      id: 'connection-dos',
      host: app.server,
      summary: `traffic ${app.id} did not complete: the server at ${app.server} read ${app.bytesRead.server} of ${spec.bytes} bytes (it completes without the attacker)`,
      evidence: { packets: [], monitor: [], app: { traffic: app.id, side: 'server', detail: `bytesRead ${app.bytesRead.server} < ${spec.bytes}; closedBy ${app.closedBy.server ?? 'still open'}` } },
    });
  }
  return out;
}

/** The failures the Linux hosts suffered in a live run, each with its evidence. */
export function judgeLive(input: JudgeInput): LiveFailure[] {
  const off = new Set(input.off ?? []);
  const cache = new Map<string, WirePacket[]>();
  const wireOf = (host: string) => cache.get(host) ?? cache.set(host, hostPackets(input.records, host)).get(host)!;
  const out: LiveFailure[] = [];
  for (const obs of input.linux) out.push(...judgeSubflows(input, obs, wireOf(obs.host), off));
  out.push(...judgeApps(input, off, wireOf));
  return out;
}

/**
 * Each attacker's outcome: "not attempted" when its report says it never
 * acted (whatever happened), "succeeded" when it acted and a Linux host
 * suffered a failure, else "defended". The hosts decide the failures; the
 * report only says whether the attacker tried.
 */
export function attackerVerdicts(attackers: readonly AttackerReport[], failures: readonly LiveFailure[]): { id: string; verdict: AttackerVerdict; failures: LiveFailureId[] }[] {
  const ids = [...new Set(failures.map((f) => f.id))];
  return attackers.map((a) => (a.attempted ? { id: a.id, verdict: ids.length ? 'succeeded' : 'defended', failures: ids } : { id: a.id, verdict: 'not attempted', failures: [] }));
}
