/**
 * The verdict of a live run, judged from what the real Linux hosts did
 * (security-model.md §2), never from an attacker's log: DESIGN.md §4,
 * "monitors only observe, and only hosts". The evidence is the hosts' own
 * word (`ip mptcp monitor` events, `ss` snapshots, what their applications
 * read) and the packets they sent and received on the engine's links.
 *
 * - `hijack`: a Linux host established a subflow (monitor `sf_established`,
 *   or a SYN+MP_JOIN, SYN/ACK+MP_JOIN and third ACK on its link) whose far end
 *   is none of its real peer's addresses.
 * - `mitm`: connection data then flowed over such a subflow (payload on the
 *   wire, or bytes in `ss`): the far end relays the connection.
 * - `data-injection`: a Linux application read bytes its peer never wrote.
 * - `connection-dos`: a transfer that completes without the attacker did
 *   not complete, or a reset ended it.
 * - `eavesdrop-data`: application plaintext (a payload holding a run of the
 *   applications' byte pattern) crossed a link an attacker watches, while it
 *   watches, and the scenario has no TLS.
 * - `key-compromise`: both MP_CAPABLE keys of a connection crossed the
 *   attacker's links while it watched, and the wire's DSNs prove they are
 *   the keys the hosts used (the capture analysis verified both IDSNs).
 * - `join-dos`: with an attack-free live run as baseline, a Linux host
 *   established fewer subflows to its peer than it did there, and one of
 *   its legitimate joins was refused or never completed.
 * - `resource-exhaustion`: with the server's `nstat` counters, it answered
 *   attacker SYN+MP_JOINs from request sockets (not SYN cookies) that were
 *   never completed: half-open state per attacker packet, which single-path
 *   TCP with SYN cookies does not keep.
 * - `degradation`: a Linux host removed an address's subflows (monitor
 *   REMOVED) or made a subflow a backup (SF_PRIO backup=1) on a signal
 *   only an attacker sent. Goodput is not compared: in a live run the
 *   wall-clock driver forwards the attacker's packets too, and under a
 *   flood its own lag slowed transfers by more than the 30 % threshold
 *   (syn-flood-amplification rows), which says nothing about Linux.
 *
 * An attacker's report only says whether it acted at all: one that did not
 * is "not attempted", never "defended" (`attackerVerdicts`).
 */
import { analyzeCapture, applicationRun, cidrAddress, decodePacket, exportPcapng, formatIp, TCP_FLAG, type AnalysisReport, type AppReport, type AttackerReport, type DecodedPacket, type RunHandle, type Scenario } from '../../engine/index.ts';
import type { SsSnapshot } from './linux-observer.ts';
import { nstatDelta, parseNstat, type MptcpMonitorEvent } from './linux-view.ts';

/** The failures a live run can show from the Linux side. */
export type LiveFailureId = 'hijack' | 'mitm' | 'data-injection' | 'connection-dos' | 'eavesdrop-data' | 'key-compromise' | 'join-dos' | 'resource-exhaustion' | 'degradation';

/** One failure a Linux host suffered, with what shows it. */
export interface LiveFailure {
  id: LiveFailureId;
  /** The Linux host that suffered it. */
  host: string;
  /** The attacker it is about, when the failure is what one attacker saw (eavesdrop-data, key-compromise). */
  attacker?: string;
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
  /**
   * The host's tokens of the traffic's own connections (its applications'
   * MPTCP_INFO). With them, monitor events of other connections (an
   * attacker's own, opened to the same server) are not read as subflows.
   */
  tokens?: readonly string[];
}

/** The checks that decide verdicts; each can be switched off (tests show each one matters). */
export type JudgeCheck = 'monitor-subflows' | 'wire-joins' | 'relayed-data' | 'app-integrity' | 'completion' | 'resets' | 'seen-plaintext' | 'seen-keys' | 'baseline-joins' | 'half-open-joins' | 'forged-remove-addr' | 'forged-path-change';

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
  /**
   * A real attack-free live run of the same scenario (attackers removed):
   * what the Linux hosts did there. Without it join-dos is not judged.
   */
  baseline?: { linux: readonly LinuxObservation[]; apps: readonly AppReport[] };
  /**
   * `nstat -asz` text per Linux host, captured in its namespace before the
   * run starts and after it ends. Without the server's, resource-exhaustion
   * is not judged.
   */
  counters?: Record<string, { before: string; after: string }>;
  /** The run's capture analysis, when the caller has made it already (otherwise made here from `records`). */
  capture?: AnalysisReport;
  /** Checks switched off (default: none). */
  off?: readonly JudgeCheck[];
}

/** An attacker's outcome as a person reads it. */
export type AttackerVerdict = 'succeeded' | 'defended' | 'not attempted';

const bare = (cidr: string): string => cidrAddress(cidr).toLowerCase();

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
  timeUs: number;
  bytes: Uint8Array;
  /** The Linux host sent it (else it was delivered to the host). */
  fromHost: boolean;
  /** An attacker made it (`forgedIds`). */
  forged: boolean;
  d: DecodedPacket;
  src: string;
  dst: string;
}

/** The TCP packets that left or reached `host` on its links (dropped ones never reached it). */
function hostPackets(records: RunHandle['records'], host: string, forged: ReadonlySet<number>): WirePacket[] {
  const out: WirePacket[] = [];
  for (const r of records) {
    if (!r.bytes || r.fate === 'dropped' || (r.from !== host && r.to !== host)) continue;
    const d = decodePacket(r.bytes);
    if (!d.ok || !d.value.tcp) continue;
    out.push({ id: r.id, timeUs: r.timeUs, bytes: r.bytes, fromHost: r.from === host, forged: forged.has(r.id), d: d.value, src: formatIp(d.value.ip.src).toLowerCase(), dst: formatIp(d.value.ip.dst).toLowerCase() });
  }
  return out;
}

/** Ids of the packets an attacker made (their first record is 'injected'; a router's forward of one keeps its id). */
function forgedIds(records: RunHandle['records']): Set<number> {
  return new Set(records.filter((r) => r.fate === 'injected').map((r) => r.id));
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
    const mine = obs.tokens ? new Set(obs.tokens.map((t) => t.toLowerCase().padStart(8, '0'))) : null;
    for (const e of obs.monitor) {
      if ((e.type !== 'sf_established' && e.type !== 'established') || !e.daddr || peers.has(e.daddr.toLowerCase())) continue;
      // Another connection to the same host (an attacker may open its own, as any client may) is no subflow of this one.
      if (mine && e.token && !mine.has(e.token.toLowerCase().padStart(8, '0'))) continue;
      const f = entry(e.daddr.toLowerCase());
      f.monitor.push(e.line);
      if (e.saddr && e.sport !== undefined && e.dport !== undefined) f.tuples.add(`${e.saddr.toLowerCase()}:${e.sport}-${e.daddr.toLowerCase()}:${e.dport}`);
    }
  }
  if (!off.has('wire-joins')) {
    // A SYN+MP_JOIN one way, its SYN/ACK+MP_JOIN back and the initiator's third ACK (MP_JOIN's HMAC), on the
    // host's own links: the join completed. An answered SYN alone is a half-open join (a flood's), not a subflow.
    const syns = new Map<string, WirePacket>();
    const answers = new Map<string, WirePacket>();
    for (const p of wire) {
      const f = flagsOf(p);
      const t = tupleOf(p);
      if (f & TCP_FLAG.SYN && !(f & TCP_FLAG.ACK) && hasOption(p, 'mp-join-syn')) syns.set(t, p);
      else if (f & TCP_FLAG.SYN && f & TCP_FLAG.ACK && hasOption(p, 'mp-join-syn-ack')) {
        const syn = syns.get(t);
        if (syn && syn.fromHost !== p.fromHost && !peers.has(farOf(p))) answers.set(t, p);
      } else if (!(f & TCP_FLAG.SYN) && hasOption(p, 'mp-join-ack')) {
        const syn = syns.get(t);
        const answer = answers.get(t);
        if (!syn || !answer || p.fromHost !== syn.fromHost) continue;
        answers.delete(t);
        const e = entry(farOf(p));
        e.packets.push(syn.id, answer.id, p.id);
        e.tuples.add(t);
      }
    }
  }
  return found;
}

/** Payload packets over the given subflows on the host's links, and ss subflows to `far` that moved bytes. */
/**
 * The connection's own data on a foreign subflow: payloads that carry what
 * an application wrote (the traffic's byte pattern). A relay re-sends the
 * peer's bytes from its own address (its packets are the attacker's, their
 * bytes the peer's); data an attacker made up is injection, not a relay.
 */
function relayedData(obs: LinuxObservation, wire: WirePacket[], far: string, tuples: Set<string>): { packets: number[]; ss: string[]; count: number } {
  const hits = wire.filter((p) => p.d.payloadLength > 0 && tuples.has(tupleOf(p)) && applicationRun(payloadOf(p)) !== null);
  const ss = hits.length === 0 ? [] : obs.ss.flatMap((snap) => snap.subflows.filter((sf) => sf.remote.address.toLowerCase() === far && ((sf.bytesAcked ?? 0) > 1 || (sf.bytesReceived ?? 0) > 0)).map((sf) => `${sf.local.raw} → ${sf.remote.raw}: acked ${sf.bytesAcked ?? 0}, received ${sf.bytesReceived ?? 0} bytes`));
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
    if (data.count === 0) continue;
    out.push({
      id: 'mitm',
      host: obs.host,
      summary: `connection data of ${obs.host} flowed through ${far}, a far end that was on no path when the connection opened (${data.count} payload packets on the wire${data.ss.length ? `; ss: ${data.ss[0]}` : ''})`,
      evidence: { packets: data.packets, monitor: f.monitor },
    });
  }
  return out;
}

/** The scenario aborts this traffic itself (an app-abort action): a RST or MP_FASTCLOSE is then what it asked for. */
const abortedByScenario = (s: Scenario, traffic: string): boolean => s.actions.some((a) => a.kind === 'app-abort' && a.traffic === traffic);

/** Whether the attack-free run's connection ended at `side` with a reset too (undefined without a baseline). */
function endedInBaseline(input: JudgeInput, traffic: string, side: 'client' | 'server'): boolean | undefined {
  const app = input.baseline?.apps.find((a) => a.id === traffic);
  return app ? /reset|fastclose|abort/i.test(app.closedBy[side] ?? '') : undefined;
}

/** Whether the attack-free run's server read the whole transfer (undefined without a baseline). */
function completedInBaseline(input: JudgeInput, traffic: string): boolean | undefined {
  const spec = input.scenario.traffic.find((t) => t.id === traffic);
  const app = input.baseline?.apps.find((a) => a.id === traffic);
  if (!app || spec?.kind !== 'bulk') return undefined;
  return app.bytesRead.server >= spec.bytes;
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
        // An end the scenario itself makes (its app-abort), or the attack-free run's too, is the attacker's only if it forged one of those packets.
        const expected = abortedByScenario(s, app.id) || endedInBaseline(input, app.id, side) === true;
        if (expected && !resets.some((p) => p.forged)) continue;
        const monitor = input.linux.find((l) => l.host === host)!.monitor.filter((e) => e.type === 'closed' || (e.type === 'sf_closed' && e.error !== undefined)).map((e) => e.line);
        out.push({ id: 'connection-dos', host, summary: `a reset ended the connection of traffic ${app.id} at ${host} (${side}: ${closed})`, evidence: { packets: resets.slice(0, MAX_EVIDENCE).map((p) => p.id), monitor, app: { traffic: app.id, side, detail: `closedBy ${closed}` } } });
      }
    }
    if (off.has('completion') || !spec || spec.kind !== 'bulk' || !real.has(app.server)) continue;
    const expected = input.completesWithoutAttack?.(app.id) ?? completedInBaseline(input, app.id) ?? !abortedByScenario(s, app.id);
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

/** Which host owns an address (scenario hosts only; routers and attackers' own addresses are none). */
const hostOfAddress = (s: Scenario, address: string): string | undefined => s.hosts.find((h) => addressesOf(s, h.id).has(address.toLowerCase()))?.id;

/** The links an attacker watches: its `at` links, and every link of a router it names (as the engine taps them). */
function watchedLinks(s: Scenario, at: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const id of at) {
    if (s.links.some((l) => l.id === id)) out.add(id);
    for (const l of s.links) if (l.a.startsWith(`${id}.`) || l.b.startsWith(`${id}.`)) out.add(l.id);
  }
  return out;
}

/** A packet an attacker saw: on its links, inside its window, not one an attacker made. */
interface SeenPacket {
  id: number;
  d: DecodedPacket;
  bytes: Uint8Array;
  /** The node that put it on the link. */
  from: string;
}

/**
 * What each attacker saw on the wire, once per packet (a packet keeps its
 * id across hops). Off-path attackers see nothing; a partial-time one only
 * inside its window, as the engine's taps do (Attacker.seesPackets).
 * Injected packets are left out: an attacker knows what it forged.
 */
function seenBy(input: JudgeInput): Map<string, SeenPacket[]> {
  const out = new Map<string, SeenPacket[]>();
  for (const a of input.scenario.attackers) {
    const seen: SeenPacket[] = [];
    out.set(a.id, seen);
    if (a.location === 'off-path') continue;
    const links = watchedLinks(input.scenario, a.at);
    const ids = new Set<number>();
    for (const r of input.records) {
      if (!r.bytes || r.fate === 'injected' || !links.has(r.link) || ids.has(r.id)) continue;
      if (a.window && (r.timeUs < a.window.fromUs || r.timeUs >= a.window.toUs)) continue;
      const d = decodePacket(r.bytes);
      if (!d.ok || !d.value.tcp) continue;
      ids.add(r.id);
      seen.push({ id: r.id, d: d.value, bytes: r.bytes, from: r.from });
    }
  }
  return out;
}

const payloadOf = (p: Pick<SeenPacket, 'd' | 'bytes'>): Uint8Array => p.bytes.subarray(p.d.payloadOffset, p.d.payloadOffset + p.d.payloadLength);

/** eavesdrop-data: per attacker and per Linux host whose application wrote them, the plaintext payloads it saw. */
function judgeEavesdrop(input: JudgeInput, seen: Map<string, SeenPacket[]>): LiveFailure[] {
  // With TLS the payloads are records; the engine's monitor finds no run in them either (security-model.md §2).
  if (input.scenario.mptcp.mitigations.includes('tls')) return [];
  const real = new Set(input.linux.map((l) => l.host));
  const out: LiveFailure[] = [];
  for (const [attacker, packets] of seen) {
    const byHost = new Map<string, SeenPacket[]>();
    for (const p of packets) {
      if (p.d.payloadLength === 0 || applicationRun(payloadOf(p)) === null) continue;
      // A packet the attacker rewrote on this link (a relay) is recorded with its new source; the host that sent it is the link's sender.
      const host = real.has(p.from) ? p.from : hostOfAddress(input.scenario, formatIp(p.d.ip.src));
      if (host && real.has(host)) byHost.set(host, [...(byHost.get(host) ?? []), p]);
    }
    for (const [host, plain] of byHost) {
      const bytes = plain.reduce((n, p) => n + p.d.payloadLength, 0);
      out.push({
        id: 'eavesdrop-data',
        host,
        attacker,
        summary: `${attacker} saw application data of ${host} in clear: ${plain.length} of the ${packets.length} packets it watched (${bytes} payload bytes) held bytes ${host}'s application wrote; neither TCP nor MPTCP encrypts the byte stream`,
        evidence: { packets: plain.slice(0, MAX_EVIDENCE).map((p) => p.id), monitor: [] },
      });
    }
  }
  return out;
}

/** The packets among `packets` whose MP_CAPABLE carries `key` (as sender's or receiver's key). */
function carrying(packets: readonly SeenPacket[], key: bigint): SeenPacket[] {
  return packets.filter((p) => p.d.tcp!.header.options.some((o) => o.kind === 'mp-capable' && (o.senderKey === key || o.receiverKey === key)));
}

/** An endpoint as the capture analysis prints it (`198.18.1.1:40000`, `[2001:db8::1]:80`): its address. */
const endpointAddress = (text: string): string => text.slice(0, text.lastIndexOf(':')).replace(/^\[|\]$/g, '');

/**
 * key-compromise: both keys of a connection crossed the attacker's links
 * while it watched, and the capture analysis verified both IDSNs against
 * the DSNs on the wire: they are the keys the hosts used, not a forgery.
 */
function judgeKeys(input: JudgeInput, seen: Map<string, SeenPacket[]>): LiveFailure[] {
  if (![...seen.values()].some((p) => p.length)) return [];
  const real = new Set(input.linux.map((l) => l.host));
  const out: LiveFailure[] = [];
  for (const c of (input.capture ?? analyzeCapture(exportPcapng(input.records))).connections) {
    if (c.clientKey === null || c.serverKey === null || c.clientIdsnVerified !== true || c.serverIdsnVerified !== true) continue;
    const client = hostOfAddress(input.scenario, endpointAddress(c.client));
    const server = hostOfAddress(input.scenario, endpointAddress(c.server));
    const host = client && real.has(client) ? client : server && real.has(server) ? server : undefined;
    if (!host) continue;
    for (const [attacker, packets] of seen) {
      const mine = carrying(packets, BigInt(`0x${c.clientKey}`));
      const theirs = carrying(packets, BigInt(`0x${c.serverKey}`));
      if (!mine.length || !theirs.length) continue;
      const ids = [...new Set([mine[0]!.id, theirs[0]!.id])].sort((a, b) => a - b);
      out.push({
        id: 'key-compromise',
        host,
        attacker,
        summary: `${attacker} read both keys of the MPTCP v${c.version} connection ${c.client} → ${c.server}: the client's ${c.clientKey} and the server's ${c.serverKey} (MP_CAPABLE sends them in clear), the keys whose IDSNs the DSNs on the wire confirm; with both it can compute every MP_JOIN and ADD_ADDR HMAC`,
        evidence: { packets: ids, monitor: [] },
      });
    }
  }
  return out;
}

/** How long a join SYN may go unanswered, the connection still running, before it counts as kept out: Linux's first SYN retransmission comes after 1 s. */
const JOIN_GIVEN_UP_US = 1_000_000;

/** The host's `sf_established` events to one of its real peer's addresses. */
function legitimateSubflows(s: Scenario, obs: LinuxObservation): MptcpMonitorEvent[] {
  const peers = peerAddresses(s, obs.host);
  return obs.monitor.filter((e) => e.type === 'sf_established' && e.daddr !== undefined && peers.has(e.daddr.toLowerCase()));
}

/**
 * join-dos: a Linux host established fewer subflows to its peer than in the
 * attack-free run, and a legitimate join was refused or never completed: a
 * SYN+MP_JOIN to or from the peer (on the wire) whose subflow the monitor
 * never reported established and which was reset, or left unanswered for
 * more than a second while the connection went on; or a subflow to the
 * peer closed with an error.
 * Fewer subflows alone is not enough: whether Linux tries an ADD_ADDR's join
 * before a short transfer ends varies from run to run (real baselines of the
 * same scenario showed 1 and 2), and a join never tried was not refused.
 */
function judgeJoins(input: JudgeInput, wireOf: (host: string) => WirePacket[]): LiveFailure[] {
  const base = input.baseline;
  if (!base) return [];
  const out: LiveFailure[] = [];
  for (const obs of input.linux) {
    const before = base.linux.find((l) => l.host === obs.host);
    if (!before) continue;
    const expected = legitimateSubflows(input.scenario, before).length;
    const got = legitimateSubflows(input.scenario, obs);
    if (got.length >= expected) continue;
    const peers = peerAddresses(input.scenario, obs.host);
    const done = new Set(got.map((e) => `${e.saddr?.toLowerCase()}:${e.sport}-${e.daddr?.toLowerCase()}:${e.dport}`));
    const wire = wireOf(obs.host);
    const lastUs = wire.reduce((t, p) => Math.max(t, p.timeUs), 0);
    // Refused (a reset on its four-tuple), or left unanswered while the connection went on for a SYN timeout and
    // more; a join still open when a short transfer ended was neither (whether Linux tries it in time varies).
    // Only a reset from the far side refuses a join: a Linux client resets its own join when the SYN/ACK comes
    // before its connection is fully established (mptcp_finish_join, net/mptcp/protocol.c: MPTCP_RST_EMPTCP),
    // attacked or not, which is its own race and no attacker's doing.
    const refusedOrIgnored = (syn: WirePacket) =>
      wire.some((p) => tupleOf(p) === tupleOf(syn) && flagsOf(p) & TCP_FLAG.RST && p.fromHost !== syn.fromHost) ||
      (!wire.some((p) => tupleOf(p) === tupleOf(syn) && flagsOf(p) & TCP_FLAG.SYN && flagsOf(p) & TCP_FLAG.ACK) && lastUs - syn.timeUs > JOIN_GIVEN_UP_US);
    const failed = wire.filter((p) => flagsOf(p) & TCP_FLAG.SYN && !(flagsOf(p) & TCP_FLAG.ACK) && hasOption(p, 'mp-join-syn') && peers.has(farOf(p)) && !done.has(tupleOf(p)) && refusedOrIgnored(p));
    const errors = obs.monitor.filter((e) => e.type === 'sf_closed' && e.error !== undefined && e.error !== 0 && e.daddr !== undefined && peers.has(e.daddr.toLowerCase()));
    if (failed.length === 0 && errors.length === 0) continue;
    out.push({
      id: 'join-dos',
      host: obs.host,
      summary: `${obs.host} established ${got.length} subflow${got.length === 1 ? '' : 's'} to its peer where the attack-free run established ${expected}: ${failed.length ? `${failed.length} legitimate SYN+MP_JOIN never became a subflow` : `${errors.length} subflow to the peer closed with an error`}`,
      evidence: { packets: failed.slice(0, MAX_EVIDENCE).map((p) => p.id), monitor: [...errors, ...got].map((e) => e.line) },
    });
  }
  return out;
}

/** A host's before/after counters, when both captures hold counters (a failed nstat leaves its error text). */
function countersOf(input: JudgeInput, host: string): { before: string; after: string } | undefined {
  const c = input.counters?.[host];
  return c && parseNstat(c.before).size > 0 && parseNstat(c.after).size > 0 ? c : undefined;
}

/** Injected SYN+MP_JOINs that `host` answered with a SYN/ACK+MP_JOIN and whose sender never completed the handshake. */
function halfOpenAttackerJoins(wire: WirePacket[]): WirePacket[] {
  const answered = new Set<string>();
  const completed = new Set<string>();
  for (const p of wire) {
    const f = flagsOf(p);
    if (p.fromHost && f & TCP_FLAG.SYN && f & TCP_FLAG.ACK && hasOption(p, 'mp-join-syn-ack')) answered.add(tupleOf(p));
    else if (!p.fromHost && !(f & TCP_FLAG.SYN) && f & TCP_FLAG.ACK && !(f & TCP_FLAG.RST)) completed.add(tupleOf(p));
  }
  return wire.filter((p) => !p.fromHost && p.forged && flagsOf(p) & TCP_FLAG.SYN && !(flagsOf(p) & TCP_FLAG.ACK) && hasOption(p, 'mp-join-syn') && answered.has(tupleOf(p)) && !completed.has(tupleOf(p)));
}

/**
 * resource-exhaustion: the host kept half-open join state for attacker
 * SYN+MP_JOINs. The wire shows each was answered and never completed; the
 * kernel's own counters say how many join SYNs it took (MPJoinSynRx) and
 * how many it answered statelessly (SyncookiesSent). Those answered from
 * cookies keep nothing; the rest are request sockets Linux holds until the
 * SYN/ACK retries run out — state single-path TCP with SYN cookies does not
 * keep. Judged only for hosts whose counters the input gives.
 */
function judgeHalfOpen(input: JudgeInput, wireOf: (host: string) => WirePacket[]): LiveFailure[] {
  const out: LiveFailure[] = [];
  for (const obs of input.linux) {
    const c = countersOf(input, obs.host);
    if (!c) continue;
    const delta = nstatDelta(c.before, c.after);
    const d = (name: string) => delta.get(name) ?? 0;
    const theirs = halfOpenAttackerJoins(wireOf(obs.host));
    // A lower bound: every cookie is counted against the attacker's joins, though a legitimate join may have had one.
    const kept = Math.min(theirs.length, d('MPTcpExtMPJoinSynRx')) - d('TcpExtSyncookiesSent');
    if (kept <= 0) continue;
    const drops = ['TcpExtTCPReqQFullDrop', 'TcpExtListenDrops', 'TcpExtListenOverflows', 'TcpExtTCPReqQFullDoCookies'].filter((n) => d(n) > 0).map((n) => `${n} +${d(n)}`);
    out.push({
      id: 'resource-exhaustion',
      host: obs.host,
      summary: `${obs.host} kept half-open join state for at least ${kept} of the ${theirs.length} SYN+MP_JOINs attackers injected: it answered them with SYN/ACK+MP_JOIN, none was completed, and its counters show ${d('MPTcpExtMPJoinSynRx')} join SYNs taken and ${d('TcpExtSyncookiesSent')} answered from SYN cookies (every other one is a request socket held until its SYN/ACK retries end; TCP with SYN cookies keeps nothing per SYN)${drops.length ? `; ${drops.join(', ')}` : ''}`,
      evidence: { packets: theirs.slice(0, MAX_EVIDENCE).map((p) => p.id), monitor: [] },
    });
  }
  return out;
}

/** Why a failure cannot be judged from this input. */
export interface NotJudged {
  id: LiveFailureId;
  reason: string;
}

/**
 * The failures `judgeLive` cannot decide from this input, with why: an
 * absent failure among them means "not known", never "did not happen".
 */
export function notJudgedReasons(input: JudgeInput): NotJudged[] {
  const out: NotJudged[] = [];
  if (!input.baseline) out.push({ id: 'join-dos', reason: 'no attack-free live run (baseline) to compare the subflows with' });
  const real = input.linux.map((l) => l.host);
  const servers = [...new Set(input.scenario.traffic.map((t) => t.to))].filter((h) => real.includes(h));
  const missing = servers.filter((h) => !countersOf(input, h));
  if (missing.length) out.push({ id: 'resource-exhaustion', reason: `no nstat counters from ${missing.join(', ')} before and after the run` });
  return out;
}

/** The ids of `notJudgedReasons`. */
export function notJudgedOn(input: JudgeInput): LiveFailureId[] {
  return notJudgedReasons(input).map((n) => n.id);
}

/** The failures the Linux hosts suffered in a live run, each with its evidence. */
export function judgeLive(input: JudgeInput): LiveFailure[] {
  // Failures are attacks' (security-model.md §2): a run without attackers has none, however its connections ended.
  if (input.scenario.attackers.length === 0) return [];
  const off = new Set(input.off ?? []);
  const cache = new Map<string, WirePacket[]>();
  const forged = forgedIds(input.records);
  const wireOf = (host: string) => cache.get(host) ?? cache.set(host, hostPackets(input.records, host, forged)).get(host)!;
  const out: LiveFailure[] = [];
  for (const obs of input.linux) out.push(...judgeSubflows(input, obs, wireOf(obs.host), off));
  out.push(...judgeApps(input, off, wireOf));
  const seen = off.has('seen-plaintext') && off.has('seen-keys') ? new Map<string, SeenPacket[]>() : seenBy(input);
  if (!off.has('seen-plaintext')) out.push(...judgeEavesdrop(input, seen));
  if (!off.has('seen-keys')) out.push(...judgeKeys(input, seen));
  if (!off.has('baseline-joins')) out.push(...judgeJoins(input, wireOf));
  if (!off.has('half-open-joins')) out.push(...judgeHalfOpen(input, wireOf));
  out.push(...judgeForgedSignals(input, wireOf, off));
  return out;
}

/** A path change a host made (its monitor's lines) when every packet with `option` that reached it was forged. */
interface ForgedPathChange {
  host: string;
  option: 'remove-addr' | 'mp-prio';
  monitor: string[];
  packets: number[];
}

function forgedPathChanges(input: JudgeInput, wireOf: (host: string) => WirePacket[]): ForgedPathChange[] {
  const out: ForgedPathChange[] = [];
  for (const obs of input.linux) {
    const arrivals = wireOf(obs.host).filter((p) => !p.fromHost);
    for (const [option, changed] of [
      ['remove-addr', obs.monitor.filter((e) => e.type === 'removed')],
      ['mp-prio', obs.monitor.filter((e) => e.type === 'sf_prio' && e.backup === true)],
    ] as const) {
      if (!changed.length) continue;
      const arrived = arrivals.filter((p) => hasOption(p, option));
      const theirs = arrived.filter((p) => p.forged);
      // The peer sent one too: the change may be its doing.
      if (!theirs.length || theirs.length < arrived.length) continue;
      out.push({ host: obs.host, option, monitor: changed.map((e) => e.line), packets: [...new Set(theirs.map((p) => p.id))].slice(0, MAX_EVIDENCE) });
    }
  }
  return out;
}

/**
 * Control signals only an attacker sent, acted on, as the engine's monitors
 * count them:
 * - `hijack`: a Linux host acted on a REMOVE_ADDR (its monitor says
 *   REMOVED: the path manager took the address away, closing its subflows)
 *   when every REMOVE_ADDR that reached it was one an attacker forged — the
 *   peer never sent one: a host acting on a control signal an attacker sent.
 * - `degradation`: the same removal, or a subflow made a backup (SF_PRIO
 *   backup=1) when every MP_PRIO was forged. The goodput half of the
 *   engine's monitor is not judged live (see the top of this file).
 */
function judgeForgedSignals(input: JudgeInput, wireOf: (host: string) => WirePacket[], off: Set<JudgeCheck>): LiveFailure[] {
  const changes = off.has('forged-remove-addr') && off.has('forged-path-change') ? [] : forgedPathChanges(input, wireOf);
  const out: LiveFailure[] = [];
  if (!off.has('forged-remove-addr')) {
    for (const c of changes.filter((x) => x.option === 'remove-addr')) {
      const n = c.monitor.length;
      out.push({ id: 'hijack', host: c.host, summary: `${c.host} acted on a REMOVE_ADDR an attacker forged (its path manager removed ${n} address${n === 1 ? '' : 'es'}; its peer sent none)`, evidence: { packets: c.packets, monitor: c.monitor } });
    }
  }
  if (!off.has('forged-path-change')) {
    for (const c of changes) {
      const what = c.option === 'remove-addr' ? 'removed an address and its subflows on a REMOVE_ADDR' : 'made a subflow a backup on an MP_PRIO';
      out.push({ id: 'degradation', host: c.host, summary: `${c.host} ${what} an attacker forged (its peer sent none)`, evidence: { packets: c.packets, monitor: c.monitor } });
    }
  }
  return out;
}

/**
 * Each attacker's outcome: "not attempted" when its report says it never
 * acted (whatever happened), "succeeded" when it acted and a Linux host
 * suffered a failure, else "defended". The hosts decide the failures; the
 * report only says whether the attacker tried.
 */
export function attackerVerdicts(attackers: readonly AttackerReport[], failures: readonly LiveFailure[]): { id: string; verdict: AttackerVerdict; failures: LiveFailureId[] }[] {
  return attackers.map((a) => {
    // A failure about what one attacker saw belongs to that attacker only.
    const ids = [...new Set(failures.filter((f) => f.attacker === undefined || f.attacker === a.id).map((f) => f.id))];
    return a.attempted ? { id: a.id, verdict: ids.length ? 'succeeded' : 'defended', failures: ids } : { id: a.id, verdict: 'not attempted', failures: [] };
  });
}
