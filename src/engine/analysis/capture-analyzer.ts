/**
 * Walks a capture packet by packet and records what MPTCP did: which flows
 * are subflows of which connection, the keys, nonces and HMACs they carried,
 * address signalling and the notable events. It keeps no packet bytes.
 *
 * Memory is bounded (`limits.ts`): plain TCP flows are only counted; MPTCP
 * subflows live in a `FlowTable` that drops closed, idle and (past its cap)
 * least recently seen flows. When a connection's last subflow is dropped,
 * its key-dependent checks run (`connectionReport`) and it is summarised:
 * listed in full among the first `maxReportedConnections`, counted with its
 * verdicts after that; its tokens leave the token map with it. Problems and
 * per-connection lists are capped, the rest counted by code.
 */
import { deriveFromKey } from '../crypto/mptcp-crypto.ts';
import type { CapturedPacket, CaptureProblem } from '../pcap/types.ts';
import { linkLayerPayload } from '../pcap/link-layer.ts';
import { decodePacket, type DecodedPacket } from '../wire/packet.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import { isMptcpOption, type TcpOption } from '../wire/tcp-options.ts';
import type { MptcpOption } from '../wire/mptcp/types.ts';
import { MP_TCPRST_REASONS } from '../wire/mptcp/types.ts';
import { DssChecksumTracker, type ChecksumOutcome } from './dss-checksum-tracker.ts';
import { endpointId, endpointOf, flowKeyOfIds } from './endpoints.ts';
import { FlowTable, type DropReason } from './flow-table.ts';
import { HopRepeats } from './hop-repeats.ts';
import { CappedProblems, countCode, DEFAULT_ANALYSIS_LIMITS, FifoSet, RecentKeys, type AnalysisLimits } from './limits.ts';
import { otherSide, type ConnectionState, type Endpoint, type SubflowState } from './model.ts';
import type { ConnectionReport, OmittedConnections, Side } from './report-types.ts';
import { buildReport, connectionReport, tallyConnection } from './report.ts';
import type { AnalysisReport } from './report-types.ts';

export interface AnalyzerOptions {
  /**
   * Called for every packet with its decoded view, its connection and subflow when it has them (the UI's packet list and ladder use it).
   * The analyzer forgets a connection once its subflows are dropped; the objects stay valid for whoever keeps them.
   */
  onPacket?(p: CapturedPacket, decoded: DecodedPacket | null, conn: ConnectionState | null, subflow: SubflowState | null): void;
  /** Overrides of the memory bounds (tests use small ones). */
  limits?: Partial<AnalysisLimits>;
}

export class CaptureAnalyzer {
  readonly limits: Readonly<AnalysisLimits>;
  private readonly flows: FlowTable<SubflowState>;
  /** Token → the connection and side whose key hashes to it (RFC 8684 §3.2: joins name the receiver's token). */
  private readonly tokens = new Map<number, { conn: ConnectionState; side: Side }>();
  /** Joins whose token matched no known key yet, oldest first, and by token: attached when a key hashing to it appears. */
  private readonly pendingJoins = new FifoSet<SubflowState>();
  private readonly pendingByToken = new Map<number, SubflowState[]>();
  /** Reports of the first `maxReportedConnections` connections, by index, filled as each is summarised. */
  readonly connectionReports: ConnectionReport[] = [];
  connectionCount = 0;
  readonly omittedConnections: OmittedConnections = {
    count: 0,
    subflows: 0,
    idsn: { verified: 0, mismatch: 0, notCheckable: 0 },
    joinHmac: { verified: 0, mismatch: 0, notCheckable: 0 },
    addAddrHmac: { verified: 0, mismatch: 0, notCheckable: 0 },
    dssChecksum: { verified: 0, failed: 0, unchecked: 0 },
    problems: {},
  };
  readonly flowsDropped = { closed: 0, idle: 0, evicted: 0 };
  /** Recent plain TCP flow keys, oldest first: a retransmitted SYN is not a new flow. */
  private readonly plainFlows: RecentKeys<string>;
  plainTcpFlows = 0;
  private readonly hops = new HopRepeats();
  readonly problems: CappedProblems;
  /** Capture time of the next idle sweep, in seconds. */
  private nextSweepS = -Infinity;
  packets = 0;
  tcpPackets = 0;
  mptcpPackets = 0;
  cutPackets = 0;
  format: 'pcap' | 'pcapng' | null = null;

  get hopRepeats(): number {
    return this.hops.repeats;
  }

  get peakLiveFlows(): number {
    return this.flows.peak;
  }

  /** MPTCP subflows tracked now. */
  get liveFlows(): number {
    return this.flows.size;
  }

  /** MP_JOIN SYNs waiting for a key that hashes to their token. */
  get pendingJoinCount(): number {
    return this.pendingJoins.size;
  }

  constructor(private readonly options: AnalyzerOptions = {}) {
    this.limits = { ...DEFAULT_ANALYSIS_LIMITS, ...options.limits };
    this.problems = new CappedProblems(this.limits.maxProblems);
    this.plainFlows = new RecentKeys(this.limits.plainFlowMemory);
    this.flows = new FlowTable(this.limits, (sf, reason) => this.onDrop(sf, reason));
  }

  captureProblem(p: CaptureProblem): void {
    this.problems.add(p.frame, p.code, () => p.message);
  }

  packet(p: CapturedPacket): void {
    this.packets++;
    const cut = p.capturedLength < p.originalLength;
    if (cut) this.cutPackets++;
    const link = linkLayerPayload(p.linkType, p.data);
    if (!link.ok) {
      const e = link.error;
      this.problems.add(p.frame, e.code, () => e.message);
      this.options.onPacket?.(p, null, null, null);
      return;
    }
    if (link.value.network === 'other') {
      this.options.onPacket?.(p, null, null, null);
      return;
    }
    const ipBytes = p.data.subarray(link.value.offset);
    let d = decodePacket(ipBytes);
    if (!d.ok) {
      const e = d.error;
      this.problems.add(p.frame, e.code, () => `frame ${p.frame}: ${e.message}`);
      this.options.onPacket?.(p, null, null, null);
      return;
    }
    const tcp = d.value.tcp;
    if (!tcp) {
      this.reportWireProblems(p.frame, d.value);
      this.options.onPacket?.(p, d.value, null, null);
      return;
    }
    this.tcpPackets++;
    const nowS = p.tsSec + p.tsNsec * 1e-9;
    if (nowS >= this.nextSweepS) {
      this.flows.sweep(nowS);
      this.nextSweepS = nowS + 1;
    }
    const h = tcp.header;
    const ip = d.value.ip;
    // The hot path compares endpoint ids; Endpoint objects are made only when a flow starts.
    const srcId = endpointId(ip.src, h.srcPort);
    const dstId = endpointId(ip.dst, h.dstPort);
    const key = flowKeyOfIds(srcId, dstId);
    let sf = this.flows.get(key) ?? null;
    const ipId = ip.version === 4 ? ip.identification : ip.flowLabel;
    // Only pcapng names interfaces: in it, a later hop of a packet already analysed is listed, not analysed again.
    if (this.format === 'pcapng' && this.hops.isRepeat(p.interfaceId, `${key}|${ipId}|${h.seq}|${h.ack}|${h.flags}|${h.checksum}|${d.value.payloadLength}`)) {
      this.options.onPacket?.(p, d.value, sf?.conn ?? null, sf);
      return;
    }
    // ADD_ADDR reads differently in v0 and v1: decode again with the connection's version.
    if (sf?.conn && h.options.some(isAddAddrOption)) {
      const again = decodePacket(ipBytes, { version: sf.conn.version });
      // Keep the connection's reading unless it breaks an ADD_ADDR the bytes themselves read cleanly
      // (v0 hosts using RFC 8684's ADD_ADDR, the add-addr-hmac what-if).
      const breaks = again.ok && again.value.tcp?.header.options.some((o) => o.kind === 'malformed' && isAddAddrOption(o)) && h.options.some((o) => o.kind === 'add-addr');
      if (again.ok && !breaks) d = again;
    }
    const pkt = d.value;
    const options = pkt.tcp!.header.options;
    const hasMptcp = options.some(isMptcpOption);
    if (hasMptcp) this.mptcpPackets++;
    this.reportWireProblems(p.frame, pkt);

    const flags = h.flags;
    if (flags & TCP_FLAG.SYN && !(flags & TCP_FLAG.ACK)) {
      sf = this.onSyn(p.frame, key, endpointOf(ip.src, h.srcPort, srcId), endpointOf(ip.dst, h.dstPort, dstId), h.seq, options, sf, nowS);
    } else if (!sf && hasMptcp) {
      sf = this.onMidstream(p.frame, key, endpointOf(ip.src, h.srcPort, srcId), endpointOf(ip.dst, h.dstPort, dstId), options, nowS);
    }
    if (!sf) {
      this.options.onPacket?.(p, pkt, null, null);
      return;
    }
    const fromClient = srcId === sf.client.id;
    sf.touch = this.packets;
    sf.lastSeenS = nowS;
    sf.packets++;
    sf.payloadBytes += pkt.payloadLength;
    if (flags & TCP_FLAG.SYN && flags & TCP_FLAG.ACK && !fromClient) this.onSynAck(p.frame, sf, h.seq, options);
    if (sf.join && sf.join.ackHmac === null && fromClient) {
      const ack = options.find((o) => o.kind === 'mp-join-ack');
      if (ack) {
        sf.join.ackHmac = ack.hmac;
        sf.join.ackFrame = p.frame;
      }
    }
    this.trackEstablishment(p.frame, sf, fromClient, flags, options);
    const conn = sf.conn;
    if (conn) {
      const from: Side = fromClient ? sf.initiator : otherSide(sf.initiator);
      this.onOptions(p.frame, sf, conn, from, options, flags);
      this.trackChecksums(p.frame, sf, conn, fromClient, h.seq, ipBytes.subarray(pkt.payloadOffset, pkt.payloadOffset + pkt.payloadLength), cut, options);
      conn.bytesSent[from] += pkt.payloadLength;
    }
    if (flags & TCP_FLAG.FIN) {
      if (fromClient) sf.finFromClient = true;
      else sf.finFromServer = true;
    }
    if ((sf.finFromClient && sf.finFromServer) || flags & TCP_FLAG.RST) this.flows.markClosed(sf);
    this.options.onPacket?.(p, pkt, conn, sf);
  }

  private trackEstablishment(frame: number, sf: SubflowState, fromClient: boolean, flags: number, options: readonly TcpOption[]): void {
    if (flags & TCP_FLAG.RST && !sf.reset) sf.reset = { frame, from: fromClient ? sf.initiator : otherSide(sf.initiator) };
    if (sf.established || flags & TCP_FLAG.SYN || flags & TCP_FLAG.RST) return;
    if (sf.kind === 'mp-capable') sf.established = fromClient && options.some((o) => o.kind === 'mp-capable');
    else sf.established = !fromClient && (sf.join?.ackFrame ?? null) !== null && (flags & TCP_FLAG.ACK) !== 0;
  }

  finish(): AnalysisReport {
    // Every flow still open ends with the capture: its connection is summarised like any other.
    this.flows.drain();
    return buildReport(this);
  }

  /** A subflow leaves the flow table: finish its checksums; the connection's last one summarises the connection. */
  private onDrop(sf: SubflowState, reason: DropReason): void {
    sf.live = false;
    if (reason !== 'end') this.flowsDropped[reason]++;
    const conn = sf.conn;
    if (!conn) {
      this.unpendJoin(sf);
      this.unknownToken(sf);
      return;
    }
    for (const t of [sf.checksums.fromClient, sf.checksums.fromServer]) if (t) this.countChecksums(conn, t.finish());
    sf.checksums = { fromClient: null, fromServer: null };
    if (--conn.live === 0) this.summarise(conn);
  }

  /** The connection is over (no subflow left): run its checks, keep its report or its counts, forget its tokens. */
  private summarise(conn: ConnectionState): void {
    for (const t of conn.tokens) if (this.tokens.get(t)?.conn === conn) this.tokens.delete(t);
    const report = connectionReport(conn, this.limits);
    if (conn.index < this.limits.maxReportedConnections) this.connectionReports[conn.index] = report;
    else tallyConnection(this.omittedConnections, report);
  }

  private unknownToken(sf: SubflowState): void {
    const j = sf.join!;
    this.problems.add(j.synFrame, 'ANALYSIS_UNKNOWN_TOKEN', () => `frame ${j.synFrame}: MP_JOIN SYN names token ${j.token.toString(16).padStart(8, '0')}, which no key in this capture hashes to`);
  }

  private unpendJoin(sf: SubflowState): void {
    if (!this.pendingJoins.delete(sf)) return;
    const token = sf.join!.token;
    const list = this.pendingByToken.get(token)!;
    list.splice(list.indexOf(sf), 1);
    if (list.length === 0) this.pendingByToken.delete(token);
  }

  private pendJoin(sf: SubflowState): void {
    if (this.pendingJoins.size >= this.limits.maxPendingJoins) {
      // The oldest waiting join gives up: reported now, its flow no longer tracked.
      const oldest = this.pendingJoins.oldest()!;
      this.flows.remove(oldest, 'evicted');
    }
    this.pendingJoins.add(sf);
    const list = this.pendingByToken.get(sf.join!.token);
    if (list) list.push(sf);
    else this.pendingByToken.set(sf.join!.token, [sf]);
  }

  private reportWireProblems(frame: number, pkt: DecodedPacket): void {
    for (const pr of pkt.problems) {
      const code = pr.code === 'WIRE_TRUNCATED' ? 'ANALYSIS_SNAPLEN_CUT' : 'ANALYSIS_MALFORMED_OPTION';
      this.problems.add(frame, code, () => `frame ${frame}: ${pr.message} (packet byte ${pr.offset})`);
    }
  }

  private onSyn(frame: number, key: string, src: Endpoint, dst: Endpoint, isn: number, options: readonly TcpOption[], existing: SubflowState | null, nowS: number): SubflowState | null {
    // A retransmitted SYN: same flow, same ISN.
    if (existing && existing.client.id === src.id && existing.clientIsn === isn) return existing;
    // A new SYN on the same ports ends the flow that held them.
    if (existing) this.flows.remove(existing, 'closed');
    const mpc = options.find((o) => o.kind === 'mp-capable');
    const join = options.find((o) => o.kind === 'mp-join-syn');
    if (!mpc && !join) {
      this.countPlainFlow(key);
      return null;
    }
    const sf = this.newSubflow(key, src, dst, frame, isn, mpc ? 'mp-capable' : 'mp-join', nowS);
    if (mpc) {
      const conn = this.newConnection(sf, mpc.version === 0 ? 0 : 1);
      conn.synFlags = mpc.flags;
      // v0 sends the client's key on the SYN (RFC 6824 §3.1).
      if (mpc.senderKey !== undefined) this.learnKey(conn, 'client', mpc.senderKey, frame);
    } else if (join) {
      sf.join = {
        token: join.token,
        initiatorNonce: join.nonce,
        initiatorAddressId: join.addressId,
        initiatorBackup: join.backup,
        synFrame: frame,
        responderNonce: null,
        responderAddressId: null,
        responderBackup: false,
        synAckHmac: null,
        synAckFrame: null,
        ackHmac: null,
        ackFrame: null,
      };
      if (!this.attachJoin(sf)) this.pendJoin(sf);
    }
    return sf;
  }

  private countPlainFlow(key: string): void {
    if (this.plainFlows.has(key)) return;
    this.plainTcpFlows++;
    this.plainFlows.add(key);
  }

  /** A flow first seen after its SYN: only an MP_CAPABLE third ACK tells who is who. */
  private onMidstream(frame: number, key: string, src: Endpoint, dst: Endpoint, options: readonly TcpOption[], nowS: number): SubflowState | null {
    const mpc = options.find((o) => o.kind === 'mp-capable');
    if (!mpc || mpc.receiverKey === undefined) return null;
    const sf = this.newSubflow(key, src, dst, null, null, 'mp-capable', nowS);
    this.newConnection(sf, mpc.version === 0 ? 0 : 1);
    this.problems.add(frame, 'ANALYSIS_MALFORMED_OPTION', () => `frame ${frame}: MPTCP connection seen without its SYN; sides inferred from the MP_CAPABLE ACK`);
    return sf;
  }

  private newSubflow(key: string, client: Endpoint, server: Endpoint, synFrame: number | null, clientIsn: number | null, kind: SubflowState['kind'], nowS: number): SubflowState {
    const sf: SubflowState = {
      key,
      client,
      server,
      synFrame,
      clientIsn,
      serverIsn: null,
      kind,
      join: null,
      conn: null,
      initiator: 'client',
      packets: 0,
      payloadBytes: 0,
      reset: null,
      established: false,
      checksums: { fromClient: null, fromServer: null },
      index: -1,
      finFromClient: false,
      finFromServer: false,
      live: true,
      touch: this.packets,
      queuedTouch: this.packets,
      lastSeenS: nowS,
      closed: false,
      closingTouch: 0,
      prev: null,
      next: null,
      closingPrev: null,
      closingNext: null,
    };
    this.flows.add(sf);
    return sf;
  }

  private newConnection(sf: SubflowState, version: 0 | 1): ConnectionState {
    const conn: ConnectionState = {
      index: this.connectionCount++,
      version,
      initial: sf,
      synFlags: null,
      synAckFlags: null,
      clientKey: null,
      serverKey: null,
      subflows: [sf],
      addAddrs: [],
      removeAddrs: [],
      events: [],
      problems: [],
      bytesSent: { client: 0, server: 0 },
      firstMapping: { client: null, server: null },
      firstDataAck: { client: null, server: null },
      dataFinsSeen: null,
      fastcloses: [],
      checksumStats: { verified: 0, failed: 0, unchecked: 0 },
      live: 1,
      tokens: [],
      omitted: { subflows: 0, addAddrs: 0, removeAddrs: 0, events: 0, problems: {} },
    };
    sf.conn = conn;
    sf.index = 0;
    return conn;
  }

  private attachJoin(sf: SubflowState): boolean {
    const hit = this.tokens.get(sf.join!.token);
    if (!hit) return false;
    this.joinTo(sf, hit.conn, hit.side);
    return true;
  }

  private joinTo(sf: SubflowState, conn: ConnectionState, tokenSide: Side): void {
    sf.conn = conn;
    // The SYN carries the receiver's token: the initiator is the other host.
    sf.initiator = otherSide(tokenSide);
    if (sf.live) conn.live++;
    if (conn.subflows.length < this.limits.maxSubflowsPerConnection) {
      sf.index = conn.subflows.length;
      conn.subflows.push(sf);
    } else conn.omitted.subflows++;
  }

  private onSynAck(frame: number, sf: SubflowState, isn: number, options: readonly TcpOption[]): void {
    sf.serverIsn = isn;
    if (sf.kind === 'mp-capable' && sf.conn) {
      const mpc = options.find((o) => o.kind === 'mp-capable');
      const conn = sf.conn;
      if (!mpc) {
        this.event(conn, { frame, kind: 'fallback', from: 'server', subflow: 0, detail: 'SYN/ACK without MP_CAPABLE: the connection is plain TCP (RFC 8684 §3.1)' });
        return;
      }
      conn.version = mpc.version === 0 ? 0 : 1;
      conn.synAckFlags = mpc.flags;
      if (mpc.senderKey !== undefined) this.learnKey(conn, 'server', mpc.senderKey, frame);
    }
    if (sf.join) {
      const j = options.find((o) => o.kind === 'mp-join-syn-ack');
      if (!j) {
        if (sf.conn) this.connProblem(sf.conn, frame, 'ANALYSIS_MALFORMED_OPTION', () => `frame ${frame}: SYN/ACK of a join without MP_JOIN`);
        return;
      }
      sf.join.responderNonce = j.nonce;
      sf.join.responderAddressId = j.addressId;
      sf.join.responderBackup = j.backup;
      sf.join.synAckHmac = j.truncatedHmac;
      sf.join.synAckFrame = frame;
    }
  }

  private onOptions(frame: number, sf: SubflowState, conn: ConnectionState, from: Side, options: readonly TcpOption[], flags: number): void {
    const index = sf.index < 0 ? null : sf.index;
    for (const o of options) {
      if (!isMptcpOption(o)) continue;
      this.onMptcpOption(frame, sf, index, conn, from, o, flags);
    }
  }

  private onMptcpOption(frame: number, sf: SubflowState, index: number | null, conn: ConnectionState, from: Side, o: MptcpOption, flags: number): void {
    switch (o.kind) {
      case 'mp-capable':
        // Third ACK (and v1 first data): sender's key then receiver's key.
        if (o.receiverKey !== undefined && !(flags & TCP_FLAG.SYN)) {
          const senderSide = from;
          this.learnKey(conn, senderSide, o.senderKey!, frame);
          this.learnKey(conn, otherSide(senderSide), o.receiverKey, frame);
        }
        return;
      case 'dss': {
        if (o.mapping && !conn.firstMapping[from]) {
          conn.firstMapping[from] = { value: o.mapping.dsn, is64: o.dsn64, bytesBefore: conn.bytesSent[from], frame };
        }
        if (o.dataAck !== undefined && !conn.firstDataAck[from]) {
          conn.firstDataAck[from] = { value: o.dataAck, is64: o.dataAck64, bytesBefore: conn.bytesSent[otherSide(from)], frame };
        }
        if (o.mapping && o.mapping.dataLength === 0) {
          this.event(conn, { frame, kind: 'fallback', from, subflow: index, detail: 'infinite mapping (data-level length 0): fallback to TCP (RFC 8684 §3.7)' });
        }
        if (o.dataFin && o.mapping) {
          const dsnFin = o.mapping.dsn + BigInt(o.mapping.dataLength) - 1n;
          const id = `${from}:${dsnFin}`;
          const seen = (conn.dataFinsSeen ??= new Set());
          if (!seen.has(id)) {
            if (seen.size < this.limits.maxConnectionEvents) seen.add(id);
            this.event(conn, { frame, kind: 'data-fin', from, subflow: index, detail: `DATA_FIN at DSN ${dsnFin}` });
          }
        }
        return;
      }
      case 'add-addr':
        if (conn.addAddrs.length < this.limits.maxConnectionAddrs) conn.addAddrs.push({ frame, from, option: o });
        else conn.omitted.addAddrs++;
        return;
      case 'remove-addr':
        if (conn.removeAddrs.length < this.limits.maxConnectionAddrs) conn.removeAddrs.push({ frame, from, addressIds: [...o.addressIds] });
        else conn.omitted.removeAddrs++;
        return;
      case 'mp-prio':
        this.event(conn, {
          frame,
          kind: 'mp-prio',
          from,
          subflow: index,
          detail: `${o.backup ? 'backup' : 'regular'} priority${o.addressId !== undefined ? ` for address ID ${o.addressId}` : ' for this subflow'}`,
        });
        return;
      case 'mp-fastclose':
        // Its verdict is written from `fastcloses` into the event, so both are kept or neither.
        if (conn.events.length < this.limits.maxConnectionEvents) conn.fastcloses.push({ frame, from, receiverKey: o.receiverKey });
        this.event(conn, { frame, kind: 'mp-fastclose', from, subflow: index, detail: 'MP_FASTCLOSE' });
        // RFC 8684 §3.5: the whole connection ends; its subflows linger only for the RSTs.
        for (const s of conn.subflows) this.flows.markClosed(s);
        return;
      case 'mp-tcprst':
        this.event(conn, {
          frame,
          kind: 'mp-tcprst',
          from,
          subflow: index,
          detail: `reason ${o.reason} (${MP_TCPRST_REASONS[o.reason] ?? 'unassigned'}), ${o.transient ? 'transient' : 'permanent'}`,
        });
        return;
      case 'mp-fail':
        this.event(conn, { frame, kind: 'mp-fail', from, subflow: index, detail: `checksum failure from DSN ${o.dsn}` });
        return;
      default:
        return;
    }
  }

  private learnKey(conn: ConnectionState, side: Side, key: bigint, frame: number): void {
    const field = side === 'client' ? 'clientKey' : 'serverKey';
    const known = conn[field];
    if (known === null) {
      conn[field] = key;
      const token = deriveFromKey(conn.version, key).token;
      if (!this.tokens.has(token)) {
        this.tokens.set(token, { conn, side });
        conn.tokens.push(token);
      }
      // Joins that named this token before its key was seen.
      const waiting = this.pendingByToken.get(token);
      if (waiting) {
        this.pendingByToken.delete(token);
        for (const sf of waiting) {
          this.pendingJoins.delete(sf);
          this.joinTo(sf, conn, side);
        }
      }
      return;
    }
    if (known !== key) {
      this.connProblem(conn, frame, 'ANALYSIS_MALFORMED_OPTION', () => `frame ${frame}: MP_CAPABLE carries a different ${side} key than before`);
    }
  }

  private connProblem(conn: ConnectionState, frame: number, code: string, message: () => string): void {
    if (conn.problems.length < this.limits.maxConnectionProblems) conn.problems.push({ frame, code, message: message() });
    else countCode(conn.omitted.problems, code);
  }

  private event(conn: ConnectionState, e: ConnectionState['events'][number]): void {
    if (conn.events.length < this.limits.maxConnectionEvents) conn.events.push(e);
    else conn.omitted.events++;
  }

  private trackChecksums(frame: number, sf: SubflowState, conn: ConnectionState, fromClient: boolean, seq: number, payload: Uint8Array, cut: boolean, options: readonly TcpOption[]): void {
    const negotiated = ((conn.synFlags ?? 0) | (conn.synAckFlags ?? 0)) & 0x80;
    if (!negotiated) return;
    const isn = fromClient ? sf.clientIsn : sf.serverIsn;
    if (isn === null) return;
    const slot = fromClient ? 'fromClient' : 'fromServer';
    // The SYN takes one sequence number: relative SSN 1 is ISN + 1.
    const tracker = (sf.checksums[slot] ??= new DssChecksumTracker(isn));
    let mapping: Parameters<DssChecksumTracker['segment']>[4] = null;
    for (const o of options) {
      // v1: MP_CAPABLE on the first data packet maps DSN = IDSN + 1, SSN = 1 (RFC 8684 §3.1).
      if (o.kind === 'mp-capable' && o.dataLength !== undefined && o.checksum !== undefined && o.senderKey !== undefined && o.dataLength > 0) {
        mapping = { dsn: deriveFromKey(conn.version, o.senderKey).idsn + 1n, ssn: 1, dataLength: o.dataLength, checksum: o.checksum, dataFin: false };
      }
      if (o.kind === 'dss' && o.mapping && o.mapping.checksum !== undefined && o.mapping.dataLength > 0) {
        if (!o.dsn64) continue; // 32-bit DSNs need expansion against the IDSN; Linux always sends 64.
        mapping = { dsn: o.mapping.dsn, ssn: o.mapping.ssn, dataLength: o.mapping.dataLength, checksum: o.mapping.checksum, dataFin: o.dataFin };
      }
    }
    this.countChecksums(conn, tracker.segment(frame, seq, payload, cut, mapping));
  }

  private countChecksums(conn: ConnectionState, outcomes: ChecksumOutcome[]): void {
    for (const c of outcomes) {
      if ('unchecked' in c) conn.checksumStats.unchecked++;
      else if (c.ok) conn.checksumStats.verified++;
      else {
        conn.checksumStats.failed++;
        this.connProblem(
          conn,
          c.frame,
          'ANALYSIS_DSS_CHECKSUM_MISMATCH',
          () => `frame ${c.frame}: DSS checksum is 0x${c.received.toString(16).padStart(4, '0')}, the mapped data gives 0x${c.expected.toString(16).padStart(4, '0')}`,
        );
      }
    }
  }
}

/** An ADD_ADDR, or an MPTCP option of subtype 3 that failed to decode (perhaps read with the wrong version). */
function isAddAddrOption(o: TcpOption): boolean {
  return o.kind === 'add-addr' || (o.kind === 'malformed' && o.type === 30 && o.raw.length > 2 && o.raw[2]! >> 4 === 3);
}

