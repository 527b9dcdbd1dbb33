/**
 * One subflow of an MPTCP connection: the `TcpUpper` of a TCP endpoint.
 * It writes the MPTCP options of every segment the endpoint sends and acts
 * on the options of every segment the endpoint accepted (after TCP's own
 * checks, RFC 8684 §3). The options themselves are built in
 * `outgoing-options.ts`; received mappings are kept in `received-mappings.ts`.
 *
 * Handshakes:
 * - initial subflow, v1: SYN MP_CAPABLE(4) → SYN/ACK MP_CAPABLE(key B) →
 *   ACK MP_CAPABLE(A, B); the client's first data repeats MP_CAPABLE with a
 *   data-level length until a DSS shows the server has its key. v0: the SYN
 *   already carries key A.
 * - join: SYN MP_JOIN(token, nonce) → SYN/ACK MP_JOIN(truncated HMAC, nonce)
 *   → ACK MP_JOIN(HMAC) → fourth ACK; no data before that. A wrong HMAC or
 *   an unknown token resets the subflow with MP_TCPRST.
 *
 * Data: each chunk carries its DSS mapping (64-bit DSN, relative SSN); each
 * segment carries the DATA_ACK. Received bytes are placed in the data
 * sequence by the mappings the peer sent.
 */
import { hex32, hex64, toHex } from '../core/hex.ts';
import { joinAckHmac, joinSynAckHmac } from '../crypto/mptcp-crypto.ts';
import type { TcpState } from '../tcp/state.ts';
import type { TcpEndpoint } from '../tcp/tcp-endpoint.ts';
import type { CloseReason, DataChunk, OutgoingSegment, SentChunk, TcpUpper, TcpUpperEvent } from '../tcp/types.ts';
import { formatEndpoint, formatIp } from '../wire/ip-address.ts';
import { MPC_FLAG, type Dss, type MptcpOption } from '../wire/mptcp/types.ts';
import { expandSeq32 } from '../wire/seq.ts';
import { TCP_FLAG, type TcpHeader } from '../wire/tcp-header.ts';
import { isMptcpOption, type TcpOption } from '../wire/tcp-options.ts';
import type { MptcpConnection } from './connection.ts';
import { dss, firstDataNeedsMpc, joinAck, joinAddresses, joinSyn, joinSynAck, mpcFlags, mpcForSyn, mpcForSynAck, mpcKeys, signalOptions, type Signal } from './outgoing-options.ts';
import { addMapping, holdForChecksum, mappingAt, type ReceivedMapping } from './received-mappings.ts';
import type { SchedulableSubflow } from './scheduler.ts';
import type { SynRecord } from '../host/syn-ledger.ts';
import { TimerTable } from '../tcp/timer-table.ts';
import { canMoveJoin, type JoinCause, type JoinState } from './states.ts';
import { fastcloseKeyValid, mappingChecksumAsNegotiated, synAckHmacValid, thirdAckHmacValid } from '../host/security-checks.ts';
import type { ConnectionEventBody, SubflowEventBody, SubflowResetCause } from '../sim/events.ts';

export type SubflowKind = 'initial' | 'join';

/** How long the sender of MP_FAIL waits for the infinite mapping: Linux's TCP_RTO_MAX (120 s). */
export const MP_FAIL_TIMEOUT_US = 120_000_000;

/** Linux's net.mptcp.stale_loss_cnt default. */
export const STALE_LOSS_COUNT = 4;
export type { JoinState } from './states.ts';

/** What this subflow carried, until the DATA_ACK covers it (to resend elsewhere if the subflow fails). */
export interface SentMapping {
  dsn: bigint;
  len: number;
  fill: (buf: Uint8Array, at: number) => void;
}

/** RFC 6824 §3.5: how often v0's MP_FASTCLOSE is sent again before the subflow is reset. */
const FASTCLOSE_RETRANS_MAX = 3;

export class MptcpSubflow implements TcpUpper, SchedulableSubflow {
  readonly id: number;
  /** Set by the path manager for joins; 0 for the initial subflow (RFC 8684 §3.2). */
  localAddressId = 0;
  remoteAddressId = 0;
  /** This host asked for the subflow to be a backup (endpoint flag / MP_PRIO sent). */
  localBackup = false;
  /** The peer asked for it (B bit of its SYN or SYN/ACK, or its MP_PRIO). */
  peerBackup = false;
  /** Where this join is (`states.ts`); the initial subflow is `established` from the start. Changed only by `setJoinState`. */
  joinState: JoinState;
  localNonce = 0;
  remoteNonce = 0;
  /** MP_CAPABLE flags we sent in our SYN or SYN/ACK. */
  private ourMpcFlags = 0;
  private readonly mappings: ReceivedMapping[] = [];
  /** Mappings sent on this subflow and not yet DATA_ACKed (from `sentHead` on). */
  sentLog: SentMapping[] = [];
  sentHead = 0;

  /** Forgets what the DATA_ACK now covers. */
  pruneSent(ack: bigint): void {
    const log = this.sentLog;
    let h = this.sentHead;
    while (h < log.length && log[h]!.dsn + BigInt(log[h]!.len) <= ack) h++;
    this.sentHead = h;
    if (h > 512 && h * 2 > log.length) {
      this.sentLog = log.slice(h);
      this.sentHead = 0;
    }
  }

  /** Everything sent here and not yet DATA_ACKed; the log is emptied. */
  takeUnacknowledged(): SentMapping[] {
    const out = this.sentLog.slice(this.sentHead);
    this.sentLog = [];
    this.sentHead = 0;
    return out;
  }
  private readonly signals: Signal[] = [];
  /** DSN of the MP_FAIL this side sent on its only subflow, until the infinite mapping answers it. */
  private mpFailSent: bigint | null = null;
  private rstOptions: MptcpOption[] = [];
  /** Made at its third ACK from a cookie: no half-open state was kept for its SYN (stateless-join, or syn-cookies). */
  stateless = false;
  /**
   * Several retransmission timeouts in a row with no progress: the
   * scheduler avoids the subflow and its data went to the others (Linux's
   * `stale`, after net.mptcp.stale_loss_cnt timeouts).
   */
  stale = false;
  /** Reason for closing, when MPTCP closed it. */
  resetReason: string | null = null;
  private scratch: Uint8Array | null = null;
  /**
   * MPTCP's own timers on this subflow: the third (or, for a join, fourth)
   * ACK resent until the peer shows it arrived, v0's MP_FASTCLOSE resent
   * after each RTO, and the wait for an answer to our MP_FAIL.
   */
  private readonly timers = new TimerTable<'handshake-ack' | 'fastclose' | 'mp-fail'>(['handshake-ack', 'fastclose', 'mp-fail']);
  /** v0 MP_FASTCLOSE retransmissions so far. */
  private fastcloseRetransmissions = 0;

  constructor(
    readonly conn: MptcpConnection,
    public ep: TcpEndpoint,
    readonly kind: SubflowKind,
    /** This host sent the SYN. */
    readonly initiator: boolean,
  ) {
    this.id = conn.newSubflowId();
    this.joinState = kind === 'initial' ? 'established' : initiator ? 'syn-sent' : 'syn-received';
    // (A join's first state is where it was made; every later move goes through setJoinState.)
    if (kind === 'join') this.localNonce = conn.rng.u32();
    if (conn.lia) {
      const inPreEstablished = () => this.joinState === 'pre-established';
      const member = { get cc() { return ep.cc; }, get srttUs() { return ep.rtt.srttUs; }, get preEstablished() { return inPreEstablished(); } };
      conn.lia.members.add(member);
      ep.cc.policy = conn.lia.policyFor(member);
    }
  }

  get name(): string {
    return `${formatEndpoint(this.ep.localAddr, this.ep.localPort)}→${formatEndpoint(this.ep.remoteAddr, this.ep.remotePort)}`;
  }

  get isBackup(): boolean {
    return this.localBackup || this.peerBackup;
  }

  /** The host's record of the SYN+MP_JOIN that started this subflow (responder side). */
  synRecord: SynRecord | null = null;
  /** When this join's handshake completed (null for the initial subflow and unfinished joins). */
  joinedAtUs: number | null = null;

  /** The packet of the segment being handled (its data reaches the connection while it is). */
  private lastPacketId: number | undefined;
  /** The peer's RST closes this subflow now; nothing may answer it with another (RFC 9293 §3.5.2). */
  private resetByPeer = false;
  /** Called once with the next acceptable segment's packet id, while a keepalive probe waits for it. */
  onHeard: ((packetId: number) => void) | null = null;

  /**
   * What the connection accepted into its data stream from this subflow:
   * the ground truth of "the application's data flowed over this subflow"
   * (the mitm monitor compares the first bytes with what the peer wrote).
   */
  readonly accepted: { bytes: number; first: { dsn: bigint | null; sample: Uint8Array; packetId: number | null; atUs: number } | null } = { bytes: 0, first: null };

  /** The connection took `bytes` (new to it) at `dsn` from this subflow. */
  noteAccepted(dsn: bigint | null, bytes: Uint8Array, packetId: number | undefined): void {
    if (bytes.length === 0) return;
    this.accepted.bytes += bytes.length;
    this.accepted.first ??= { dsn, sample: bytes.slice(0, 32), packetId: packetId ?? null, atUs: this.conn.now };
  }

  /** MPTCP asked this subflow to close (address removed, connection done): no new data goes on it. */
  closing = false;

  /** Closes the subflow with a FIN once what it already carries is sent. */
  close(): void {
    this.closing = true;
    if (!this.ep.closed) this.ep.close(this.conn.now);
  }

  /** May carry data now: TCP established and, for a join, the fourth ACK seen. */
  get canCarryData(): boolean {
    const s = this.ep.state;
    if (s !== 'ESTABLISHED' && s !== 'CLOSE_WAIT') return false;
    if (this.conn.fallback) return this.kind === 'initial';
    if (this.closing) return false;
    return this.joinState === 'established' && this.conn.remoteKey !== null;
  }

  // SchedulableSubflow: read live, so scheduling allocates nothing.
  get usable(): boolean {
    // A stale subflow is used only when every subflow is stale (as Linux does).
    return this.canCarryData && (!this.stale || this.conn.allStale());
  }

  get backup(): boolean {
    return this.isBackup;
  }

  get srttUs(): number {
    return this.ep.rtt.srttUs ?? Number.MAX_SAFE_INTEGER;
  }

  get hasRoom(): boolean {
    const ep = this.ep;
    return Math.min(ep.cc.cwnd, ep.sndWnd) - ep.flightBytes >= ep.sendMss();
  }

  /** A trace event of this subflow (its connection's token and its name filled in). */
  private event(body: SubflowEventBody, packets?: number[]): void {
    this.conn.event({ ...body, subflow: this.name } as ConnectionEventBody, packets);
  }

  // ------------------------------------------------------------ output

  options(ep: TcpEndpoint, seg: OutgoingSegment): readonly TcpOption[] {
    const c = this.conn;
    switch (seg.kind) {
      case 'syn':
        if (this.kind !== 'initial') return [joinSyn(this)];
        this.ourMpcFlags = mpcFlags(c);
        return [mpcForSyn(c, this.ourMpcFlags)];
      case 'syn-ack':
        if (this.kind !== 'initial') return [joinSynAck(this)];
        if (c.fallback) return [];
        this.ourMpcFlags = mpcFlags(c) | (c.checksums ? MPC_FLAG.A : 0);
        return [mpcForSynAck(c, this.ourMpcFlags)];
      case 'rst':
        return this.takeRstOptions();
      default:
        break;
    }
    if (c.fallback) return [];
    if (seg.handshakeAck) {
      if (this.kind === 'initial') return c.role === 'client' ? [mpcKeys(c, this.payloadOf)] : [];
      this.setJoinState('pre-established', 'syn-ack-verified');
      this.retransmitThirdAckLater();
      return [joinAck(this)];
    }
    if (seg.kind === 'ack' && this.joinState === 'pre-established') {
      // The third ACK is retransmitted until the fourth arrives (RFC 8684 §3.2).
      return [joinAck(this)];
    }
    if (seg.kind === 'ack') {
      const signal = this.signals.shift();
      if (signal) return signalOptions(this, this.payloadOf, signal);
    }
    const chunk = seg.chunk;
    if (chunk && chunk.len > 0 && firstDataNeedsMpc(this, ep, chunk)) return [mpcKeys(c, this.payloadOf, chunk.len, chunk)];
    const d = dss(this, this.payloadOf, chunk);
    return d ? [d] : [];
  }

  /** A chunk's payload in a reused buffer, for its DSS checksum. */
  private readonly payloadOf = (chunk: SentChunk): Uint8Array => {
    if (!this.scratch || this.scratch.length < chunk.len) this.scratch = new Uint8Array(Math.max(chunk.len, 2048));
    chunk.fill(this.scratch, 0);
    return this.scratch.subarray(0, chunk.len);
  };

  /** Queues a signal (ADD_ADDR, REMOVE_ADDR, MP_PRIO) for the next pure ACK and sends that ACK. */
  sendSignal(option: MptcpOption): void {
    this.signals.push({ kind: 'option', option });
    this.flushSignals();
  }

  queueDataFinSignal(): void {
    if (this.signals.some((s) => s.kind === 'data-fin')) return;
    this.signals.push({ kind: 'data-fin' });
    this.flushSignals();
  }

  private flushSignals(): void {
    while (this.signals.length > 0 && !this.ep.closed) {
      const before = this.signals.length;
      this.ep.sendSignal(this.conn.now);
      if (this.signals.length === before) break;
    }
    this.conn.io.wake(this.ep);
  }

  private retransmitThirdAckLater(): void {
    this.timers.set('handshake-ack', this.conn.now + this.ep.rtt.rtoUs);
  }

  nextTimeoutUs(): number {
    return this.timers.next();
  }

  handleTimeout(now: number): void {
    const ep = this.ep;
    if (this.timers.take('handshake-ack', now) && this.joinState === 'pre-established' && !ep.closed) {
      ep.sendAck(true);
      this.conn.io.wake(ep);
      this.retransmitThirdAckLater();
    }
    if (this.timers.take('fastclose', now)) this.fastcloseOnAck();
    if (this.timers.take('mp-fail', now) && !this.conn.fallback && !ep.closed) this.reset(6, { cause: 'mp-fail-unanswered', dsn: String(this.mpFailSent) });
  }

  private takeRstOptions(): TcpOption[] {
    const o = this.rstOptions;
    this.rstOptions = [];
    return o;
  }

  /** The one way a join's state changes: an illegal move is a bug, refused at once; every move is a trace event. */
  private setJoinState(to: JoinState, cause: JoinCause, packetId?: number): void {
    const from = this.joinState;
    if (from === to) return;
    if (!canMoveJoin(from, to)) throw new Error(`MPTCP join ${this.name}: illegal move ${from} → ${to} (${cause})`);
    this.joinState = to;
    if (this.kind === 'join') this.event({ kind: 'mptcp-join-state', from, to, cause }, packetId === undefined ? undefined : [packetId]);
  }

  // ------------------------------------------------------------ resets

  /** Resets this subflow, with MP_TCPRST and `reason` in v1 (RFC 8684 §3.6). */
  reset(reasonCode: number, why: SubflowResetCause, packetId?: number): void {
    this.resetReason = why.cause;
    if (this.joinState !== 'established') this.setJoinState('failed', why.cause, packetId);
    this.event({ kind: 'mptcp-subflow-reset', ...why, mpTcpRst: this.conn.version === 1 ? reasonCode : null }, packetId ? [packetId] : undefined);
    if (this.conn.version === 1) this.rstOptions = [...this.rstOptions, { kind: 'mp-tcprst', transient: false, reserved: 0, reason: reasonCode }];
    this.ep.abort(this.conn.now, []);
    this.conn.io.wake(this.ep);
  }

  /** RST carrying MP_FASTCLOSE with the peer's key (v1 Option R; Linux's way; RFC 8684 §3.5). */
  abortWithFastclose(): void {
    if (this.ep.closed) return;
    const c = this.conn;
    this.rstOptions = [{ kind: 'mp-fastclose', receiverKey: c.remoteKey ?? 0n, reserved: 0 }];
    if (c.version === 1) this.rstOptions.push({ kind: 'mp-tcprst', transient: false, reserved: 0, reason: 0 });
    this.ep.abort(c.now);
    c.io.wake(this.ep);
  }

  /**
   * v0's MP_FASTCLOSE (RFC 6824 §3.5): on an ACK, sent again after each RTO
   * of this subflow until the peer's RST closes it, at most
   * FASTCLOSE_RETRANS_MAX times (the RFC's recommended 3), then a RST.
   */
  fastcloseOnAck(): void {
    if (this.ep.closed) return;
    const c = this.conn;
    if (this.fastcloseRetransmissions > FASTCLOSE_RETRANS_MAX) {
      this.resetQuietly();
      return;
    }
    this.sendSignal({ kind: 'mp-fastclose', receiverKey: c.remoteKey ?? 0n, reserved: 0 });
    this.timers.set('fastclose', c.now + this.ep.rtt.rtoUs);
    this.fastcloseRetransmissions++;
  }

  resetQuietly(): void {
    if (this.ep.closed || this.resetByPeer) return;
    if (this.conn.version === 1) this.rstOptions = [{ kind: 'mp-tcprst', transient: false, reserved: 0, reason: 0 }];
    this.ep.abort(this.conn.now);
    this.conn.io.wake(this.ep);
  }

  // ------------------------------------------------------------ input

  /** TCP's drained events, in order (`tcp/dispatch-events.ts`). */
  handle(ep: TcpEndpoint, e: TcpUpperEvent, now: number): void {
    this.conn.at(now);
    switch (e.kind) {
      case 'segment':
        this.onSegment(ep, e.header, e.packetId);
        break;
      case 'data':
        // A segment this subflow reset for (a bad HMAC, unmapped data) delivers nothing more.
        if (!ep.closed) this.onData(e.payload, e.relSeq);
        break;
      case 'acked':
        this.onAcked();
        break;
      case 'rto':
        this.onRetransmitTimeout(e.inRow);
        break;
      case 'peer-fin':
        if (!ep.closed) this.onPeerFin();
        break;
      case 'state':
        this.onStateChange(e.to);
        break;
      case 'closed':
        this.onClosed(e.reason);
        break;
    }
  }

  private onSegment(ep: TcpEndpoint, h: TcpHeader, packetId: number): void {
    this.lastPacketId = packetId;
    // A keepalive probe waits for any acceptable segment but a RST (remove-addr-probe, path-manager.ts).
    const heard = this.onHeard;
    if (heard && !(h.flags & TCP_FLAG.RST)) {
      this.onHeard = null;
      heard(packetId);
    }
    const c = this.conn;
    const f = h.flags;
    if (f & TCP_FLAG.RST) {
      this.resetByPeer = true;
      const r = h.options.find((o) => o.kind === 'mp-tcprst');
      if (r) this.event({ kind: 'mptcp-tcprst-received', reason: r.reason, transient: r.transient }, [packetId]);
      const fc = h.options.find((o) => o.kind === 'mp-fastclose');
      if (fc) this.onFastclose(fc.receiverKey, packetId);
      const fail = h.options.find((o) => o.kind === 'mp-fail');
      if (fail) this.event({ kind: 'mptcp-fail-received', dsn: fail.dsn.toString(), onRst: true }, [packetId]);
      return;
    }
    if (this.kind === 'initial') this.initialHandshake(h, packetId);
    else if (!this.joinHandshake(h, packetId)) return;
    if (c.fallback || ep.closed) return;
    this.checkAckWithoutDataAck(ep, h, packetId);
    if (c.fallback) return;
    for (const o of h.options) if (isMptcpOption(o)) this.onOption(o, h, packetId);
  }

  private initialHandshake(h: TcpHeader, packetId: number): void {
    const c = this.conn;
    if (c.fallback) return;
    const mpc = h.options.find((o) => o.kind === 'mp-capable');
    if (h.flags & TCP_FLAG.SYN) {
      // Our SYN/ACK's answer on the client.
      if (!mpc || !this.validMpc(mpc, true) || mpc.senderKey === undefined) {
        c.enterFallback({ cause: 'synack-without-mpc', subflow: this.name }, packetId);
        return;
      }
      c.learnRemoteKey(mpc.senderKey);
      c.checksums = ((this.ourMpcFlags | mpc.flags) & MPC_FLAG.A) !== 0;
      this.event({ kind: 'mptcp-capable', version: mpc.version, serverKey: hex64(mpc.senderKey), remoteToken: hex32(c.remoteToken!), checksums: c.checksums }, [packetId]);
      c.establish(packetId);
      // RFC 8684 §3.1 C flag (Linux subflow_finish_connect: remote_deny_join_id0).
      if (c.version === 1 && mpc.flags & MPC_FLAG.C) c.notePeerDeniesJoinId0('syn-ack', packetId);
      return;
    }
    if (c.role !== 'server') {
      // Linux (check_fully_established): before the server's first DSS, an in-sequence segment with
      // neither a DSS nor a new ADD_ADDR means the server fell back; so does the client.
      if (!c.fullyEstablished && !h.options.some((o) => o.kind === 'dss' || (o.kind === 'add-addr' && !o.echo))) {
        c.enterFallback({ cause: 'first-segment-without-dss', subflow: this.name }, packetId);
      }
      return;
    }
    if (!c.fullyEstablished) {
      // The server's first ACK from the client: the third ACK, or the first data with MP_CAPABLE.
      if (!mpc || mpc.receiverKey === undefined || mpc.senderKey === undefined) {
        const dss = h.options.some((o) => o.kind === 'dss');
        if (dss && c.remoteKey !== null) {
          // v0 (or syn-cookies): the key came with the SYN, so a DSS completes the handshake.
          c.fullyEstablished = true;
          this.event({ kind: 'mptcp-fully-established', via: 'first-dss' }, [packetId]);
          c.establish(packetId);
          c.pm.onFullyEstablished(c);
          return;
        }
        c.enterFallback({ cause: dss ? 'dss-without-client-key' : 'third-ack-without-mpc', subflow: this.name }, packetId);
        return;
      }
      if (mpc.receiverKey !== c.localShare || (c.remoteShare !== null && mpc.senderKey !== c.remoteShare)) {
        this.event({ kind: 'mptcp-mpc-ignored', senderKey: hex64(mpc.senderKey), receiverKey: hex64(mpc.receiverKey) }, [packetId]);
        return;
      }
      c.learnRemoteKey(mpc.senderKey);
      c.fullyEstablished = true;
      this.event({ kind: 'mptcp-fully-established', via: 'third-ack', clientKey: hex64(mpc.senderKey) }, [packetId]);
      c.establish(packetId);
      c.pm.onFullyEstablished(c);
    }
    // The client's first data may repeat MP_CAPABLE with a data-level length: an implicit mapping at IDSN + 1, SSN 1.
    if (mpc?.dataLength !== undefined && mpc.dataLength > 0 && mpc.senderKey === c.remoteShare) {
      addMapping(this.mappings, { ssn: 1, dsn: c.remoteIdsn! + 1n, len: mpc.dataLength, ...(mpc.checksum !== undefined ? { dataLength: mpc.dataLength, checksum: mpc.checksum } : {}) });
    }
  }

  private validMpc(mpc: Extract<MptcpOption, { kind: 'mp-capable' }>, synAck: boolean): boolean {
    const c = this.conn;
    // One crypto bit, H; B clear (RFC 8684 §3.1; Linux mptcp_parse_option).
    if ((mpc.flags & 0x1f) !== MPC_FLAG.H || mpc.flags & MPC_FLAG.B) return false;
    return synAck ? mpc.version === c.version : true;
  }

  /** Returns false when the segment ended the subflow. */
  private joinHandshake(h: TcpHeader, packetId: number): boolean {
    const c = this.conn;
    if (this.joinState === 'syn-sent' && h.flags & TCP_FLAG.SYN) {
      const sa = h.options.find((o) => o.kind === 'mp-join-syn-ack');
      if (!sa) {
        this.reset(1, { cause: 'synack-without-join' }, packetId);
        return false;
      }
      this.remoteNonce = sa.nonce;
      this.remoteAddressId = sa.addressId;
      this.peerBackup = sa.backup;
      const expected = joinSynAckHmac(c.settings.mac, c.remoteKey!, c.localKey, sa.nonce, this.localNonce, joinAddresses(this));
      if (!synAckHmacValid(expected, sa.truncatedHmac)) {
        this.reset(1, { cause: 'synack-hmac-mismatch', received: hex64(sa.truncatedHmac), expected: hex64(expected) }, packetId);
        return false;
      }
      this.event({ kind: 'mptcp-join-synack-ok' }, [packetId]);
      return true;
    }
    if (this.joinState === 'syn-received') {
      if (this.synRecord) this.synRecord.answered = true;
      const a = h.options.find((o) => o.kind === 'mp-join-ack');
      if (!a) {
        this.reset(1, { cause: 'third-ack-without-join' }, packetId);
        return false;
      }
      const expected = joinAckHmac(c.settings.mac, c.remoteKey!, c.localKey, this.remoteNonce, this.localNonce, joinAddresses(this));
      if (!thirdAckHmacValid(expected, a.hmac)) {
        this.reset(1, { cause: 'third-ack-hmac-mismatch', received: toHex(a.hmac).slice(0, 16), expected: toHex(expected).slice(0, 16) }, packetId);
        return false;
      }
      const limit = c.settings.pathManager.limits.subflows;
      if (c.extraSubflows >= limit) {
        this.reset(3, { cause: 'subflow-limit', limit }, packetId);
        return false;
      }
      c.extraSubflows++;
      if (this.synRecord) this.synRecord.completed = true;
      this.setJoinState('established', 'third-ack-verified', packetId);
      c.joinCompleted(this);
      this.event({ kind: 'mptcp-join-accepted', remoteAddressId: this.remoteAddressId, backup: this.peerBackup }, [packetId]);
      // The fourth ACK tells the initiator it may send data.
      this.ep.sendSignal(c.now);
      c.kickAll();
      return true;
    }
    if (this.joinState === 'pre-established' && h.flags & TCP_FLAG.ACK) {
      this.setJoinState('established', 'fourth-ack', packetId);
      c.joinCompleted(this);
      this.event({ kind: 'mptcp-join-established' }, [packetId]);
      c.kickAll();
    }
    return this.joinState !== 'failed';
  }

  private onOption(o: MptcpOption, h: TcpHeader, packetId: number): void {
    const c = this.conn;
    switch (o.kind) {
      case 'dss':
        this.onDss(o, packetId);
        return;
      case 'add-addr':
        c.pm.onAddAddr(c, this, o, packetId);
        return;
      case 'remove-addr':
        c.pm.onRemoveAddr(c, this, o.addressIds, packetId);
        return;
      case 'mp-prio':
        this.onMpPrio(o.backup, o.addressId, packetId);
        return;
      case 'mp-fastclose':
        this.onFastclose(o.receiverKey, packetId);
        return;
      case 'mp-fail':
        this.onMpFail(o.dsn, packetId);
        return;
      default:
        void h;
        return;
    }
  }

  private onDss(o: Dss, packetId: number): void {
    const c = this.conn;
    if (c.role === 'client' && this.kind === 'initial' && !c.fullyEstablished) {
      c.fullyEstablished = true;
      c.pm.onFullyEstablished(c);
    }
    if (o.dataAck !== undefined) c.onDataAck(o.dataAck64 ? o.dataAck : expandSeq32(c.sndUna, Number(o.dataAck)));
    const m = o.mapping;
    if (!m) return;
    if (o.dsn64) c.peerUses64 = true;
    const dsn = o.dsn64 ? m.dsn : expandSeq32(c.rcvNxt ?? 0n, Number(m.dsn));
    if (m.dataLength === 0) {
      this.event({ kind: 'mptcp-infinite-mapping' }, [packetId]);
      // RFC 8684 §3.7: the peer stopped MPTCP; on the first and only subflow so do we (Linux: MAPPING_INVALID, then fallback).
      if (this.kind === 'initial' && c.subflows.length === 1) c.enterFallback({ cause: 'infinite-mapping-received', subflow: this.name }, packetId);
      return;
    }
    // RFC 8684 §3.3: checksums were negotiated for every mapping or for none; a mapping that disagrees breaks the subflow.
    if (m.dataLength > 0 && !mappingChecksumAsNegotiated(c.checksums, m.checksum !== undefined)) {
      this.reset(1, { cause: 'checksum-not-as-negotiated', negotiated: c.checksums }, packetId);
      return;
    }
    const payloadLen = m.dataLength - (o.dataFin ? 1 : 0);
    if (payloadLen > 0) addMapping(this.mappings, { ssn: m.ssn, dsn, len: payloadLen, ...(m.checksum !== undefined ? { dataLength: m.dataLength, checksum: m.checksum } : {}) });
    if (o.dataFin) c.onPeerDataFin(dsn + BigInt(payloadLen), packetId);
  }

  private onMpPrio(backup: boolean, addressId: number | undefined, packetId: number): void {
    const c = this.conn;
    // v0's address ID applies the change to every subflow using that address of the sender (RFC 6824 §3.3.8); v1 only to this subflow.
    const targets = addressId === undefined || c.version === 1 ? [this] : c.subflows.filter((s) => s.remoteAddressId === addressId);
    for (const s of targets) s.peerBackup = backup;
    this.event({ kind: 'mptcp-prio-received', backup, addressId: targets.length === 1 && targets[0] === this ? null : (addressId ?? null), subflows: targets.length }, [packetId]);
    c.kickAll();
  }

  /**
   * MP_FAIL on an ACK (the only subflow), RFC 8684 §3.7: answer with MP_FAIL
   * (its receiver "MUST also respond with an MP_FAIL") and an infinite
   * mapping, then fall back, as Linux does (send_mp_fail and
   * send_infinite_map). The echo of our own MP_FAIL needs no answer.
   */
  private onMpFail(dsn: bigint, packetId: number): void {
    const c = this.conn;
    this.event({ kind: 'mptcp-fail-received', dsn: dsn.toString(), onRst: false }, [packetId]);
    if (c.fallback || this.mpFailSent !== null) return;
    this.signals.push({ kind: 'option', option: { kind: 'mp-fail', dsn, reserved: 0 } }, { kind: 'infinite-mapping', dsn });
    this.flushSignals();
    c.enterFallback({ cause: 'mp-fail-answered', subflow: this.name }, packetId);
  }

  private onFastclose(key: bigint, packetId: number): void {
    const c = this.conn;
    if (!fastcloseKeyValid(key, c.localKey)) {
      this.event({ kind: 'mptcp-fastclose-ignored', key: hex64(key) }, [packetId]);
      return;
    }
    c.onFastclose(packetId);
  }

  private onData(payload: Uint8Array, relSeq: number): void {
    const c = this.conn;
    if (c.fallback) {
      c.receiveInOrder(payload, this, this.lastPacketId);
      return;
    }
    let pos = relSeq;
    let off = 0;
    const list = this.mappings;
    while (off < payload.length) {
      const m = mappingAt(list, pos);
      if (!m) {
        this.onUnmapped(payload.subarray(off));
        return;
      }
      const n = Math.min(payload.length - off, m.ssn + m.len - pos);
      const piece = payload.subarray(off, off + n);
      // After our MP_FAIL the payload is no longer checked: the peer is about to stop MPTCP (RFC 8684 §3.7).
      if (c.checksums && m.checksum !== undefined && this.mpFailSent === null) this.checkedPiece(m, (pos - m.ssn) | 0, piece);
      else c.receive(m.dsn + BigInt((pos - m.ssn) | 0), piece, this, this.lastPacketId);
      pos = (pos + n) >>> 0;
      off += n;
    }
  }

  /** Hands a mapping's bytes to the connection once its DSS checksum verifies. */
  private checkedPiece(m: ReceivedMapping, at: number, piece: Uint8Array): void {
    const done = holdForChecksum(m, at, piece);
    if (!done) return;
    if (done.expected === m.checksum) {
      this.deliverHeld(m, done.held);
      return;
    }
    this.onChecksumFailure(m, done.expected, done.held);
  }

  /** A mapping's held bytes, to the connection at their DSNs (from the first byte its checksum summed). */
  private deliverHeld(m: ReceivedMapping, held: readonly Uint8Array[]): void {
    let dsn = m.dsn + BigInt(m.start ?? 0);
    for (const b of held) {
      this.conn.receive(dsn, b, this, this.lastPacketId);
      dsn += BigInt(b.length);
    }
  }

  /** RFC 8684 §3.7: a DSS checksum failed, so something on this path changed the payload. */
  private onChecksumFailure(m: ReceivedMapping, expected: number, held: Uint8Array[]): void {
    const c = this.conn;
    const what = { dsn: m.dsn.toString(), bytes: m.len, checksum: m.checksum!, expected };
    const others = c.subflows.some((s) => s !== this && s.canCarryData);
    if (others || this.kind === 'join') {
      // Several subflows: reset this one with MP_FAIL; the data is not DATA_ACKed and comes again on another.
      this.rstOptions = [{ kind: 'mp-fail', dsn: m.dsn, reserved: 0 }];
      this.reset(6, { cause: 'checksum-failed', ...what });
      return;
    }
    // The only subflow: MP_FAIL on an ACK; the bytes are delivered as TCP would. The fallback comes with the
    // peer's infinite mapping (as Linux's mptcp_subflow_fail: no answer within TCP_RTO_MAX resets the subflow).
    this.event({ kind: 'mptcp-checksum-failed', ...what });
    this.mpFailSent = m.dsn;
    this.deliverHeld(m, held);
    this.sendSignal({ kind: 'mp-fail', dsn: m.dsn, reserved: 0 });
    this.timers.set('mp-fail', c.now + MP_FAIL_TIMEOUT_US);
  }

  /**
   * Data with no mapping (options stripped on the way): RFC 8684 §3.7. On
   * the only subflow all data is contiguous, so, as Linux's
   * subflow_check_data_avail does, the connection falls back and the bytes
   * continue the stream where the last mapping ended: none is lost.
   */
  private onUnmapped(rest: Uint8Array): void {
    const c = this.conn;
    if (this.kind === 'initial' && c.subflows.length === 1) {
      c.enterFallback({ cause: 'unmapped-data-only-subflow', subflow: this.name, bytes: rest.length });
      c.receiveInOrder(rest, this, this.lastPacketId);
      return;
    }
    this.reset(6, { cause: 'unmapped-data', bytes: rest.length });
  }

  /**
   * RFC 8684 §3.7: an ACK for data without a DATA_ACK (no MPTCP option at
   * all) on the first subflow, before any join, means the path drops
   * options: one final DSS with an infinite mapping (from the last DATA_ACK,
   * in case only one direction drops them), then plain TCP.
   */
  private checkAckWithoutDataAck(ep: TcpEndpoint, h: TcpHeader, packetId: number): void {
    const c = this.conn;
    if (!(h.flags & TCP_FLAG.ACK) || ((h.ack - ep.iss) >>> 0) <= 1 || h.options.some(isMptcpOption)) return;
    if (this.kind !== 'initial') {
      // RFC 8684 §3.7: on a joined subflow, data acknowledged without a DATA_ACK means the path drops
      // MPTCP options: the host MUST close that subflow with a RST (MP_TCPRST "middlebox interference").
      // (A segment with other MPTCP options passed them: an ADD_ADDR rides alone on a pure ACK, as in Linux.)
      if (this.joinState === 'established') this.reset(6, { cause: 'ack-without-data-ack', ack: h.ack }, packetId);
      return;
    }
    if (c.subflows.length !== 1 || !c.fullyEstablished) return;
    this.signals.push({ kind: 'infinite-mapping', dsn: c.sndUna });
    this.flushSignals();
    c.enterFallback({ cause: 'ack-without-data-ack', subflow: this.name }, packetId);
  }

  pull(_ep: TcpEndpoint, maxLen: number): DataChunk | null {
    return this.conn.pullFor(this, maxLen);
  }

  private onAcked(): void {
    if (!this.stale) return;
    this.stale = false;
    this.event({ kind: 'mptcp-subflow-active' });
    this.conn.kickAll();
  }

  private onRetransmitTimeout(inRow: number): void {
    const c = this.conn;
    if (this.stale || inRow < STALE_LOSS_COUNT || c.fallback || !this.canCarryData) return;
    this.stale = true;
    this.event({ kind: 'mptcp-subflow-stale', timeouts: inRow, staleLossCount: STALE_LOSS_COUNT });
    c.reinjectFrom(this);
  }

  private onPeerFin(): void {
    const c = this.conn;
    if (c.fallback) {
      c.fallbackEnd();
      return;
    }
    // The peer closed this subflow (it removed the address, or the connection is ending): close ours too.
    this.close();
  }

  private onStateChange(to: TcpState): void {
    if (to === 'ESTABLISHED' && this.kind === 'initial') this.conn.onSubflowOpen();
    // A subflow waiting out TIME_WAIT is finished for the connection.
    if (to === 'TIME_WAIT') this.conn.onSubflowClosed(this, 'fin');
  }

  private onClosed(reason: CloseReason): void {
    // A RST from the initiator frees the half-open join, as it frees a TCP SYN's (RFC 7430 §3): a real host answered.
    if (reason === 'reset-received' && this.joinState === 'syn-received' && this.synRecord) this.synRecord.answered = true;
    this.conn.onSubflowClosed(this, reason);
  }

  receiveSpace(): number {
    return this.conn.receiveSpace();
  }

  dataOptionBytes(): number {
    const c = this.conn;
    if (c.fallback) return 0;
    const dss = 4 + (c.peerUses64 ? 8 : 4) + 8 + 4 + 2 + (c.checksums ? 2 : 0);
    return (dss + 3) & ~3;
  }

  /** For reports. */
  describe(): string {
    return `${this.kind} ${this.name} (${formatIp(this.ep.localAddr)} id ${this.localAddressId} ↔ id ${this.remoteAddressId})`;
  }
}
