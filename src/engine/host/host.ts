/**
 * A host: its interfaces and addresses, its TCP endpoints (demultiplexed by
 * 4-tuple), its listeners and applications. It is the glue between the
 * simulator and the sans-IO endpoints: after every input it drains what the
 * endpoints want to send onto the wire and re-arms one wake-up for their
 * earliest timer. A multihomed host sends each packet out of the interface
 * that owns its source address, as Linux does with MPTCP's per-address
 * routing.
 */
import type { Rng } from '../core/rng.ts';
import type { HostSpec } from '../scenario/types.ts';
import type { Simulation } from '../sim/simulation.ts';
import { TcpEndpoint } from '../tcp/tcp-endpoint.ts';
import { synOptions } from '../tcp/negotiation.ts';
import { ChallengeAckBudget } from '../tcp/challenge-ack-limit.ts';
import { DEFAULT_TCP_CONFIG, type TcpConfig, type TcpUpper } from '../tcp/types.ts';
import { serviceEndpoint } from '../tcp/dispatch-events.ts';
import { buildTcpPacket } from '../wire/build-tcp-packet.ts';
import { formatEndpoint, formatIp, type IpAddress } from '../wire/ip-address.ts';
import type { EventBody, HostEvent } from '../sim/events.ts';
import { cryptoCounters } from '../crypto/hash.ts';
import { SynCookies, decodeCookieTimestamp, encodeCookieTimestamp, type CookieTuple } from '../tcp/syn-cookie.ts';
import { HALF_OPEN_BYTES, newSynRecord, type SynRecord } from './syn-ledger.ts';
import { decodePacket } from '../wire/packet.ts';
import { TCP_FLAG, type TcpHeader } from '../wire/tcp-header.ts';
import { padOptionsToWord, type TcpOption } from '../wire/tcp-options.ts';
import { addressKey, destinationKey } from '../net/address-key.ts';
import { readAddress, tcpView } from '../net/rewrite.ts';
import type { Link } from '../net/link.ts';
import type { NetNode } from '../net/node.ts';
import type { AppHandlers, AppSocket } from './app-socket.ts';
import { TcpSocket } from './tcp-socket.ts';

export interface HostInterface {
  readonly id: string;
  readonly addresses: IpAddress[];
  link: Link | null;
  end: 0 | 1;
}

/**
 * What a listener does with a SYN: give the new endpoint its upper layer,
 * refuse it (null: a plain RST), refuse it with options on the RST
 * (MP_TCPRST with a reason), or answer it from a SYN cookie with these
 * options on the SYN/ACK and keep nothing.
 */
export type SynVerdict = TcpUpper | null | { refuseWith: readonly TcpOption[] } | { cookie: readonly TcpOption[] };
export type SynHandler = (host: Host, ep: TcpEndpoint, syn: TcpHeader, packetId: number, record: SynRecord) => SynVerdict;
/** What a listener does with an ACK whose SYN cookie verified: the upper for the endpoint rebuilt from it, or a refusal. */
export type CookieAckVerdict = TcpUpper | null | { refuseWith: readonly TcpOption[] };
export type CookieAckHandler = (host: Host, ep: TcpEndpoint, ack: TcpHeader, packetId: number) => CookieAckVerdict;

const tupleKey = (la: IpAddress, lp: number, ra: IpAddress, rp: number) => `${addressKey(la)}/${lp}|${addressKey(ra)}/${rp}`;

/** Packets and bytes a host sent to one address. */
export interface DestinationRecord {
  address: IpAddress;
  packets: number;
  bytes: number;
  firstUs: number;
  firstPacketId: number;
}

export class Host implements NetNode {
  readonly id: string;
  readonly interfaces: HostInterface[];
  readonly rng: Rng;
  readonly tcpConfig: TcpConfig;
  /** RFC 5961 §7's host-wide challenge ACK limit, shared by all its endpoints (Linux's per-netns one). */
  readonly challengeAcks: ChallengeAckBudget;
  private readonly endpoints = new Map<string, TcpEndpoint>();
  private readonly listeners = new Map<number, { syn: SynHandler; cookieAck: CookieAckHandler | null }>();
  /** Consulted first for every SYN carrying MP_JOIN, whatever its port: joins are found by token (RFC 8684 §3.2). */
  joinHandler: SynHandler | null = null;
  /** For an ACK carrying MP_JOIN whose SYN was answered from a cookie. */
  joinCookieAckHandler: CookieAckHandler | null = null;
  /** What it did with every SYN its listeners and MPTCP stack handled. */
  readonly syns: SynRecord[] = [];
  /** Its SYN-cookie secret, when it answers some SYNs statelessly (syn-cookies, stateless-join). */
  synCookies: SynCookies | null = null;
  /** Plain TCP listeners answer every SYN with a cookie (the syn-cookies mitigation, Linux tcp_syncookies=2). */
  cookieListeners = false;
  private readonly ifaceByAddress = new Map<string, number>();
  /** Interface to use toward a destination address (computed by the topology). */
  readonly routes = new Map<string, number>();
  private readonly dirty = new Set<TcpEndpoint>();
  /** Every endpoint ever opened, for the run's statistics. */
  readonly history: TcpEndpoint[] = [];
  private wakeAt = Infinity;
  private wakeVersion = 0;
  private ipIdCounter: number;
  private readonly usedPorts = new Set<number>();
  /** Called after every input, so higher layers (MPTCP path managers) can act. */
  readonly afterInput: (() => void)[] = [];

  constructor(
    readonly sim: Simulation,
    readonly spec: HostSpec,
    addresses: IpAddress[][],
    tcpConfig: Partial<TcpConfig> = {},
  ) {
    this.id = spec.id;
    this.rng = sim.rng.fork(`host:${spec.id}`);
    this.tcpConfig = { ...DEFAULT_TCP_CONFIG, ...tcpConfig };
    this.challengeAcks = new ChallengeAckBudget(this.tcpConfig.challengeAckLimit, this.rng.fork('challenge-acks'));
    this.interfaces = spec.interfaces.map((i, n) => ({ id: i.id, addresses: addresses[n] ?? [], link: null, end: 0 }));
    this.interfaces.forEach((iface, n) => iface.addresses.forEach((a) => this.ifaceByAddress.set(addressKey(a), n)));
    this.ipIdCounter = this.rng.below(65536);
  }

  get now(): number {
    return this.sim.now;
  }

  attach(iface: number, link: Link, end: 0 | 1): void {
    const i = this.interfaces[iface]!;
    i.link = link;
    i.end = end;
  }

  ownsAddress(a: IpAddress): boolean {
    return this.ifaceByAddress.has(addressKey(a));
  }

  /** The address this host would use as source toward `dst` (its outgoing interface's first address of that family). */
  sourceFor(dst: IpAddress): IpAddress | null {
    const iface = this.routes.get(addressKey(dst));
    const list = iface === undefined ? [] : this.interfaces[iface]!.addresses;
    return list.find((a) => a.family === dst.family) ?? null;
  }

  /** Records a decision of this host (or of a layer in it) in the run's trace. */
  event(body: EventBody, packets?: number[]): void {
    this.sim.trace.event({ ...body, timeUs: this.sim.now, host: this.id, ...(packets ? { packets } : {}) } as HostEvent);
  }

  // ------------------------------------------------------------- sockets

  listen(port: number, handler: SynHandler, cookieAck: CookieAckHandler | null = null): void {
    this.listeners.set(port, { syn: handler, cookieAck });
    this.usedPorts.add(port);
  }

  /** Answers some SYNs from cookies from now on (a secret of its own, from its seed). */
  enableSynCookies(forTcpListeners: boolean): void {
    const secretRng = this.rng.fork('syn-cookie-secret');
    this.synCookies ??= new SynCookies(Uint8Array.from({ length: 16 }, () => secretRng.below(256)));
    this.cookieListeners ||= forTcpListeners;
  }

  /** A plain TCP listener handing each accepted connection to `handlersFor`. */
  listenTcp(port: number, handlersFor: (s: AppSocket) => AppHandlers): void {
    const accept = (host: Host, ep: TcpEndpoint) => {
      const holder: { h: AppHandlers } = { h: {} };
      const socket = new TcpSocket(
        {
          onOpen: (s) => holder.h.onOpen?.(s),
          onData: (s, b) => holder.h.onData?.(s, b),
          onEnd: (s) => holder.h.onEnd?.(s),
          onClose: (s, r) => holder.h.onClose?.(s, r),
        },
        () => host.now,
        (e) => host.touch(e),
      );
      socket.endpoint = ep;
      holder.h = handlersFor(socket);
      return socket;
    };
    this.listen(
      port,
      (host, ep, _syn, _packetId, record) => {
        if (host.cookieListeners) return { cookie: [] };
        record.kept = { structure: 'tcp_request_sock', bytes: HALF_OPEN_BYTES.tcp_request_sock, fixedSlot: false };
        return accept(host, ep);
      },
      (host, ep) => accept(host, ep),
    );
  }

  ephemeralPort(): number {
    for (;;) {
      const p = 32768 + this.rng.below(60999 - 32768);
      if (!this.usedPorts.has(p)) {
        this.usedPorts.add(p);
        return p;
      }
    }
  }

  /** Creates an endpoint toward `remote:remotePort` from `local` (chosen by route when absent). */
  openEndpoint(remote: IpAddress, remotePort: number, upper: TcpUpper | null, local?: IpAddress, localPort?: number, iss?: number): TcpEndpoint {
    const src = local ?? this.sourceFor(remote);
    if (!src) throw new Error(`${this.id}: no interface reaches ${formatEndpoint(remote, remotePort)}`);
    const ep = new TcpEndpoint({
      localAddr: src,
      localPort: localPort ?? this.ephemeralPort(),
      remoteAddr: remote,
      remotePort,
      iss: iss ?? this.rng.u32(),
      config: this.tcpConfig,
      upper,
      events: (e, p) => this.event(e, p),
      ipId: () => (this.ipIdCounter = (this.ipIdCounter + 1) & 0xffff),
      challengeBudget: this.challengeAcks,
    });
    this.endpoints.set(tupleKey(ep.localAddr, ep.localPort, ep.remoteAddr, ep.remotePort), ep);
    this.history.push(ep);
    return ep;
  }

  /** Plain TCP active open. */
  connectTcp(remote: IpAddress, remotePort: number, handlers: AppHandlers): TcpSocket {
    const socket = new TcpSocket(handlers, () => this.now, (e) => this.touch(e));
    const ep = this.openEndpoint(remote, remotePort, socket);
    socket.endpoint = ep;
    ep.connect(this.now);
    this.touch(ep);
    return socket;
  }

  /** Marks an endpoint as having output or new timers; flushed after the current input. */
  touch(ep: TcpEndpoint): void {
    this.dirty.add(ep);
    this.flush();
  }

  /** Marks an endpoint for the flush that follows whatever call is running now (sans-IO callers: MPTCP). */
  markDirty(ep: TcpEndpoint): void {
    this.dirty.add(ep);
  }

  /** Protocol objects above TCP with timers of their own (MPTCP): their deadlines join the endpoints' in `rearm`. */
  private readonly timerSources: TimerSource[] = [];

  addTimerSource(source: TimerSource): void {
    this.timerSources.push(source);
  }

  private flushing = false;

  /** Puts every dirty endpoint's output on the wire and re-arms the wake-up. */
  flush(): void {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.dirty.size > 0) {
        const batch = [...this.dirty];
        this.dirty.clear();
        for (const ep of batch) {
          serviceEndpoint(ep, this.now);
          for (const bytes of ep.takeOutput()) this.transmit(ep.localAddr, bytes);
          if (ep.closed && ep.nextTimeoutUs() === Infinity) this.forget(ep);
        }
      }
      for (const f of this.afterInput) f();
    } finally {
      this.flushing = false;
    }
    this.rearm();
  }

  private forget(ep: TcpEndpoint): void {
    const key = tupleKey(ep.localAddr, ep.localPort, ep.remoteAddr, ep.remotePort);
    if (this.endpoints.get(key) === ep) this.endpoints.delete(key);
  }

  /**
   * What this host sent to each destination address, when the run tracks it
   * (runs with attackers, for the third-party-flooding monitor); null otherwise.
   */
  destinations: Map<string, DestinationRecord> | null = null;
  /** When it first received a packet from each source address, tracked with `destinations`. */
  readonly heardFrom = new Map<string, number>();
  /** Bytes it received from each source address (even spoofed ones), tracked with `destinations`. */
  readonly receivedFrom = new Map<string, number>();
  /** Every attacker packet that reached it, and whether TCP took it in (it passed TCP's checks). Truth for monitors only. */
  readonly attackerArrivals: { packetId: number; atUs: number; accepted: boolean }[] = [];

  /** Sends raw IP bytes out of the interface owning `src`. */
  transmit(src: IpAddress, bytes: Uint8Array): void {
    const iface = this.ifaceByAddress.get(addressKey(src));
    const link = iface === undefined ? null : this.interfaces[iface]!.link;
    if (!link) {
      this.event({ kind: 'host-no-route', source: formatIp(src) });
      return;
    }
    const id = this.sim.packetId();
    if (this.destinations) this.track(bytes, id);
    link.send(this.interfaces[iface!]!.end, bytes, id);
  }

  private track(bytes: Uint8Array, packetId: number): void {
    // Straight from the header bytes: this runs for every packet of an attacked run.
    const key = destinationKey(bytes);
    if (key === null) return;
    const r = this.destinations!.get(key);
    if (r) {
      r.packets++;
      r.bytes += bytes.length;
      return;
    }
    const v = tcpView(bytes);
    if (v) this.destinations!.set(key, { address: readAddress(bytes, v, 'dst'), packets: 1, bytes: bytes.length, firstUs: this.now, firstPacketId: packetId });
  }

  // ------------------------------------------------------------- input

  receive(_iface: number, bytes: Uint8Array, packetId: number): void {
    const d = decodePacket(bytes);
    if (!d.ok || !d.value.tcp) return;
    const p = d.value;
    if (!this.ownsAddress(p.ip.dst)) return; // hosts do not forward
    if (this.destinations) {
      const src = addressKey(p.ip.src);
      if (!this.heardFrom.has(src)) this.heardFrom.set(src, this.now);
      this.receivedFrom.set(src, (this.receivedFrom.get(src) ?? 0) + bytes.length);
    }
    const h = p.tcp!.header;
    const payload = bytes.subarray(p.payloadOffset, p.payloadOffset + p.payloadLength);
    const key = tupleKey(p.ip.dst, h.dstPort, p.ip.src, h.srcPort);
    let ep = this.endpoints.get(key);
    if (!ep || (ep.state === 'TIME_WAIT' && h.flags & TCP_FLAG.SYN && !(h.flags & TCP_FLAG.ACK))) {
      if (ep) this.forget(ep);
      const accepted = h.flags & TCP_FLAG.SYN ? this.acceptSyn(p.ip.dst, p.ip.src, h, packetId) : this.acceptCookieAck(p.ip.dst, p.ip.src, h, payload, packetId);
      if (accepted === 'handled') {
        this.noteArrival(packetId, true);
        this.flush();
        return;
      }
      if (!(accepted instanceof TcpEndpoint)) {
        this.noteArrival(packetId, false);
        this.refuse(p.ip.dst, p.ip.src, h, payload.length, packetId, accepted?.refuseWith ?? []);
        this.rearm();
        return;
      }
      this.noteArrival(packetId, true);
      ep = accepted;
    } else {
      this.noteArrival(packetId, ep.handleSegment(this.now, h, payload, packetId));
    }
    this.dirty.add(ep);
    this.flush();
  }

  private noteArrival(packetId: number, accepted: boolean): void {
    if (this.sim.attackerPackets.has(packetId)) this.attackerArrivals.push({ packetId, atUs: this.now, accepted });
  }

  private acceptSyn(local: IpAddress, remote: IpAddress, h: TcpHeader, packetId: number): TcpEndpoint | { refuseWith: readonly TcpOption[] } | null | 'handled' {
    const f = h.flags;
    if (!(f & TCP_FLAG.SYN) || f & (TCP_FLAG.ACK | TCP_FLAG.RST)) return null;
    const isJoin = h.options.some((o) => o.kind === 'mp-join-syn');
    const handler = (isJoin ? this.joinHandler : null) ?? this.listeners.get(h.dstPort)?.syn;
    if (!handler) return null;
    const before = { ...cryptoCounters };
    const record = newSynRecord(packetId, this.now, isJoin ? 'mp-join' : h.options.some((o) => o.kind === 'mp-capable') ? 'mp-capable' : 'tcp');
    this.syns.push(record);
    const ep = this.openEndpoint(remote, h.srcPort, null, local, h.dstPort);
    const verdict = handler(this, ep, h, packetId, record);
    let out: TcpEndpoint | { refuseWith: readonly TcpOption[] } | null | 'handled';
    if (verdict === null || 'refuseWith' in verdict || 'cookie' in verdict) {
      this.forget(ep);
      this.history.pop();
      if (verdict !== null && 'cookie' in verdict) {
        record.cookie = true;
        this.sendCookieSynAck(local, remote, h, verdict.cookie);
        out = 'handled';
      } else out = verdict;
    } else {
      ep.upper = verdict;
      ep.acceptSyn(this.now, h);
      if (record.kept) record.endpoint = ep;
      out = ep;
    }
    record.crypto = { hashes: cryptoCounters.hashes - before.hashes, hmacs: cryptoCounters.hmacs - before.hmacs, compressions: cryptoCounters.compressions - before.compressions, cipherBlocks: cryptoCounters.cipherBlocks - before.cipherBlocks };
    return out;
  }

  /** Answers a SYN with a SYN/ACK whose ISN is a SYN cookie, keeping nothing (`syn-cookie.ts`). */
  private sendCookieSynAck(local: IpAddress, remote: IpAddress, syn: TcpHeader, extra: readonly TcpOption[]): void {
    let mss = 536;
    let windowScale: number | null = null;
    let sack = false;
    let ts: number | null = null;
    for (const o of syn.options) {
      if (o.kind === 'mss') mss = o.mss;
      else if (o.kind === 'window-scale') windowScale = Math.min(o.shift, 14);
      else if (o.kind === 'sack-permitted') sack = true;
      else if (o.kind === 'timestamps') ts = o.tsval;
    }
    const cfg = this.tcpConfig;
    const tuple: CookieTuple = { local, localPort: syn.dstPort, remote, remotePort: syn.srcPort, clientIsn: syn.seq };
    const cookie = this.synCookies!.issue(tuple, mss, this.now);
    // Without timestamps the cookie cannot carry window scale and SACK, so Linux gives them up.
    const useTs = ts !== null && cfg.timestamps;
    const own = synOptions({
      mss: cfg.mtuBytes - (local.family === 4 ? 20 : 40) - 20,
      sack: useTs && sack && cfg.sackPermitted,
      timestamps: useTs ? { tsval: encodeCookieTimestamp(Math.floor(this.now / 1000) >>> 0, { windowScale, sack }), tsecr: ts! } : null,
      windowScale: useTs && windowScale !== null && cfg.windowScale > 0 ? cfg.windowScale : null,
    });
    this.event({ kind: 'tcp-syn-cookie-sent', local: formatEndpoint(local, syn.dstPort), remote: formatEndpoint(remote, syn.srcPort), cookie: cookie.isn });
    this.transmit(
      local,
      buildTcpPacket({
        src: local,
        dst: remote,
        srcPort: syn.dstPort,
        dstPort: syn.srcPort,
        seq: cookie.isn,
        ack: (syn.seq + 1) >>> 0,
        flags: TCP_FLAG.SYN | TCP_FLAG.ACK,
        window: Math.min(65535, cfg.receiveBufferBytes),
        options: padOptionsToWord([...own, ...extra]),
        payloadLength: 0,
        ipId: (this.ipIdCounter = (this.ipIdCounter + 1) & 0xffff),
        ttl: 64,
      }),
    );
  }

  /**
   * An ACK for no connection: if it answers one of our SYN cookies, the
   * connection is made now, from what the cookie and the ACK carry, and the
   * ACK is handled by it; anything else is refused as usual.
   */
  private acceptCookieAck(local: IpAddress, remote: IpAddress, h: TcpHeader, payload: Uint8Array, packetId: number): { refuseWith: readonly TcpOption[] } | null | 'handled' {
    const f = h.flags;
    if (!this.synCookies || !(f & TCP_FLAG.ACK) || f & (TCP_FLAG.SYN | TCP_FLAG.RST)) return null;
    const isJoin = h.options.some((o) => o.kind === 'mp-join-ack');
    const handler = isJoin ? this.joinCookieAckHandler : (this.listeners.get(h.dstPort)?.cookieAck ?? null);
    if (!handler) return null;
    const clientIsn = (h.seq - 1) >>> 0;
    const ok = this.synCookies.check({ local, localPort: h.dstPort, remote, remotePort: h.srcPort, clientIsn }, (h.ack - 1) >>> 0, this.now);
    if (!ok) {
      this.event({ kind: 'tcp-syn-cookie-rejected', local: formatEndpoint(local, h.dstPort), remote: formatEndpoint(remote, h.srcPort), ack: h.ack }, [packetId]);
      return null;
    }
    const ts = h.options.find((o) => o.kind === 'timestamps');
    const echoed = ts?.kind === 'timestamps' ? decodeCookieTimestamp(ts.tsecr) : { windowScale: null, sack: false };
    const ep = this.openEndpoint(remote, h.srcPort, null, local, h.dstPort, (h.ack - 1) >>> 0);
    const verdict = handler(this, ep, h, packetId);
    if (verdict === null || 'refuseWith' in verdict) {
      this.forget(ep);
      this.history.pop();
      return verdict;
    }
    ep.upper = verdict;
    ep.restoreFromCookie(this.now, clientIsn, { mss: ok.mss, windowScale: echoed.windowScale, sack: echoed.sack, tsRecent: ts?.kind === 'timestamps' ? ts.tsval : null });
    ep.handleSegment(this.now, h, payload, packetId);
    this.dirty.add(ep);
    return 'handled';
  }

  /** RFC 9293 §3.10.7.1: a segment for no connection gets a RST (never in answer to a RST). */
  private refuse(local: IpAddress, remote: IpAddress, h: TcpHeader, payloadLength: number, packetId: number, options: readonly TcpOption[] = []): void {
    if (h.flags & TCP_FLAG.RST) return;
    const ack = h.flags & TCP_FLAG.ACK;
    const segLen = payloadLength + (h.flags & TCP_FLAG.SYN ? 1 : 0) + (h.flags & TCP_FLAG.FIN ? 1 : 0);
    this.event({ kind: 'tcp-refused', local: formatEndpoint(local, h.dstPort), remote: formatEndpoint(remote, h.srcPort) }, [packetId]);
    this.transmit(
      local,
      buildTcpPacket({
        src: local,
        dst: remote,
        srcPort: h.dstPort,
        dstPort: h.srcPort,
        seq: ack ? h.ack : 0,
        ack: ack ? 0 : (h.seq + segLen) >>> 0,
        flags: ack ? TCP_FLAG.RST : TCP_FLAG.RST | TCP_FLAG.ACK,
        window: 0,
        options: padOptionsToWord(options),
        payloadLength: 0,
        ipId: (this.ipIdCounter = (this.ipIdCounter + 1) & 0xffff),
        ttl: 64,
      }),
    );
  }

  // ------------------------------------------------------------- time

  /** Schedules `fn` at `atUs` as host work (applications start, path-manager timers). */
  later(atUs: number, fn: () => void): void {
    this.sim.at(atUs, () => {
      fn();
      this.flush();
    });
  }

  /**
   * Keeps one wake-up at or before the earliest endpoint deadline. A later
   * deadline does not reschedule (the RTO moves with every ACK): the early
   * wake-up finds nothing due and re-arms, one spurious event per timeout
   * period instead of one per packet.
   */
  private rearm(): void {
    let next = Infinity;
    for (const ep of this.endpoints.values()) {
      const t = ep.nextTimeoutUs();
      if (t < next) next = t;
    }
    for (const src of this.timerSources) {
      const t = src.nextTimeoutUs();
      if (t < next) next = t;
    }
    if (next >= this.wakeAt) return;
    this.wakeAt = next;
    const version = ++this.wakeVersion;
    this.sim.at(next, () => {
      if (version !== this.wakeVersion) return;
      this.wakeAt = Infinity;
      const now = this.sim.now;
      for (const ep of [...this.endpoints.values()]) {
        if (ep.nextTimeoutUs() <= now) {
          ep.handleTimeout(now);
          this.dirty.add(ep);
        }
      }
      for (const src of this.timerSources) if (src.nextTimeoutUs() <= now) src.handleTimeout(now);
      this.flush();
    });
  }

  /** Endpoints still open (not CLOSED, not waiting in TIME_WAIT). */
  get activeEndpoints(): number {
    let n = 0;
    for (const ep of this.endpoints.values()) if (!ep.closed && ep.state !== 'TIME_WAIT') n++;
    return n;
  }

  allEndpoints(): TcpEndpoint[] {
    return [...this.endpoints.values()];
  }
}

/** Anything with deadlines the host's wake-up serves (`nextTimeoutUs()`, `handleTimeout(now)`). */
export interface TimerSource {
  nextTimeoutUs(): number;
  handleTimeout(now: number): void;
}
