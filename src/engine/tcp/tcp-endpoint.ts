/**
 * One TCP endpoint (RFC 9293), sans-IO: segments come in through
 * `handleSegment(now, ...)`, timers through `handleTimeout(now)`; what it
 * sends is taken with `takeOutput()` and its next deadline read from
 * `nextTimeoutUs()`. It never reads a clock and never sends by itself.
 *
 * It owns the sequence spaces, the state machine (every change through
 * `setState`), RFC 6298 retransmission, NewReno recovery, flow control with
 * window scaling, delayed ACKs, and the RFC 5961 defences blind attacks run
 * into: a RST or SYN is acted on only at exactly RCV.NXT, otherwise it earns
 * a (rate-limited) challenge ACK; ACKs outside [SND.UNA − MAX.SND.WND,
 * SND.NXT] are dropped.
 *
 * Data comes from, and goes to, a `TcpUpper` (a plain socket or an MPTCP
 * connection). Each chunk the upper gives is sent as exactly one segment and
 * retransmitted with the same bytes, so whatever the upper attached to it (a
 * DSS mapping) stays true.
 */
import type { IpAddress } from '../wire/ip-address.ts';
import { buildTcpPacket } from '../wire/build-tcp-packet.ts';
import { formatEndpoint } from '../wire/ip-address.ts';
import { seqAdd, seqDiff, seqGt, seqLt, seqLeq } from '../wire/seq.ts';
import { TCP_FLAG, type TcpHeader } from '../wire/tcp-header.ts';
import { padOptionsToWord, type TcpOption } from '../wire/tcp-options.ts';
import { synOptions, TcpNegotiation, timestampsOf, TS_OPTION_BYTES } from './negotiation.ts';
import { NewReno } from './congestion.ts';
import { Reassembly } from './reassembly.ts';
import { LossRecovery } from './loss-recovery.ts';
import { SendQueue, type TrackedChunk } from './send-queue.ts';
import { RttEstimator } from './rtt.ts';
import { TimerTable } from './timer-table.ts';
import { tooSoonAfterLast, UNLIMITED_CHALLENGE_ACKS, type ChallengeAckBudget } from './challenge-ack-limit.ts';
import { canSendData, canTransition, isSynchronized, type TcpState } from './state.ts';
import type { CloseReason, DataChunk, EventSink, OutgoingSegment, SentChunk, TcpConfig, TcpUpper, TcpUpperEvent } from './types.ts';
import type { ChallengeTrigger, TcpCause, TcpEvent } from '../sim/events.ts';
import type { DistributiveOmit } from '../core/types.ts';
import { ackOfSentData, ackRecentEnough, rstAtRcvNxt, sequenceInWindow } from '../host/security-checks.ts';

const { FIN, SYN, RST, PSH, ACK } = TCP_FLAG;

export interface TcpEndpointInit {
  localAddr: IpAddress;
  localPort: number;
  remoteAddr: IpAddress;
  remotePort: number;
  iss: number;
  config: TcpConfig;
  /** Null until a passive open's listener decides who takes it (no options, no data until then). */
  upper: TcpUpper | null;
  events: EventSink;
  /** Numbers IPv4 identification fields. */
  ipId: () => number;
  /** The host's challenge ACK budget (RFC 5961 §7), shared by its endpoints; none: no host-wide limit. */
  challengeBudget?: ChallengeAckBudget;
}

type Timer = 'retransmit' | 'delayed-ack' | 'time-wait';

export class TcpEndpoint {
  readonly localAddr: IpAddress;
  readonly localPort: number;
  readonly remoteAddr: IpAddress;
  readonly remotePort: number;
  readonly config: TcpConfig;
  upper: TcpUpper | null;
  private readonly events: EventSink;
  /** What happened for the upper, drained by the caller with `poll()` after each call returns. */
  private readonly pending: TcpUpperEvent[] = [];
  private pendingHead = 0;
  /** The third ACK of our active open, sent by the next `pump()`, once the upper has seen the SYN/ACK. */
  private handshakeAckDue = false;
  private readonly ipId: () => number;
  private readonly challengeBudget: ChallengeAckBudget;

  state: TcpState = 'CLOSED';
  /** Initial send sequence number, and the peer's (once known). */
  readonly iss: number;
  irs = 0;
  sndUna: number;
  sndNxt: number;
  /** Highest sequence number sent so far + 1. */
  sndMax: number;
  /** The peer's window in bytes (already scaled). */
  sndWnd = 0;
  private sndWl1 = 0;
  private sndWl2 = 0;
  maxSndWnd = 0;
  rcvNxt = 0;

  /** What the SYN exchange agreed, and TS.Recent. */
  private readonly opts: TcpNegotiation;

  readonly rtt = new RttEstimator();
  readonly cc: NewReno;
  private readonly recovery: LossRecovery;

  /** Chunks sent and not yet cumulatively acknowledged, with SACK and loss marks (RFC 6675). */
  private readonly queue = new SendQueue();
  private finQueued = false;
  private closeRequested = false;
  private peerFinReceived = false;

  /** Out-of-order data, and the SACK blocks describing it. */
  private readonly ooo = new Reassembly();
  private ackPending = 0;
  private ackNow = false;

  private readonly timers = new TimerTable<Timer>(['retransmit', 'delayed-ack', 'time-wait']);
  private synTransmissions = 0;
  private retransmissionsInRow = 0;
  /** When the last challenge ACK was sent (the per-socket limit). */
  private lastChallengeAckUs: number | null = null;
  private now = 0;
  private readonly output: Uint8Array[] = [];

  /** Payload bytes this endpoint delivered upward / had acknowledged. */
  bytesReceived = 0;
  bytesAcked = 0;
  segmentsRetransmitted = 0;
  /** The handshake completed at some point: the peer answered. */
  everEstablished = false;
  /** When it first reached ESTABLISHED and when it reached CLOSED (null until then): how long a half-open one was held. */
  establishedAtUs: number | null = null;
  closedAtUs: number | null = null;
  closeReason: CloseReason | null = null;

  constructor(init: TcpEndpointInit) {
    this.localAddr = init.localAddr;
    this.localPort = init.localPort;
    this.remoteAddr = init.remoteAddr;
    this.remotePort = init.remotePort;
    this.config = init.config;
    this.upper = init.upper;
    this.events = init.events;
    this.ipId = init.ipId;
    this.challengeBudget = init.challengeBudget ?? UNLIMITED_CHALLENGE_ACKS;
    this.opts = new TcpNegotiation(init.config);
    this.iss = init.iss >>> 0;
    this.sndUna = this.iss;
    this.sndNxt = this.iss;
    this.sndMax = this.iss;
    this.cc = new NewReno(this.baseMss(), init.config.initialWindowSegments);
    this.recovery = new LossRecovery(this.queue, this.cc, () => this.opts.sackOk);
  }

  get name(): string {
    return `${formatEndpoint(this.localAddr, this.localPort)}→${formatEndpoint(this.remoteAddr, this.remotePort)}`;
  }

  /** Largest segment payload the path allows before options: MTU − IP − TCP headers. */
  private baseMss(): number {
    return this.config.mtuBytes - (this.localAddr.family === 4 ? 20 : 40) - 20;
  }

  /** Payload bytes a data segment carries: the MSS less timestamps and what the upper adds (a DSS). */
  sendMss(): number {
    const own = this.opts.useTimestamps ? TS_OPTION_BYTES : 0;
    return Math.max(1, Math.min(this.opts.peerMss, this.baseMss()) - own - (this.upper?.dataOptionBytes(this) ?? 0));
  }

  // ---------------------------------------------------------------- opening

  /** Active open: sends the SYN. */
  connect(now: number): void {
    this.now = now;
    this.setState('SYN_SENT', 'active-open');
    this.sendSyn(false);
  }

  /** Passive open from a SYN the host accepted for this endpoint. */
  acceptSyn(now: number, syn: TcpHeader): void {
    this.now = now;
    this.irs = syn.seq;
    this.rcvNxt = seqAdd(syn.seq, 1);
    this.opts.readSyn(syn, this.now);
    this.updateWindow(syn, true);
    this.setState('SYN_RECEIVED', 'syn-received');
    this.sendSyn(true);
  }

  /**
   * Passive open from a SYN cookie (`syn-cookie.ts`): the listener kept
   * nothing, so the SYN's options come back from the cookie and the ACK's
   * timestamp echo. The endpoint is as it would have been after sending its
   * SYN/ACK, with this endpoint's ISN the cookie; the ACK is handled next.
   */
  restoreFromCookie(now: number, clientIsn: number, o: { mss: number; windowScale: number | null; sack: boolean; tsRecent: number | null }): void {
    this.now = now;
    this.irs = clientIsn;
    this.rcvNxt = seqAdd(clientIsn, 1);
    this.opts.restore(o, now);
    this.sndNxt = seqAdd(this.iss, 1);
    this.sndMax = this.sndNxt;
    this.synTransmissions = 1;
    this.setState('SYN_RECEIVED', 'cookie-verified');
  }

  private sendSyn(synAck: boolean): void {
    this.synTransmissions++;
    const flags = synAck ? SYN | ACK : SYN;
    this.sndNxt = seqAdd(this.iss, 1);
    if (seqGt(this.sndNxt, this.sndMax)) this.sndMax = this.sndNxt;
    const own = synOptions({
      mss: this.baseMss(),
      sack: this.config.sackPermitted && (!synAck || this.opts.sackOk),
      timestamps: this.config.timestamps && (!synAck || this.opts.useTimestamps) ? { tsval: this.tsval(), tsecr: synAck ? this.opts.tsRecent : 0 } : null,
      windowScale: this.config.windowScale > 0 && (!synAck || this.opts.useWscale) ? this.config.windowScale : null,
    });
    const seg: OutgoingSegment = { kind: synAck ? 'syn-ack' : 'syn', flags, chunk: null, handshakeAck: false };
    this.emit(seg, this.iss, synAck ? this.rcvNxt : 0, own, 0);
    this.arm('retransmit', this.rtt.rtoUs);
  }

  // ---------------------------------------------------------------- input

  /**
   * A segment for this endpoint. `payload` is a view of its TCP payload.
   * Returns false when the segment was not acceptable (and was dropped).
   */
  handleSegment(now: number, h: TcpHeader, payload: Uint8Array, packetId: number): boolean {
    this.now = now;
    switch (this.state) {
      case 'CLOSED':
      case 'LISTEN':
        return false;
      case 'SYN_SENT':
        return this.inSynSent(h, payload, packetId);
      default:
        return this.inSynchronized(h, payload, packetId);
    }
  }

  private inSynSent(h: TcpHeader, payload: Uint8Array, packetId: number): boolean {
    const f = h.flags;
    if (f & ACK && (seqLeq(h.ack, this.iss) || seqGt(h.ack, this.sndMax))) {
      if (!(f & RST)) this.sendRst(h.ack, [], false);
      this.emitEvent({ kind: 'tcp-drop', cause: 'ack-not-for-syn', ack: h.ack }, packetId);
      return false;
    }
    if (f & RST) {
      if (f & ACK) {
        this.emitEvent({ kind: 'tcp-reset', when: 'syn-sent' }, packetId);
        this.report({ kind: 'segment', header: h, payloadLength: 0, packetId });
        this.enterClosed('reset-received');
        return true;
      }
      return false;
    }
    if (!(f & SYN)) return false;
    this.irs = h.seq;
    this.rcvNxt = seqAdd(h.seq, 1);
    this.opts.readSyn(h, this.now);
    if (f & ACK) {
      this.sndUna = h.ack;
      this.updateWindow(h, true);
      this.startTransfer();
      this.setState('ESTABLISHED', 'syn-ack-received');
      this.report({ kind: 'segment', header: h, payloadLength: payload.length, packetId });
      // Sent by the caller's pump, after the upper has read the SYN/ACK (its third ACK may carry both keys).
      this.handshakeAckDue = true;
    } else {
      // Simultaneous open (RFC 9293 §3.10.7.3).
      this.setState('SYN_RECEIVED', 'simultaneous-open');
      this.sendSyn(true);
    }
    return true;
  }

  /** The handshake is done: the RTO and the window data starts with. */
  private startTransfer(): void {
    this.cc.mss = this.sendMss();
    this.disarm('retransmit');
    // Karn: a SYN sent once gives an RTT sample.
    if (this.synTransmissions === 1 && this.synSentAt !== null) this.rtt.sample(this.now - this.synSentAt);
    // RFC 6298 §5.7: the SYN's timer expired, so data starts with a 3 s RTO, not the SYN's backed-off one.
    if (this.synTimedOut) this.rtt.restartAfterSynTimeout();
    // RFC 5681 §3.1: a SYN or SYN/ACK was lost, so the initial window MUST be one segment.
    if (this.synTimedOut || this.synAckRepeated) this.cc.cwnd = this.cc.mss;
  }

  private synSentAt: number | null = null;
  /** The retransmission timer expired during the handshake. */
  private synTimedOut = false;
  /** The peer sent its SYN again: our SYN/ACK was lost. */
  private synAckRepeated = false;
  /** The segment that fast retransmit or a NewReno partial ACK resends at the next pump, outside the window. */
  private retransmitAtOnce: TrackedChunk | null = null;

  /** RFC 9293 §3.10.7.4 for every synchronized state (and SYN_RECEIVED). */
  private inSynchronized(h: TcpHeader, payload: Uint8Array, packetId: number): boolean {
    const f = h.flags;
    const segLen = payload.length + (f & SYN ? 1 : 0) + (f & FIN ? 1 : 0);
    // A retransmitted SYN means our SYN/ACK was lost: send it again (as Linux's request sockets do),
    // before the window check, which a SYN at IRS would fail.
    if (this.state === 'SYN_RECEIVED' && f & SYN && !(f & ACK) && h.seq === this.irs) {
      this.emitEvent({ kind: 'tcp-syn-retransmitted' }, packetId);
      this.synAckRepeated = true;
      this.sendSyn(true);
      return false;
    }
    // RFC 7323 §5.3 R1 (PAWS), before the window check: an older TSval than TS.Recent is an old duplicate.
    // Acknowledged and dropped, except a RST; a SYN earns a challenge ACK, as Linux does.
    if (this.opts.pawsRejects(h, this.now)) {
      if (f & SYN) this.challengeAck({ what: 'syn-synchronized', state: this.state }, packetId);
      else this.sendAck(true);
      this.emitEvent({ kind: 'tcp-drop', cause: 'paws', tsval: timestampsOf(h)!.tsval, tsRecent: this.opts.tsRecent }, packetId);
      return false;
    }
    // First: is the sequence number acceptable?
    if (!this.sequenceAcceptable(h.seq, segLen)) {
      // RFC 5961 §4.2: a SYN gets a challenge ACK wherever its sequence number lies.
      if (f & SYN && !(f & RST)) {
        this.challengeAck({ what: 'syn-synchronized', state: this.state }, packetId);
        return false;
      }
      if (!(f & RST)) this.sendAck(true);
      // RFC 9293 §3.10.7.4: the peer's FIN again in TIME_WAIT (our ACK was lost) restarts the 2 MSL timeout.
      if (this.state === 'TIME_WAIT' && f & FIN && !(f & RST)) this.arm('time-wait', this.config.timeWaitUs);
      this.emitEvent({ kind: 'tcp-drop', cause: 'out-of-window', seq: h.seq, length: segLen, rcvNxt: this.rcvNxt, window: this.receiveWindow() }, packetId);
      return false;
    }
    // Second: RST (RFC 5961 §3.2).
    if (f & RST) {
      if (rstAtRcvNxt(h.seq, this.rcvNxt)) {
        this.emitEvent({ kind: 'tcp-reset', when: 'at-rcv-nxt' }, packetId);
        this.report({ kind: 'segment', header: h, payloadLength: 0, packetId });
        this.enterClosed('reset-received');
        return true;
      }
      this.challengeAck({ what: 'rst-not-rcv-nxt', seq: h.seq, rcvNxt: this.rcvNxt }, packetId);
      return false;
    }
    // Fourth: SYN in a synchronized state (RFC 5961 §4.2).
    if (f & SYN) {
      this.challengeAck({ what: 'syn-synchronized', state: this.state }, packetId);
      return false;
    }
    // Fifth: ACK.
    if (!(f & ACK)) return false;
    if (this.state === 'SYN_RECEIVED') {
      if (seqLeq(h.ack, this.iss) || seqGt(h.ack, this.sndMax)) {
        this.sendRst(h.ack, [], false);
        return false;
      }
      this.sndUna = h.ack;
      this.updateWindow(h, true);
      this.startTransfer();
      this.setState('ESTABLISHED', 'handshake-acked');
    }
    if (!ackOfSentData(h.ack, this.sndMax)) {
      this.sendAck(true);
      this.emitEvent({ kind: 'tcp-drop', cause: 'ack-of-unsent', ack: h.ack, sndMax: this.sndMax }, packetId);
      return false;
    }
    // RFC 5961 §5.2: acceptable ACKs lie within [SND.UNA − MAX.SND.WND, SND.NXT].
    if (!ackRecentEnough(h.ack, this.sndUna, this.maxSndWnd)) {
      this.challengeAck({ what: 'old-ack', ack: h.ack, sndUna: this.sndUna, maxSndWnd: this.maxSndWnd }, packetId);
      return false;
    }
    // RFC 7323 §4.3: TS.Recent follows segments at or below the ACK we last sent (not older: PAWS let it through).
    if (this.opts.useTimestamps) {
      const ts = timestampsOf(h);
      if (ts && seqLeq(h.seq, this.rcvNxt)) this.opts.recordTsRecent(ts.tsval, this.now);
    }
    this.report({ kind: 'segment', header: h, payloadLength: payload.length, packetId });
    this.processAck(h, payload.length > 0 || (f & FIN) !== 0);
    // Seventh: segment text; eighth: FIN. What this lets us send goes with the caller's pump.
    if (payload.length > 0 || f & FIN) this.receiveData(h.seq, payload, (f & FIN) !== 0);
    return true;
  }

  private sequenceAcceptable(seq: number, segLen: number): boolean {
    return sequenceInWindow(seq, segLen, this.rcvNxt, this.receiveWindow());
  }

  /** RFC 5961 §7: challenge ACKs are rate limited, per socket first, then per host (`challenge-ack-limit.ts`). */
  private challengeAck(trigger: ChallengeTrigger, packetId: number): void {
    const intervalUs = this.config.invalidRateLimitUs;
    if (tooSoonAfterLast(this.lastChallengeAckUs, this.now, intervalUs)) {
      this.emitEvent({ kind: 'tcp-challenge-ack-limited', trigger, by: 'socket', limit: intervalUs / 1000 }, packetId);
      return;
    }
    this.lastChallengeAckUs = this.now;
    if (!this.challengeBudget.take(this.now)) {
      this.emitEvent({ kind: 'tcp-challenge-ack-limited', trigger, by: 'host', limit: this.challengeBudget.limitPerSecond }, packetId);
      return;
    }
    this.emitEvent({ kind: 'tcp-challenge-ack', trigger }, packetId);
    this.sendAck(true);
  }

  private processAck(h: TcpHeader, carriesData: boolean): void {
    const ack = h.ack;
    const flight = seqDiff(this.sndMax, this.sndUna);
    const q = this.queue;
    let newSack = false;
    if (this.opts.sackOk) {
      const sack = h.options.find((o) => o.kind === 'sack');
      if (sack && sack.kind === 'sack') newSack = q.applySack(sack.blocks, seqGt(ack, this.sndUna) ? ack : this.sndUna);
    }
    if (seqGt(ack, this.sndUna)) {
      const acked = seqDiff(ack, this.sndUna);
      this.sndUna = ack;
      if (seqLt(this.sndNxt, ack)) this.sndNxt = ack;
      this.retransmissionsInRow = 0;
      const done = this.releaseAcked(ack);
      const wasRecovering = this.cc.recover !== null;
      this.recovery.onAdvance(ack, acked, () => this.inFlight());
      // RFC 6582 §3.2 step 5: a partial ACK's next hole goes out at once, whatever the window.
      if (wasRecovering && this.cc.recover !== null && !this.opts.sackOk) this.retransmitAtOnce = q.first() ?? null;
      this.updateWindow(h, false);
      if (this.sndUna === this.sndMax) this.disarm('retransmit');
      else this.arm('retransmit', this.rtt.rtoUs);
      if (done.length) this.report({ kind: 'acked', chunks: done });
      this.onOurFinAcked();
    } else if (ack === this.sndUna) {
      const windowChanged = this.updateWindow(h, false);
      // RFC 5681 §2: a duplicate ACK carries no data, does not move the window, and data is outstanding.
      if (!carriesData && !windowChanged && flight > 0) this.recovery.onDuplicate(h);
    }
    const trigger = this.recovery.maybeEnter(newSack, this.sndUna, flight, this.sndMax);
    if (trigger) {
      this.emitEvent({ kind: 'tcp-fast-retransmit', trigger, sndUna: this.sndUna, cwnd: Math.round(this.cc.cwnd) });
      // RFC 5681 §3.2 step 4 (MUST), RFC 6675 §5 step 4.3: the first lost segment is resent now, not when the pipe shrinks below cwnd.
      this.retransmitAtOnce = q.first() ?? null;
    }
  }

  /** Bytes in the network: RFC 6675's pipe with SACK, all outstanding bytes without. */
  private inFlight(): number {
    // A FIN takes a sequence number but no room in the network.
    const fin = this.finQueued && this.sndMax !== this.sndUna && this.queue.last()?.fin && this.queue.last()!.transmissions > 0 ? 1 : 0;
    const outstanding = seqDiff(this.sndNxt, this.sndUna) - (this.sndNxt === this.sndMax ? fin : 0);
    if (!this.opts.sackOk) return Math.max(0, outstanding);
    return Math.max(0, seqDiff(this.sndMax, this.sndUna) - fin - this.queue.sackedBytes - this.queue.lostBytes);
  }

  private releaseAcked(ack: number): SentChunk[] {
    const done = this.queue.release(ack);
    let rttSample: number | null = null;
    for (const c of done) {
      // Karn: only chunks sent once give RTT samples.
      if (c.transmissions === 1) rttSample = this.now - c.sentAtUs;
      this.bytesAcked += c.len;
    }
    if (rttSample !== null) this.rtt.sample(rttSample);
    return done;
  }

  /** Returns true when the advertised window changed. */
  private updateWindow(h: TcpHeader, handshake: boolean): boolean {
    // SYN segments' windows are never scaled (RFC 7323 §2.2).
    const wnd = handshake || !this.opts.useWscale ? h.window : h.window * 2 ** this.opts.peerWscale;
    if (
      handshake ||
      seqLt(this.sndWl1, h.seq) ||
      (this.sndWl1 === h.seq && seqLeq(this.sndWl2, h.ack))
    ) {
      const changed = wnd !== this.sndWnd;
      this.sndWnd = wnd;
      this.sndWl1 = h.seq;
      this.sndWl2 = h.ack;
      if (wnd > this.maxSndWnd) this.maxSndWnd = wnd;
      return changed && !handshake;
    }
    return false;
  }

  private receiveData(seq: number, payload: Uint8Array, fin: boolean): void {
    const rel = seqDiff(seq, this.rcvNxt);
    if (rel > 0) {
      // Out of order: keep it, ACK at once (with SACK blocks) so the sender sees the hole.
      this.ooo.insert(seq, payload, fin, this.rcvNxt);
      this.ackNow = true;
      return;
    }
    // Trim what we already have.
    const fresh = rel < 0 ? payload.subarray(Math.min(payload.length, -rel)) : payload;
    const hadHoles = this.ooo.size > 0;
    if (fresh.length > 0) this.deliver(fresh);
    else if (!fin) {
      this.ackNow = true;
      return;
    }
    if (fin && rel + payload.length >= 0) this.receiveFin();
    else this.drainOutOfOrder();
    // Filling a hole is acknowledged at once; otherwise every second segment.
    this.ackPending++;
    // The caller's pump sends it, after the upper has taken the data (so a DATA_ACK covers it too).
    if (hadHoles || this.ackPending >= 2 || fin) this.ackNow = true;
    else this.arm('delayed-ack', this.config.delayedAckUs);
  }

  private deliver(payload: Uint8Array): void {
    const relSeq = seqDiff(this.rcvNxt, this.irs);
    this.rcvNxt = seqAdd(this.rcvNxt, payload.length);
    this.bytesReceived += payload.length;
    this.report({ kind: 'data', payload, relSeq });
  }

  private drainOutOfOrder(): void {
    for (let seg = this.ooo.takeNext(this.rcvNxt); seg; seg = this.ooo.takeNext(this.rcvNxt)) {
      if (seg.payload.length > 0) this.deliver(seg.payload);
      if (seg.fin) {
        this.receiveFin();
        return;
      }
    }
  }

  private receiveFin(): void {
    if (this.peerFinReceived) return;
    this.peerFinReceived = true;
    this.rcvNxt = seqAdd(this.rcvNxt, 1);
    this.ooo.clear();
    switch (this.state) {
      case 'SYN_RECEIVED':
      case 'ESTABLISHED':
        this.setState('CLOSE_WAIT', 'fin-received');
        break;
      case 'FIN_WAIT_1':
        this.setState(this.finAcked() ? 'TIME_WAIT' : 'CLOSING', 'fin-received');
        break;
      case 'FIN_WAIT_2':
        this.setState('TIME_WAIT', 'fin-received');
        break;
      default:
        break;
    }
    if (this.state === 'TIME_WAIT') this.startTimeWait();
    this.report({ kind: 'peer-fin' });
  }

  private finAcked(): boolean {
    return this.finQueued && this.queue.isEmpty && this.sndUna === this.sndMax;
  }

  private onOurFinAcked(): void {
    if (!this.finAcked()) return;
    if (this.state === 'FIN_WAIT_1') this.setState('FIN_WAIT_2', 'fin-acked');
    else if (this.state === 'CLOSING') {
      this.setState('TIME_WAIT', 'fin-acked');
      this.startTimeWait();
    } else if (this.state === 'LAST_ACK') this.enterClosed('fin');
  }

  private startTimeWait(): void {
    this.disarm('retransmit');
    this.arm('time-wait', this.config.timeWaitUs);
  }

  // ---------------------------------------------------------------- output

  /** Closes the sending direction once all queued data is sent (FIN). */
  close(now: number): void {
    this.now = now;
    this.closeRequested = true;
    if (this.state === 'SYN_SENT') {
      this.enterClosed('aborted');
      return;
    }
    this.pump();
  }

  /** Sends a RST and forgets the connection. */
  abort(now: number, extraOptions: readonly TcpOption[] = []): void {
    this.now = now;
    if (this.state === 'CLOSED' || this.state === 'TIME_WAIT') {
      if (this.state === 'TIME_WAIT') this.enterClosed('aborted');
      return;
    }
    if (this.state !== 'SYN_SENT') this.sendRst(this.sndNxt, extraOptions);
    this.enterClosed('reset-sent');
  }

  /** Sends whatever the windows allow: lost chunks first, then new data, then a FIN (RFC 6675 NextSeg). */
  pump(now = this.now): void {
    this.now = now;
    if (this.state === 'CLOSED') return;
    if (this.handshakeAckDue) {
      this.handshakeAckDue = false;
      this.sendAck(true, true);
    }
    if (!canSendData(this.state) && !(this.state === 'FIN_WAIT_1' || this.state === 'LAST_ACK' || this.state === 'CLOSING')) {
      if (this.ackNow) this.sendAck(true);
      return;
    }
    let sentSomething = false;
    const limit = this.sendMss();
    const q = this.queue;
    for (;;) {
      const window = Math.min(this.cc.cwnd, this.sndWnd);
      const flight = this.inFlight();
      let chunk = q.nextLost();
      if (!chunk) {
        chunk = q.nextUnsent();
        if (!chunk) {
          if (!canSendData(this.state) || this.finQueued) break;
          // Whole segments only, unless nothing is in flight (no silly-window trickle).
          const room = Math.min(window - flight, this.sndWnd - seqDiff(this.sndNxt, this.sndUna));
          if (room < limit && (flight > 0 || room <= 0)) break;
          const data = this.upper?.pull(this, Math.min(limit, room)) ?? null;
          if (data) chunk = this.enqueue(data, false);
          else if (this.closeRequested) chunk = this.enqueue({ len: 0, fill: noFill, meta: null }, true);
          else break;
        }
      }
      if (flight + chunk.len > window && flight > 0 && chunk !== this.retransmitAtOnce) break;
      this.transmit(chunk);
      sentSomething = true;
    }
    this.retransmitAtOnce = null;
    if (!sentSomething && this.ackNow) this.sendAck(true);
  }

  private enqueue(data: DataChunk, fin: boolean): TrackedChunk {
    const last = this.queue.last();
    const seq = last ? seqAdd(last.seq, last.len + (last.fin ? 1 : 0)) : this.sndNxt;
    const chunk = this.queue.push({ len: data.len, fill: data.fill, meta: data.meta, seq, fin, sentAtUs: 0, transmissions: 0 });
    if (fin) {
      this.finQueued = true;
      if (this.state === 'ESTABLISHED') this.setState('FIN_WAIT_1', 'app-closed');
      else if (this.state === 'CLOSE_WAIT') this.setState('LAST_ACK', 'app-closed');
    }
    return chunk;
  }

  private transmit(c: TrackedChunk): void {
    c.transmissions++;
    c.sentAtUs = this.now;
    if (c.transmissions > 1) this.segmentsRetransmitted++;
    this.queue.markSent(c);
    const flags = ACK | (c.fin ? FIN : 0) | (c.len > 0 ? PSH : 0);
    const seg: OutgoingSegment = { kind: c.fin && c.len === 0 ? 'fin' : 'data', flags, chunk: c, handshakeAck: false };
    this.emit(seg, c.seq, this.rcvNxt, [], c.len, c.fill);
    const end = seqAdd(c.seq, c.len + (c.fin ? 1 : 0));
    if (seqGt(end, this.sndNxt)) this.sndNxt = end;
    if (seqGt(end, this.sndMax)) this.sndMax = end;
    if (!this.timers.isSet('retransmit')) this.arm('retransmit', this.rtt.rtoUs);
  }

  /** A pure ACK (with whatever options the upper adds), now. */
  sendAck(force: boolean, handshakeAck = false): void {
    if (!force && !this.ackNow) return;
    const seg: OutgoingSegment = { kind: 'ack', flags: ACK, chunk: null, handshakeAck };
    this.emit(seg, this.sndNxt, this.rcvNxt, [], 0);
  }

  /** A pure ACK carrying options the upper asks for now (ADD_ADDR, MP_PRIO, ...). */
  sendSignal(now: number): void {
    this.now = now;
    if (isSynchronized(this.state) || this.state === 'SYN_RECEIVED') this.sendAck(true);
  }

  /**
   * A keepalive (RFC 1122 §4.2.3.6): an ACK one byte before SND.NXT, with
   * no data, which the peer finds unacceptable and answers with an ACK
   * (RFC 9293 §3.10.7.4) — if it is still there.
   */
  sendKeepalive(now: number): void {
    this.now = now;
    if (!isSynchronized(this.state)) return;
    this.emit({ kind: 'ack', flags: ACK, chunk: null, handshakeAck: false }, seqAdd(this.sndNxt, -1), this.rcvNxt, [], 0);
  }

  /** An abort carries RST+ACK; the answer to an unacceptable ACK is a bare RST at its ACK number (RFC 9293 §3.10.7.3). */
  private sendRst(seq: number, extraOptions: readonly TcpOption[] = [], withAck = true): void {
    const seg: OutgoingSegment = { kind: 'rst', flags: withAck ? RST | ACK : RST, chunk: null, handshakeAck: false };
    this.emit(seg, seq, this.rcvNxt, extraOptions, 0);
  }

  private emit(seg: OutgoingSegment, seq: number, ack: number, own: readonly TcpOption[], payloadLength: number, fill?: (b: Uint8Array, at: number) => void): void {
    const isSyn = (seg.flags & SYN) !== 0;
    if (isSyn) this.synSentAt = this.now;
    if (seg.flags & ACK) {
      this.ackPending = 0;
      this.ackNow = false;
      this.disarm('delayed-ack');
    }
    const upper = this.upper?.options(this, seg) ?? [];
    const sack = this.ooo.size > 0 && seg.flags & ACK ? (max: number) => this.ooo.sackBlocks(max) : null;
    const options = isSyn ? padOptionsToWord([...own, ...upper]) : this.opts.segmentOptions(own, upper, this.tsval(), sack);
    const window = seg.flags & SYN ? Math.min(65535, this.receiveWindow()) : Math.min(65535, this.receiveWindow() >>> (this.opts.useWscale ? this.config.windowScale : 0));
    const bytes = buildTcpPacket({
      src: this.localAddr,
      dst: this.remoteAddr,
      srcPort: this.localPort,
      dstPort: this.remotePort,
      seq,
      ack: seg.flags & ACK ? ack : 0,
      flags: seg.flags,
      window,
      options,
      payloadLength,
      fillPayload: fill,
      ipId: this.ipId(),
      ttl: 64,
    });
    this.output.push(bytes);
  }

  receiveWindow(): number {
    const space = this.upper ? this.upper.receiveSpace(this) : this.config.receiveBufferBytes;
    const max = this.opts.useWscale ? 65535 * 2 ** this.config.windowScale : 65535;
    return Math.max(0, Math.min(space, max));
  }

  private tsval(): number {
    return Math.floor(this.now / 1000) >>> 0;
  }

  /** Everything the endpoint wants to send, oldest first; the caller puts it on the wire. */
  takeOutput(): Uint8Array[] {
    return this.output.splice(0, this.output.length);
  }

  get hasOutput(): boolean {
    return this.output.length > 0;
  }

  // ---------------------------------------------------------------- timers

  private arm(t: Timer, inUs: number): void {
    this.timers.set(t, this.now + inUs);
  }

  private disarm(t: Timer): void {
    this.timers.clear(t);
  }

  nextTimeoutUs(): number {
    return this.timers.next();
  }

  handleTimeout(now: number): void {
    this.now = now;
    const t = this.timers;
    if (t.take('time-wait', now)) {
      this.enterClosed('fin');
      return;
    }
    if (t.take('delayed-ack', now) && this.ackPending > 0) this.sendAck(true);
    if (t.take('retransmit', now)) this.onRetransmitTimeout();
  }

  private onRetransmitTimeout(): void {
    this.rtt.backOff();
    if (this.state === 'SYN_SENT' || this.state === 'SYN_RECEIVED') {
      this.synTimedOut = true;
      // Linux: tcp_syn_retries for our SYN, tcp_synack_retries for a half-open connection's SYN/ACK.
      if (this.synTransmissions > (this.state === 'SYN_SENT' ? this.config.synRetries : this.config.synAckRetries)) {
        this.emitEvent({ kind: 'tcp-timeout', phase: 'handshake', syns: this.synTransmissions });
        this.enterClosed('timeout');
        return;
      }
      this.sendSyn(this.state === 'SYN_RECEIVED');
      return;
    }
    const first = this.queue.first();
    if (!first || first.transmissions === 0) return;
    this.retransmissionsInRow++;
    if (this.retransmissionsInRow > this.config.dataRetries) {
      this.emitEvent({ kind: 'tcp-timeout', phase: 'data', retransmissions: this.retransmissionsInRow - 1 });
      this.abort(this.now);
      return;
    }
    this.cc.onTimeout(seqDiff(this.sndMax, this.sndUna), this.sndMax);
    this.recovery.dupAcks = 0;
    this.emitEvent({ kind: 'tcp-rto', sndUna: this.sndUna, rtoMs: Math.round(this.rtt.rtoUs / 1000) });
    // Everything unacknowledged and not SACKed is lost: resent in order as the window opens.
    this.queue.markAllLost();
    this.report({ kind: 'rto', inRow: this.retransmissionsInRow });
  }

  // ---------------------------------------------------------------- state

  /** A trace event about this endpoint (its local and remote ends filled in). */
  private emitEvent(e: DistributiveOmit<TcpEvent, 'local' | 'remote'>, packetId?: number): void {
    this.events({ ...e, local: formatEndpoint(this.localAddr, this.localPort), remote: formatEndpoint(this.remoteAddr, this.remotePort) } as TcpEvent, packetId === undefined ? undefined : [packetId]);
  }

  private setState(to: TcpState, cause: TcpCause): void {
    const from = this.state;
    if (from === to) return;
    if (!canTransition(from, to)) throw new Error(`TCP ${this.name}: illegal transition ${from} → ${to} (${cause})`);
    this.state = to;
    this.cc.canSend = canSendData(to);
    if (to === 'ESTABLISHED' && !this.everEstablished) {
      this.everEstablished = true;
      this.establishedAtUs = this.now;
    }
    if (to === 'CLOSED') this.closedAtUs = this.now;
    this.emitEvent({ kind: 'tcp-state', from, to, cause });
    this.report({ kind: 'state', from, to });
  }

  private enterClosed(reason: CloseReason): void {
    if (this.state === 'CLOSED') return;
    this.closeReason = reason;
    this.setState('CLOSED', reason);
    this.timers.clearAll();
    this.handshakeAckDue = false;
    this.ackNow = false;
    this.report({ kind: 'closed', reason });
  }

  private report(e: TcpUpperEvent): void {
    this.pending.push(e);
  }

  /** The oldest event not yet handed to the upper, or null (quinn-proto's `poll()`). */
  poll(): TcpUpperEvent | null {
    if (this.pendingHead >= this.pending.length) {
      if (this.pendingHead > 0) {
        this.pending.length = 0;
        this.pendingHead = 0;
      }
      return null;
    }
    return this.pending[this.pendingHead++]!;
  }

  /** A getter, not a field read, so TypeScript does not narrow it away across calls. */
  get closed(): boolean {
    return this.state === 'CLOSED';
  }

  /** Outstanding bytes (sent, not acknowledged). */
  get flightBytes(): number {
    return seqDiff(this.sndMax, this.sndUna);
  }

  /** Queued chunks not yet acknowledged, oldest first (MPTCP reinjects them on failure). */
  unacknowledged(): readonly SentChunk[] {
    return this.queue.outstanding();
  }

  /** True while the handshake's option negotiation allowed timestamps. */
  get timestampsOn(): boolean {
    return this.opts.useTimestamps;
  }

  get windowScaleOn(): boolean {
    return this.opts.useWscale;
  }
}

const noFill = (): void => {};
