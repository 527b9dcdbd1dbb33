/**
 * A host's MPTCP: its token table, path manager, active and passive opens,
 * and the handling of every SYN+MP_JOIN that reaches the host (found by
 * token, whatever the port, RFC 8684 §3.2).
 */
import { hex32, hex64 } from '../core/hex.ts';
import type { FallbackCause, JoinRefusal } from '../sim/events.ts';
import { joinSynAckHmac, type JoinAddresses, type MptcpVersion } from '../crypto/mptcp-crypto.ts';
import { keyedHash32 } from '../crypto/keyed-hash.ts';
import { HALF_OPEN_BYTES, type SynRecord } from '../host/syn-ledger.ts';
import { connectionForToken, halfOpenLimitReached } from '../host/security-checks.ts';
import type { AppHandlers, AppSocket } from '../host/app-socket.ts';
import { type CookieAckVerdict, type Host, type SynVerdict } from '../host/host.ts';
import type { MptcpOutput } from './io.ts';
import { MptcpSocket } from './mptcp-socket.ts';
import { parseCidrAddress } from '../net/topology.ts';
import type { TcpEndpoint } from '../tcp/tcp-endpoint.ts';
import { formatEndpoint, formatIp, type IpAddress } from '../wire/ip-address.ts';
import { MPC_FLAG, type MpCapable, type MptcpOption } from '../wire/mptcp/types.ts';
import type { TcpHeader } from '../wire/tcp-header.ts';
import { MptcpConnection } from './connection.ts';
import { denyJoinId0Flag, joinToDeniedInitialAddress } from './join-id0.ts';
import { negotiateVersion } from './version-negotiation.ts';
import { PathManager, type JoinRequest } from './path-manager.ts';
import { settingsForVersion, type MptcpSettings } from './settings.ts';
import { MptcpSubflow } from './subflow.ts';
import { TokenTable } from './token-table.ts';

/** Linux's COOKIE_JOIN_SLOTS (net/mptcp/syncookies.c). */
export const JOIN_COOKIE_SLOTS = 1024;

/** What a join answered from a cookie needs at its third ACK (Linux struct join_entry). */
interface JoinSlot {
  token: number;
  remoteNonce: number;
  localNonce: number;
  remoteId: number;
  localId: number;
  backup: boolean;
}

export class MptcpStack {
  readonly tokens = new TokenTable<MptcpConnection>();
  /** syn-cookies: Linux's fixed table of joins answered from cookies (slot → what the third ACK needs). */
  private readonly joinSlots = new Map<number, JoinSlot>();
  /** Keys its stateless nonces and table slots. */
  private readonly secret: Uint8Array;
  readonly pm: PathManager;
  readonly connections: MptcpConnection[] = [];
  private readonly io: MptcpOutput;
  private counter = 0;

  constructor(
    readonly host: Host,
    readonly settings: MptcpSettings,
  ) {
    // The only way MPTCP's protocol objects reach this host (`io.ts`): they never hold it.
    this.io = {
      event: (body, packets) => host.event(body, packets),
      wake: (ep) => host.markDirty(ep),
      sourceFor: (dst) => host.sourceFor(dst),
    };
    host.addTimerSource(this);
    this.pm = new PathManager(settings, (req) => this.openJoin(req), parseCidrAddress);
    host.joinHandler = (_h, ep, syn, packetId, record) => this.acceptJoin(ep, syn, packetId, record);
    host.joinCookieAckHandler = (_h, ep, ack, packetId) => this.acceptJoinCookieAck(ep, ack, packetId);
    const cookies = settings.mitigations.has('syn-cookies');
    if (cookies || settings.mitigations.has('stateless-join')) host.enableSynCookies(cookies);
    const secretRng = host.rng.fork('mptcp-secret');
    this.secret = Uint8Array.from({ length: 16 }, () => secretRng.below(256));
  }

  private newConnection(role: 'client' | 'server', handlers: AppHandlers, cookieSource?: string, version: MptcpVersion = this.settings.version): MptcpConnection {
    // syn-cookies: a stateless server derives its key from the SYN (4-tuple and ISN) and a local
    // secret, so the key the third ACK echoes can be checked without state (RFC 8684 §3.1).
    const rng = cookieSource ? this.host.rng.fork(`syn-cookie:${cookieSource}`) : this.host.rng.fork(`mptcp-keys:${this.counter}`);
    const key = this.tokens.newKey(rng, version, this.settings.dhKeys);
    const id = `${this.host.id}#${this.counter++}`;
    // Linux falls back to TCP when no free token can be found (MPTCP_MIB_TOKENFALLBACKINIT).
    const conn = new MptcpConnection(this.io, this.host.rng.fork(`mptcp:${id}`), settingsForVersion(this.settings, version), role, this.tokens, key ?? { share: 0n, key: 0n, token: 0, idsn: 0n, dhPrivate: null }, handlers, id);
    conn.at(this.host.now);
    conn.socket = new MptcpSocket(conn, () => this.host.now);
    if (!key) conn.enterFallback({ cause: 'no-free-token' });
    conn.pm = this.pm;
    this.connections.push(conn);
    return conn;
  }

  connect(remote: IpAddress, port: number, handlers: AppHandlers): MptcpConnection {
    const conn = this.newConnection('client', handlers);
    const ep = this.host.openEndpoint(remote, port, null);
    const sf = new MptcpSubflow(conn, ep, 'initial', true);
    ep.upper = sf;
    conn.subflows.push(sf);
    conn.event({ kind: 'mptcp-connect', local: formatEndpoint(ep.localAddr, ep.localPort), remote: formatEndpoint(remote, port), version: this.settings.version, key: hex64(conn.localKey) });
    ep.connect(this.host.now);
    this.host.markDirty(ep);
    return conn;
  }

  listen(port: number, handlersFor: (s: AppSocket) => AppHandlers): void {
    this.host.listen(
      port,
      (_h, ep, syn, packetId, record) => this.acceptCapable(ep, syn, packetId, record, handlersFor),
      (_h, ep, ack, packetId) => this.acceptCapableCookieAck(ep, ack, packetId, handlersFor),
    );
  }

  /**
   * The version this host answers a SYN's MP_CAPABLE with (RFC 8684 §3.1,
   * `version-negotiation.ts`), or why it answers plain TCP (Linux
   * mptcp_parse_option: one crypto bit, H, and B clear).
   */
  private capableVersion(mpc: MpCapable | undefined, remote: string): { version: MptcpVersion } | { problem: FallbackCause } {
    if (!mpc) return { problem: { cause: 'syn-without-mpc', remote } };
    if ((mpc.flags & 0x1f) !== MPC_FLAG.H || mpc.flags & MPC_FLAG.B) return { problem: { cause: 'unsupported-mpc', remote, version: mpc.version, flags: mpc.flags } };
    const speaks = this.settings.versions;
    const d = negotiateVersion(mpc, speaks);
    if ('ignored' in d) return { problem: { cause: 'mpc-version-ignored', remote, offered: mpc.version, speaks: [...speaks], reason: d.ignored } };
    return { version: d.answer };
  }

  /**
   * syn-cookies: the server's key comes from the SYN (four-tuple and ISN)
   * and the host's secret (its seed), so the SYN/ACK can carry it without
   * state and the third ACK, which echoes it, rebuilds the same connection.
   */
  private cookieSource(local: string, remote: string, clientIsn: number): string {
    return `${remote}>${local}#${clientIsn}`;
  }

  /** A SYN to a listening port: MP_CAPABLE starts an MPTCP connection; anything else is plain TCP in a fallback connection. */
  private acceptCapable(ep: TcpEndpoint, syn: TcpHeader, packetId: number, record: SynRecord, handlersFor: (s: AppSocket) => AppHandlers): SynVerdict {
    const remote = formatEndpoint(ep.remoteAddr, ep.remotePort);
    const mpc = syn.options.find((o) => o.kind === 'mp-capable');
    if (this.settings.mitigations.has('syn-cookies')) {
      // RFC 8684 §3.1 (v1's third ACK carries both keys; v0's too): no state until the ACK comes back.
      const chosen = this.capableVersion(mpc, remote);
      if ('problem' in chosen) return { cookie: [] };
      const v = chosen.version;
      const key = this.tokens.newKey(this.host.rng.fork(`syn-cookie:${this.cookieSource(formatEndpoint(ep.localAddr, ep.localPort), remote, syn.seq)}`), v, this.settings.dhKeys);
      if (!key) return { cookie: [] };
      const checksums = this.settings.checksums || (mpc!.flags & MPC_FLAG.A) !== 0;
      return { cookie: [{ kind: 'mp-capable', version: v, flags: (checksums ? MPC_FLAG.A : 0) | MPC_FLAG.H | denyJoinId0Flag(v, this.settings), senderKey: key.share }] };
    }
    record.kept = { structure: 'mptcp_subflow_request_sock', bytes: HALF_OPEN_BYTES.mptcp_subflow_request_sock, fixedSlot: false };
    return this.openServerConnection(ep, mpc, packetId, handlersFor);
  }

  /** The third ACK of a handshake answered from a SYN cookie: the connection is made now, from the cookie and the keys the ACK echoes. */
  private acceptCapableCookieAck(ep: TcpEndpoint, ack: TcpHeader, packetId: number, handlersFor: (s: AppSocket) => AppHandlers): CookieAckVerdict {
    const mpc = ack.options.find((o) => o.kind === 'mp-capable');
    // The SYN's MP_CAPABLE, as far as the ACK repeats it: version and flags, and in v0 the client's key.
    const synMpc: MpCapable | undefined = mpc && { kind: 'mp-capable', version: mpc.version, flags: mpc.flags, ...(mpc.version === 0 && mpc.senderKey !== undefined ? { senderKey: mpc.senderKey } : {}) };
    const source = this.cookieSource(formatEndpoint(ep.localAddr, ep.localPort), formatEndpoint(ep.remoteAddr, ep.remotePort), (ack.seq - 1) >>> 0);
    return this.openServerConnection(ep, synMpc, packetId, handlersFor, source);
  }

  private openServerConnection(ep: TcpEndpoint, mpc: MpCapable | undefined, packetId: number, handlersFor: (s: AppSocket) => AppHandlers, cookieSource?: string): MptcpSubflow {
    const remote = formatEndpoint(ep.remoteAddr, ep.remotePort);
    const chosen = this.capableVersion(mpc, remote);
    // A connection that falls back keeps the version the host offers: its key is never used.
    const conn = this.newConnection('server', {}, cookieSource, 'version' in chosen ? chosen.version : this.settings.version);
    conn.handlers = handlersFor(conn.socket);
    const sf = new MptcpSubflow(conn, ep, 'initial', false);
    conn.subflows.push(sf);
    if ('problem' in chosen) conn.enterFallback(chosen.problem, packetId);
    else {
      const speaks = this.settings.versions;
      // Only a choice is worth a line: a single-version host answering the version offered chose nothing.
      if (speaks.length > 1 || chosen.version !== mpc!.version) conn.event({ kind: 'mptcp-version-chosen', remote, offered: mpc!.version, chosen: chosen.version, speaks: [...speaks] }, [packetId]);
      if (mpc!.senderKey !== undefined) conn.learnRemoteKey(mpc!.senderKey);
      conn.checksums = this.settings.checksums || (mpc!.flags & MPC_FLAG.A) !== 0;
      conn.event({ kind: 'mptcp-accept', remote, key: hex64(conn.localKey) }, [packetId]);
      // Linux (subflow_syn_recv_sock, "set remote_deny_join_id0 on SYN recv"): the client's C counts too.
      if (conn.version === 1 && mpc!.flags & MPC_FLAG.C) conn.notePeerDeniesJoinId0('syn', packetId);
    }
    return sf;
  }

  /**
   * SYN+MP_JOIN (RFC 8684 §3.2): token lookup, then a half-open responder
   * subflow — or, with stateless-join, no state at all (RFC 7430 §3.1), or,
   * with syn-cookies, Linux's way: a cookie SYN/ACK and the join's nonces in
   * one slot of a fixed 1024-entry table, overwritten by later joins.
   */
  private acceptJoin(ep: TcpEndpoint, syn: TcpHeader, packetId: number, record: SynRecord): SynVerdict {
    const j = syn.options.find((o) => o.kind === 'mp-join-syn');
    if (!j) return null;
    // MP_TCPRST only in v1: the connection's version once it is known, else the one this host offers.
    const refuse = (reason: number, why: JoinRefusal, version: MptcpVersion = this.settings.version): SynVerdict => {
      record.refused = why.reason;
      this.host.event({ kind: 'mptcp-join-rejected', remote: formatEndpoint(ep.remoteAddr, ep.remotePort), ...why }, [packetId]);
      return { refuseWith: version === 1 ? [{ kind: 'mp-tcprst', transient: false, reserved: 0, reason }] : [] };
    };
    const conn = connectionForToken(this.tokens, j.token)?.at(this.host.now);
    if (!conn) return refuse(1, { reason: 'unknown-token', token: hex32(j.token) });
    if (conn.fallback || conn.remoteKey === null) return refuse(1, { reason: 'not-established' });
    // RFC 8684 §3.1: having set C, this host accepts no subflow to its initial address and port.
    if (joinToDeniedInitialAddress(conn, ep)) return refuse(3, { reason: 'initial-address-denied', local: formatEndpoint(ep.localAddr, ep.localPort) }, conn.version);
    const remote = formatEndpoint(ep.remoteAddr, ep.remotePort);
    const localId = this.pm.localIdFor(conn, ep.localAddr);
    const synAck = (nonce: number): MptcpOption => ({
      kind: 'mp-join-syn-ack',
      backup: false,
      addressId: localId,
      truncatedHmac: joinSynAckHmac(this.settings.mac, conn.localKey, conn.remoteKey!, nonce, j.nonce, this.bound(ep)),
      nonce,
      reserved: 0,
    });
    if (this.settings.mitigations.has('stateless-join')) {
      // RFC 7430 §3.1: the nonce is recomputed from the SYN at the third ACK, so nothing is kept.
      conn.event({ kind: 'mptcp-join-syn', remote, addressId: j.addressId, backup: j.backup, stateless: true, cookie: false }, [packetId]);
      return { cookie: [synAck(this.statelessNonce(ep, syn.seq))] };
    }
    if (this.settings.mitigations.has('syn-cookies')) {
      // Linux (net/mptcp/syncookies.c): the join's data goes into a fixed table slot, keyed by the SYN.
      const nonce = conn.rng.u32();
      this.joinSlots.set(this.joinSlot(ep, syn.seq), { token: j.token, remoteNonce: j.nonce, localNonce: nonce, remoteId: j.addressId, localId, backup: j.backup });
      record.kept = { structure: 'join_entry', bytes: HALF_OPEN_BYTES.join_entry, fixedSlot: true };
      conn.event({ kind: 'mptcp-join-syn', remote, addressId: j.addressId, backup: j.backup, stateless: false, cookie: true }, [packetId]);
      return { cookie: [synAck(nonce)] };
    }
    const limit = this.settings.halfOpenJoinLimit;
    if (limit !== null) {
      const halfOpen = conn.subflows.filter((s) => s.kind === 'join' && !s.initiator && s.joinState === 'syn-received' && !s.ep.closed).length;
      if (halfOpenLimitReached(halfOpen, limit)) return refuse(2, { reason: 'half-open-limit', limit });
    }
    const sf = new MptcpSubflow(conn, ep, 'join', false);
    sf.remoteNonce = j.nonce;
    sf.remoteAddressId = j.addressId;
    sf.peerBackup = j.backup;
    sf.localAddressId = localId;
    conn.subflows.push(sf);
    record.kept = { structure: 'mptcp_subflow_request_sock', bytes: HALF_OPEN_BYTES.mptcp_subflow_request_sock, fixedSlot: false };
    sf.synRecord = record;
    conn.event({ kind: 'mptcp-join-syn', remote, addressId: j.addressId, backup: j.backup, stateless: false, cookie: false }, [packetId]);
    return sf;
  }

  /**
   * The third ACK of a join whose SYN was answered from a cookie: the
   * responder subflow is made now, from what the ACK carries (stateless-join)
   * or from the table slot (syn-cookies); its HMAC is checked next, as for any join.
   */
  private acceptJoinCookieAck(ep: TcpEndpoint, ack: TcpHeader, packetId: number): CookieAckVerdict {
    const a = ack.options.find((o) => o.kind === 'mp-join-ack');
    if (!a) return null;
    const remote = formatEndpoint(ep.remoteAddr, ep.remotePort);
    const clientIsn = (ack.seq - 1) >>> 0;
    const refuse = (why: JoinRefusal): CookieAckVerdict => {
      this.host.event({ kind: 'mptcp-join-rejected', remote, ...why }, [packetId]);
      return { refuseWith: this.settings.version === 1 ? [{ kind: 'mp-tcprst', transient: false, reserved: 0, reason: 1 }] : [] };
    };
    let join: JoinSlot;
    if (this.settings.mitigations.has('stateless-join')) {
      if (!a.stateless) return refuse({ reason: 'no-cookie-state' });
      // Address ID and backup flag ride in the ACK's reserved bits (the what-if's layout).
      join = { token: a.stateless.token, remoteNonce: a.stateless.nonce, localNonce: this.statelessNonce(ep, clientIsn), remoteId: a.reserved & 0xff, localId: 0, backup: (a.reserved & 0x100) !== 0 };
    } else {
      const slot = this.joinSlot(ep, clientIsn);
      const found = this.joinSlots.get(slot);
      if (!found) return refuse({ reason: 'no-cookie-state' });
      this.joinSlots.delete(slot);
      join = found;
    }
    const conn = connectionForToken(this.tokens, join.token)?.at(this.host.now);
    if (!conn) return refuse({ reason: 'unknown-token', token: hex32(join.token) });
    if (conn.fallback || conn.remoteKey === null) return refuse({ reason: 'not-established' });
    const sf = new MptcpSubflow(conn, ep, 'join', false);
    sf.stateless = true;
    sf.remoteNonce = join.remoteNonce;
    sf.localNonce = join.localNonce;
    sf.remoteAddressId = join.remoteId;
    sf.peerBackup = join.backup;
    sf.localAddressId = this.pm.localIdFor(conn, ep.localAddr);
    conn.subflows.push(sf);
    conn.event({ kind: 'mptcp-join-stateless-accepted', remote }, [packetId]);
    return sf;
  }

  /** stateless-join: the responder's nonce from the five-tuple, the initiator's ISN and a local secret (RFC 7430 §3.1). */
  private statelessNonce(ep: TcpEndpoint, clientIsn: number): number {
    return keyedHash32(this.secret, [1, ep.remoteAddr.bytes, ep.localAddr.bytes, (ep.remotePort << 16) | ep.localPort, clientIsn]);
  }

  /** syn-cookies: the join table slot for a SYN (Linux mptcp_join_entry_hash: the ISN and ports, keyed). */
  private joinSlot(ep: TcpEndpoint, clientIsn: number): number {
    return keyedHash32(this.secret, [2, clientIsn, (ep.remotePort << 16) | ep.localPort]) % JOIN_COOKIE_SLOTS;
  }

  /** With `address-bound-join-hmac`, the addresses as a responder sees them. */
  private bound(ep: TcpEndpoint): JoinAddresses | undefined {
    return this.settings.mitigations.has('address-bound-join-hmac') ? { initiator: ep.remoteAddr, responder: ep.localAddr } : undefined;
  }

  /** Scenario action `endpoint-remove`: every connection drops the address. */
  removeEndpoint(addr: IpAddress): void {
    this.host.event({ kind: 'pm-endpoint-removed', address: formatIp(addr) });
    this.pm.forgetEndpoint(addr);
    for (const c of this.connections) this.pm.removeLocalAddress(c.at(this.host.now), addr);
  }

  /** Scenario action `endpoint-backup`. */
  setEndpointBackup(addr: IpAddress, backup: boolean): void {
    this.host.event({ kind: 'pm-endpoint-changed', address: formatIp(addr), backup });
    this.pm.setEndpointBackup(addr, backup);
    for (const c of this.connections) this.pm.sendPriority(c.at(this.host.now), addr, backup);
  }

  /** Active join (path manager decisions). */
  private openJoin(req: JoinRequest): MptcpSubflow | null {
    const { conn } = req;
    if (conn.state === 'closed' || conn.fallback) return null;
    const ep = this.host.openEndpoint(req.remote, req.remotePort, null, req.local);
    const sf = new MptcpSubflow(conn, ep, 'join', true);
    ep.upper = sf;
    sf.localAddressId = req.localId;
    sf.remoteAddressId = req.remoteId;
    sf.localBackup = req.backup;
    conn.subflows.push(sf);
    conn.extraSubflows++;
    conn.event({ kind: 'mptcp-join-open', local: formatIp(req.local), localId: req.localId, remote: formatEndpoint(req.remote, req.remotePort), remoteId: req.remoteId, backup: req.backup });
    ep.connect(conn.now);
    this.host.markDirty(ep);
    return sf;
  }

  // ------------------------------------------------------------ timers (the host's timer source)

  /** The earliest deadline of any connection (its own, its subflows', its ADD_ADDR retransmissions). */
  nextTimeoutUs(): number {
    let next = Infinity;
    for (const c of this.connections) {
      const t = c.nextTimeoutUs();
      if (t < next) next = t;
    }
    return next;
  }

  handleTimeout(now: number): void {
    for (const c of this.connections) if (c.nextTimeoutUs() <= now) c.handleTimeout(now);
  }
}
