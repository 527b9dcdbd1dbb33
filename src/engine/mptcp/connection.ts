/**
 * One MPTCP connection (RFC 8684) at one host: the data-level sequence
 * space shared by its subflows, and everything above them.
 *
 * Sending: the application's bytes are numbered from IDSN + 1; subflows
 * pull chunks when their windows open, the scheduler says which may take
 * them, and each chunk travels with its DSS mapping (reinjected on another
 * subflow if its own fails before the DATA_ACK covers it). Receiving:
 * subflows hand in mapped bytes, which are put in DSN order, delivered to
 * the application and acknowledged with DATA_ACK. DATA_FIN closes each
 * direction; when both are acknowledged the subflows close with FIN.
 *
 * Invariants: sndUna ≤ next DSN to send; rcvNxt only grows; the application
 * sees each byte once, in order. A connection that falls back to TCP keeps
 * its one subflow and stops using MPTCP for good (RFC 8684 §3.7).
 */
import { hex32 } from '../core/hex.ts';
import type { Rng } from '../core/rng.ts';
import { deriveFromKey, dhKeys, type MptcpVersion } from '../crypto/mptcp-crypto.ts';
import type { AppHandlers, AppSocket, SocketState } from '../host/app-socket.ts';
import { OutStream, type ByteSource } from '../host/byte-stream.ts';
import { TimerTable } from '../tcp/timer-table.ts';
import type { MptcpOutput } from './io.ts';
import { canMoveConnection, type ConnectionCause, type ConnectionState } from './states.ts';
import type { TcpEndpoint } from '../tcp/tcp-endpoint.ts';
import type { DataChunk } from '../tcp/types.ts';
import { formatEndpoint, type IpAddress } from '../wire/ip-address.ts';
import { DataReassembly } from './data-reassembly.ts';
import { LiaGroup } from './lia.ts';
import { makeScheduler, type Scheduler } from './scheduler.ts';
import type { MptcpSettings } from './settings.ts';
import type { MptcpSubflow } from './subflow.ts';
import type { TokenTable } from './token-table.ts';
import type { PathManager } from './path-manager.ts';
import type { ConnectionEventBody, EventBody, FallbackCause } from '../sim/events.ts';

/** What a data chunk carries down to its subflow: its place in the data sequence. */
export interface MappingMeta {
  dsn: bigint;
  len: number;
  /** The DATA_FIN rides on this mapping (data-level length = len + 1). */
  dataFin: boolean;
}

export type MptcpRole = 'client' | 'server';

interface Reinjection {
  dsn: bigint;
  len: number;
  fill: (buf: Uint8Array, at: number) => void;
}

export class MptcpConnection {
  /** What the application sees (`host/app-socket.ts`). */
  state: SocketState = 'connecting';
  /** Where the MPTCP connection itself is (`states.ts`); changed only by `setState`. */
  mptcpState: ConnectionState;
  readonly out = new OutStream();
  readonly subflows: MptcpSubflow[] = [];
  readonly scheduler: Scheduler;
  readonly lia: LiaGroup | null;
  readonly rng: Rng;

  localKey: bigint;
  /** What goes in MP_CAPABLE's key fields: the key, or with dh-keys its public share. */
  localShare: bigint;
  remoteShare: bigint | null = null;
  localToken: number;
  localIdsn: bigint;
  remoteKey: bigint | null = null;
  remoteToken: number | null = null;
  remoteIdsn: bigint | null = null;
  /** Either side asked for DSS checksums in the MP_CAPABLE exchange. */
  checksums = false;
  /** The connection fell back to plain TCP. */
  fallback = false;
  /** Both keys are known on both sides (third ACK processed / DSS from the peer seen). */
  fullyEstablished = false;
  /** We have received a 64-bit DSN from the peer, so DATA_ACKs go out in 64 bits (Linux's use_64bit_ack). */
  peerUses64 = false;
  /** The peer's MP_CAPABLE carried C: no joins to its initial address and port (Linux remote_deny_join_id0). */
  peerDeniesJoinId0 = false;

  notePeerDeniesJoinId0(via: 'syn' | 'syn-ack', packetId: number): void {
    this.peerDeniesJoinId0 = true;
    this.event({ kind: 'mptcp-peer-denies-join-id0', via }, [packetId]);
  }

  // sending
  sndUna: bigint;
  private readonly reinject: Reinjection[] = [];
  /** DSN of our DATA_FIN once it has been put on the wire. */
  dataFinDsn: bigint | null = null;
  private dataFinAcked = false;
  // receiving
  rcvNxt: bigint | null = null;
  private readonly ooo = new DataReassembly();
  peerDataFinDsn: bigint | null = null;
  private peerDataFinDelivered = false;

  /** Addresses the peer announced: address ID → address and port. */
  readonly remoteAddresses = new Map<number, { addr: IpAddress; port: number | null }>();
  /** Extra subflows made or accepted (Linux's `subflows` limit), and ADD_ADDRs acted on. */
  extraSubflows = 0;
  addAddrAccepted = 0;
  closedReason: string | null = null;
  private nextSubflowId = 0;
  /** Set by the stack right after construction. */
  pm!: PathManager;

  /** What the application holds (and its handlers are called with): the connection's app side with the host's time. */
  socket!: AppSocket;
  /** The time of the call being handled: every entry point takes it (`at`), nothing reads a clock. */
  now = 0;
  /** DATA_FIN retransmission (the connection's own; its subflows and the path manager keep theirs). */
  private readonly timers = new TimerTable<'data-fin'>(['data-fin']);

  constructor(
    readonly io: MptcpOutput,
    rng: Rng,
    readonly settings: MptcpSettings,
    readonly role: MptcpRole,
    readonly tokens: TokenTable<MptcpConnection>,
    key: { share: bigint; key: bigint; token: number; idsn: bigint; dhPrivate: bigint | null },
    public handlers: AppHandlers,
    readonly id: string,
  ) {
    this.rng = rng;
    this.mptcpState = role === 'client' ? 'syn-sent' : 'syn-received';
    this.localKey = key.key;
    this.localShare = key.share;
    this.dhPrivate = key.dhPrivate;
    this.localToken = key.token;
    this.localIdsn = key.idsn;
    this.sndUna = key.idsn + 1n;
    this.scheduler = makeScheduler(settings.scheduler);
    this.lia = settings.congestionControl === 'lia' ? new LiaGroup() : null;
    tokens.add(key.token, this);
  }

  get version(): MptcpVersion {
    return this.settings.version;
  }

  /** An entry point's time: the connection acts as of `now`. */
  at(now: number): this {
    this.now = now;
    return this;
  }

  /** The one way the MPTCP state changes: an illegal move is a bug, refused at once; every move is a trace event. */
  setState(to: ConnectionState, cause: ConnectionCause, packetId?: number): void {
    const from = this.mptcpState;
    if (from === to) return;
    if (!canMoveConnection(from, to)) throw new Error(`MPTCP connection ${this.id}: illegal move ${from} → ${to} (${cause})`);
    this.mptcpState = to;
    this.event({ kind: 'mptcp-state', from, to, cause }, packetId === undefined ? undefined : [packetId]);
  }

  /** Our DATA_FIN has a DSN: the data level's FIN is on its way (established → fin-wait-1, close-wait → last-ack). */
  private noteDataFinSent(): void {
    if (this.mptcpState === 'established') this.setState('fin-wait-1', 'data-fin-sent');
    else if (this.mptcpState === 'close-wait') this.setState('last-ack', 'data-fin-sent');
  }

  /** A trace event of this connection (its token filled in). */
  event(body: ConnectionEventBody, packets?: number[]): void {
    this.io.event({ ...body, token: hex32(this.localToken) } as EventBody, packets);
  }

  newSubflowId(): number {
    return this.nextSubflowId++;
  }

  // ------------------------------------------------------------ keys

  /** dh-keys: the secret exponent behind `localShare`. */
  private readonly dhPrivate: bigint | null;

  /** Both keys known and the handshake's MP_CAPABLE answered: the data level runs. */
  establish(packetId: number): void {
    if (this.mptcpState === 'syn-sent' || this.mptcpState === 'syn-received') this.setState('established', 'mp-capable', packetId);
  }

  /**
   * The peer's MP_CAPABLE key field: its key, or with dh-keys its share, from
   * which (with our exponent) both real keys follow. Token and IDSN come from
   * what is on the wire either way.
   */
  learnRemoteKey(share: bigint): void {
    if (this.remoteKey !== null) return;
    this.remoteShare = share;
    if (this.dhPrivate !== null) {
      const keys = dhKeys(this.dhPrivate, this.localShare, share);
      this.localKey = keys.local;
      this.remoteKey = keys.remote;
    } else this.remoteKey = share;
    const d = deriveFromKey(this.version, share);
    this.remoteToken = d.token;
    this.remoteIdsn = d.idsn;
    this.rcvNxt = d.idsn + 1n;
  }

  // ------------------------------------------------------------ app side

  write(source: ByteSource): void {
    this.out.write(source);
    this.kickAll();
  }

  close(): void {
    if (this.state === 'closed') return;
    this.out.closed = true;
    if (this.state === 'open') this.state = 'closing';
    if (this.fallback) {
      for (const s of this.subflows) if (!s.ep.closed) s.ep.close(this.now);
    }
    this.kickAll();
    this.maybeSendDataFinSignal();
  }

  /** Stops using MPTCP for good (RFC 8684 §3.7): the initial subflow carries the stream as plain TCP. */
  enterFallback(why: FallbackCause, packetId?: number): void {
    if (this.fallback) return;
    this.fallback = true;
    this.event({ kind: 'mptcp-fallback', ...why }, packetId ? [packetId] : undefined);
    if (this.mptcpState !== 'closed') this.setState('fallback', 'fallback', packetId);
    if (this.out.closed) for (const s of this.subflows) if (!s.ep.closed) s.ep.close(this.now);
  }

  /** Fallback: the subflow's FIN ends the stream. */
  fallbackEnd(): void {
    this.handlers.onEnd?.(this.socket);
  }

  /** A join finished its handshake: the schedulers may use it. */
  joinCompleted(sf: MptcpSubflow): void {
    sf.joinedAtUs = this.now;
    this.kickAll();
  }

  abort(): void {
    if (this.state === 'closed') return;
    this.event({ kind: 'mptcp-fastclose-sent' });
    if (this.version === 0) {
      // RFC 6824 §3.5: MP_FASTCLOSE on an ACK on one subflow, plain RSTs on the others; the peer answers with a RST.
      const [first, ...rest] = this.subflows.filter((s) => !s.ep.closed);
      for (const s of rest) s.resetQuietly();
      first?.fastcloseOnAck();
    } else for (const s of this.subflows) s.abortWithFastclose();
    this.finish('aborted');
  }

  onSubflowOpen(): void {
    if (this.state === 'connecting') {
      this.state = this.out.closed ? 'closing' : 'open';
      this.handlers.onOpen?.(this.socket);
    }
  }

  kickAll(): void {
    for (const s of this.subflows) if (!s.ep.closed) this.io.wake(s.ep);
  }

  // ------------------------------------------------------------ sending

  /** Data for subflow `sf`, at most `maxLen` bytes, if the scheduler lets it take some. */
  pullFor(sf: MptcpSubflow, maxLen: number): DataChunk | null {
    if (this.fallback) {
      const t = this.out.take(maxLen);
      return t ? { len: t.len, fill: t.fill, meta: null } : null;
    }
    if (!sf.canCarryData) return null;
    const all = this.subflows;
    if (!this.scheduler.mayTake(sf, all)) {
      // Let the subflow the scheduler prefers pull instead.
      for (const s of all) if (s !== sf && s.hasRoom && this.scheduler.mayTake(s, all)) this.io.wake(s.ep);
      return null;
    }
    let chunk: DataChunk | null = null;
    while (this.reinject.length) {
      const r = this.reinject[0]!;
      const end = r.dsn + BigInt(r.len);
      if (end <= this.sndUna) {
        this.reinject.shift();
        continue;
      }
      this.reinject.shift();
      chunk = { len: r.len, fill: r.fill, meta: { dsn: r.dsn, len: r.len, dataFin: false } satisfies MappingMeta };
      this.event({ kind: 'mptcp-reinject', dsn: r.dsn.toString(), bytes: r.len, subflow: sf.name });
      break;
    }
    if (!chunk) {
      // RFC 8684 §3.3.5: the receive window is the connection's, counted from the DATA_ACK.
      const nextDsn = this.localIdsn + 1n + BigInt(this.out.totalTaken);
      const room = Number(this.sndUna + BigInt(this.peerWindow()) - nextDsn);
      if (room <= 0 && this.out.available > 0) {
        this.windowBlocked = true;
        return null;
      }
      const t = this.out.take(Math.min(maxLen, room));
      if (!t) return null;
      const dsn = this.localIdsn + 1n + BigInt(t.offset);
      // The DATA_FIN rides on the last chunk when the application has closed (RFC 8684 §3.3.3).
      const last = this.out.closed && this.out.available === 0 && this.dataFinDsn === null;
      if (last) {
        this.dataFinDsn = dsn + BigInt(t.len);
        this.noteDataFinSent();
      }
      chunk = { len: t.len, fill: t.fill, meta: { dsn, len: t.len, dataFin: last } satisfies MappingMeta };
    }
    const meta = chunk.meta as MappingMeta;
    sf.sentLog.push({ dsn: meta.dsn, len: meta.len, fill: chunk.fill });
    this.scheduler.took(sf);
    return chunk;
  }

  /** After everything was sent, a DATA_FIN alone goes on a pure ACK of every subflow (as Linux does). */
  maybeSendDataFinSignal(): void {
    if (this.fallback || !this.out.closed || this.out.available > 0 || this.dataFinAcked) return;
    if (this.dataFinDsn === null) {
      this.dataFinDsn = this.localIdsn + 1n + BigInt(this.out.totalTaken);
      this.noteDataFinSent();
    }
    for (const s of this.subflows) if (s.canCarryData) s.queueDataFinSignal();
    this.armDataFinRetransmit();
  }

  private armDataFinRetransmit(): void {
    if (this.timers.isSet('data-fin')) return;
    const rto = Math.max(200_000, ...this.subflows.map((s) => s.ep.rtt.rtoUs));
    this.timers.set('data-fin', this.now + rto);
  }

  // ------------------------------------------------------------ timers

  /** The earliest deadline of the connection, its subflows and its path-manager state (Infinity: none). */
  nextTimeoutUs(): number {
    let next = this.timers.next();
    for (const s of this.subflows) {
      const t = s.nextTimeoutUs();
      if (t < next) next = t;
    }
    const pm = this.pm?.nextTimeoutUs(this) ?? Infinity;
    return pm < next ? pm : next;
  }

  /** Fires whatever is due at `now`: the DATA_FIN retransmission, the subflows' timers, ADD_ADDR retransmissions. */
  handleTimeout(now: number): void {
    this.now = now;
    if (this.timers.take('data-fin', now) && !this.dataFinAcked && this.state !== 'closed') this.maybeSendDataFinSignal();
    for (const s of [...this.subflows]) if (s.nextTimeoutUs() <= now) s.handleTimeout(now);
    this.pm?.handleTimeout(this, now);
  }

  /** The peer's connection-level window: the largest any subflow advertised (RFC 8684 §3.3.5). */
  private peerWindow(): number {
    let w = 0;
    for (const s of this.subflows) if (s.ep.sndWnd > w) w = s.ep.sndWnd;
    return w;
  }

  private windowBlocked = false;

  onDataAck(ack: bigint): void {
    if (ack > this.localIdsn + 1n + BigInt(this.out.totalTaken) + 1n) {
      this.event({ kind: 'mptcp-data-ack-ignored', dataAck: ack.toString() });
      return;
    }
    if (ack <= this.sndUna) return;
    this.sndUna = ack;
    for (const s of this.subflows) s.pruneSent(ack);
    if (this.windowBlocked) {
      this.windowBlocked = false;
      this.kickAll();
    }
    if (this.dataFinDsn !== null && ack > this.dataFinDsn && !this.dataFinAcked) {
      this.dataFinAcked = true;
      this.event({ kind: 'mptcp-data-fin-acked', dsn: String(this.dataFinDsn) });
      if (this.mptcpState === 'fin-wait-1') this.setState('fin-wait-2', 'data-fin-acked');
      this.maybeCloseSubflows();
    }
  }

  /**
   * Data a failed subflow carried and the DATA_ACK does not cover goes out
   * again on the others (RFC 8684 §3.3.6, §3.7), whether or not that subflow's
   * TCP had it acknowledged.
   */
  reinjectFrom(sf: MptcpSubflow): void {
    for (const m of sf.takeUnacknowledged()) {
      if (m.len === 0 || m.dsn + BigInt(m.len) <= this.sndUna) continue;
      this.reinject.push({ dsn: m.dsn, len: m.len, fill: m.fill });
    }
    this.reinject.sort((a, b) => (a.dsn < b.dsn ? -1 : a.dsn > b.dsn ? 1 : 0));
    if (this.reinject.length) this.kickAll();
  }

  // ------------------------------------------------------------ receiving

  /** Mapped bytes from subflow `from`, at data sequence number `dsn`, carried by packet `packetId`. */
  receive(dsn: bigint, bytes: Uint8Array, from?: MptcpSubflow, packetId?: number): void {
    if (this.rcvNxt === null || bytes.length === 0) return;
    const end = dsn + BigInt(bytes.length);
    if (end <= this.rcvNxt) return; // a copy we already have (reinjection, redundant scheduler)
    if (dsn > this.rcvNxt) {
      const window = BigInt(this.settings.receiveBufferBytes);
      if (dsn - this.rcvNxt >= window) {
        this.event({ kind: 'mptcp-dsn-out-of-window', dsn: dsn.toString() }, packetId === undefined ? undefined : [packetId]);
        return;
      }
      from?.noteAccepted(dsn, bytes, packetId);
      this.ooo.insert(dsn, bytes);
      return;
    }
    from?.noteAccepted(this.rcvNxt, bytes.subarray(Number(this.rcvNxt - dsn)), packetId);
    this.deliver(bytes.subarray(Number(this.rcvNxt - dsn)));
    this.drainOoo();
    this.checkPeerDataFin();
  }

  /** Fallback: the one subflow's bytes are the stream. */
  receiveInOrder(bytes: Uint8Array, from?: MptcpSubflow, packetId?: number): void {
    from?.noteAccepted(null, bytes, packetId);
    this.handlers.onData?.(this.socket, bytes);
  }

  private deliver(bytes: Uint8Array): void {
    this.rcvNxt! += BigInt(bytes.length);
    this.handlers.onData?.(this.socket, bytes);
  }

  private drainOoo(): void {
    for (let b = this.ooo.take(this.rcvNxt!); b; b = this.ooo.take(this.rcvNxt!)) this.deliver(b);
  }

  onPeerDataFin(dsn: bigint, packetId?: number): void {
    if (this.peerDataFinDsn === null) {
      this.peerDataFinDsn = dsn;
      this.event({ kind: 'mptcp-data-fin-received', dsn: dsn.toString() }, packetId === undefined ? undefined : [packetId]);
    }
    this.checkPeerDataFin();
  }

  /** The DATA_FIN is acknowledged only once every byte before it has arrived (RFC 8684 §3.3.3). */
  private checkPeerDataFin(): void {
    if (this.peerDataFinDsn === null || this.peerDataFinDelivered || this.rcvNxt !== this.peerDataFinDsn) return;
    this.peerDataFinDelivered = true;
    this.rcvNxt = this.peerDataFinDsn + 1n;
    if (this.mptcpState === 'established') this.setState('close-wait', 'data-fin-received');
    else if (this.mptcpState === 'fin-wait-1') this.setState('closing', 'data-fin-received');
    this.handlers.onEnd?.(this.socket);
    // Acknowledge at once on every subflow.
    for (const s of this.subflows) if (s.canCarryData) s.ep.sendSignal(this.now);
    this.maybeCloseSubflows();
  }

  receiveSpace(): number {
    return Math.max(0, this.settings.receiveBufferBytes - this.ooo.bytesHeld);
  }

  /** DATA_ACK value and whether it goes out in 64 bits. */
  dataAck(): { value: bigint; is64: boolean } | null {
    if (this.rcvNxt === null) return null;
    return { value: this.rcvNxt, is64: this.peerUses64 };
  }

  // ------------------------------------------------------------ closing

  /**
   * Both DATA_FINs are acknowledged: the connection is closed (RFC 8684
   * §3.3.3, and Linux's msk goes to CLOSE here) and its subflows close with
   * FIN exchanges of their own, which may outlive it on a dead path.
   */
  private maybeCloseSubflows(): void {
    if (!this.dataFinAcked || !this.peerDataFinDelivered) return;
    for (const s of this.subflows) if (!s.ep.closed) s.close();
    this.kickAll();
    this.finish('fin');
  }

  /** A subflow reached CLOSED; the connection ends with its last one. */
  onSubflowClosed(sf: MptcpSubflow, reason: string): void {
    const live = this.subflows.filter((s) => !s.ep.closed && s.ep.state !== 'TIME_WAIT');
    if (live.length > 0) {
      if (reason !== 'fin') this.reinjectFrom(sf);
      return;
    }
    if (this.dataFinAcked && this.peerDataFinDelivered) this.finish('fin');
    else if (this.fallback) this.finish(reason);
    else this.finish(reason === 'fin' ? 'subflows-closed' : reason);
  }

  /** MP_FASTCLOSE carrying our key: tear everything down (RFC 8684 §3.5). */
  onFastclose(packetId: number): void {
    this.event({ kind: 'mptcp-fastclose-accepted' }, [packetId]);
    // Finish first: the subflow resets below would otherwise close us as 'reset-sent'.
    this.finish('fastclose');
    for (const s of this.subflows) if (!s.ep.closed) s.resetQuietly();
  }

  finish(reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.setState('closed', reason);
    this.closedReason = reason;
    this.tokens.remove(this.localToken, this);
    this.handlers.onClose?.(this.socket, reason);
  }

  /** Endpoint text of the initial subflow, for events. */
  get name(): string {
    const first = this.subflows[0]?.ep;
    return first ? `${formatEndpoint(first.localAddr, first.localPort)}→${formatEndpoint(first.remoteAddr, first.remotePort)}` : this.id;
  }

  /** Every subflow that could carry data is stale. */
  allStale(): boolean {
    for (const s of this.subflows) if (s.canCarryData && !s.stale) return false;
    return true;
  }

  /** True when a subflow may carry data now (used by path managers too). */
  usableSubflows(): MptcpSubflow[] {
    return this.subflows.filter((s) => s.canCarryData);
  }

  endpointOf(sf: MptcpSubflow): TcpEndpoint {
    return sf.ep;
  }
}
