/**
 * A host's MPTCP: its token table, path manager, active and passive opens,
 * and the handling of every SYN+MP_JOIN that reaches the host (found by
 * token, whatever the port, RFC 8684 §3.2).
 */
import { hex32 } from '../core/hex.ts';
import type { AppHandlers, AppSocket } from '../host/app-socket.ts';
import { PLACEHOLDER_UPPER, type Host, type SynVerdict } from '../host/host.ts';
import { parseCidrAddress } from '../net/topology.ts';
import type { TcpEndpoint } from '../tcp/tcp-endpoint.ts';
import { formatEndpoint, formatIp, type IpAddress } from '../wire/ip-address.ts';
import { MPC_FLAG } from '../wire/mptcp/types.ts';
import type { TcpHeader } from '../wire/tcp-header.ts';
import { MptcpConnection } from './connection.ts';
import { PathManager, type JoinRequest } from './path-manager.ts';
import type { MptcpSettings } from './settings.ts';
import { MptcpSubflow } from './subflow.ts';
import { TokenTable } from './token-table.ts';

/** What a host did with one SYN+MP_JOIN: the ground truth for resource monitors. */
export interface JoinSynRecord {
  packetId: number;
  atUs: number;
  /** It kept half-open state for it. */
  kept: boolean;
  /** HMACs it computed for it (the SYN/ACK's). */
  hmacs: number;
  /** Why it refused it, when it did. */
  refused: string | null;
  /** The initiator answered the SYN/ACK, with a third ACK (verified or not) or a RST, as a real host does. */
  answered: boolean;
  /** The join it started completed (its third ACK verified). */
  completed: boolean;
}

export class MptcpStack {
  readonly tokens = new TokenTable<MptcpConnection>();
  readonly joinSyns: JoinSynRecord[] = [];
  readonly pm: PathManager;
  readonly connections: MptcpConnection[] = [];
  private counter = 0;

  constructor(
    readonly host: Host,
    readonly settings: MptcpSettings,
  ) {
    this.pm = new PathManager(host, settings, (req) => this.openJoin(req), parseCidrAddress);
    host.joinHandler = (h, ep, syn, packetId) => this.acceptJoin(ep, syn, packetId);
  }

  private newConnection(role: 'client' | 'server', handlers: AppHandlers, cookieSource?: string): MptcpConnection {
    // syn-cookies: a stateless server derives its key from the SYN (4-tuple and ISN) and a local
    // secret, so the key the third ACK echoes can be checked without state (RFC 8684 §3.1).
    const rng = cookieSource ? this.host.rng.fork(`syn-cookie:${cookieSource}`) : this.host.rng.fork(`mptcp-keys:${this.counter}`);
    const key = this.tokens.newKey(rng, this.settings.version, this.settings.dhKeys);
    const id = `${this.host.id}#${this.counter++}`;
    // Linux falls back to TCP when no free token can be found (MPTCP_MIB_TOKENFALLBACKINIT).
    const conn = new MptcpConnection(this.host, this.settings, role, this.tokens, key ?? { share: 0n, key: 0n, token: 0, idsn: 0n, dhPrivate: null }, handlers, id);
    if (!key) conn.enterFallback('no free token after 4 key draws: falling back to TCP');
    conn.pm = this.pm;
    this.connections.push(conn);
    return conn;
  }

  connect(remote: IpAddress, port: number, handlers: AppHandlers): MptcpConnection {
    const conn = this.newConnection('client', handlers);
    const ep = this.host.openEndpoint(remote, port, PLACEHOLDER_UPPER);
    const sf = new MptcpSubflow(conn, ep, 'initial', true);
    ep.upper = sf;
    conn.subflows.push(sf);
    conn.event('mptcp-connect', `opens ${formatEndpoint(ep.localAddr, ep.localPort)} → ${formatEndpoint(remote, port)} (MPTCP v${this.settings.version}, key ${conn.localKey.toString(16).padStart(16, '0')})`);
    ep.connect(this.host.now);
    this.host.touch(ep);
    return conn;
  }

  listen(port: number, handlersFor: (s: AppSocket) => AppHandlers): void {
    this.host.listen(port, (_h, ep, syn, packetId) => this.acceptCapable(ep, syn, packetId, handlersFor));
  }

  /** A SYN to a listening port: MP_CAPABLE starts an MPTCP connection; anything else is plain TCP in a fallback connection. */
  private acceptCapable(ep: TcpEndpoint, syn: TcpHeader, packetId: number, handlersFor: (s: AppSocket) => AppHandlers): SynVerdict {
    const cookies = this.settings.mitigations.has('syn-cookies');
    const conn = this.newConnection('server', {}, cookies ? `${formatEndpoint(ep.remoteAddr, ep.remotePort)}>${formatEndpoint(ep.localAddr, ep.localPort)}#${syn.seq}` : undefined);
    conn.synCookie = cookies;
    conn.handlers = handlersFor(conn);
    const sf = new MptcpSubflow(conn, ep, 'initial', false);
    conn.subflows.push(sf);
    const mpc = syn.options.find((o) => o.kind === 'mp-capable');
    const v = this.settings.version;
    if (!mpc) {
      conn.enterFallback(`SYN from ${formatEndpoint(ep.remoteAddr, ep.remotePort)} without MP_CAPABLE: plain TCP`, packetId);
    } else if (mpc.version !== v || (v === 0 && mpc.senderKey === undefined) || (v === 1 && mpc.senderKey !== undefined) || (mpc.flags & 0x1f) !== MPC_FLAG.H || mpc.flags & MPC_FLAG.B) {
      conn.enterFallback(`SYN's MP_CAPABLE (version ${mpc.version}, flags 0x${mpc.flags.toString(16)}) is not one this host speaks: answered as plain TCP`, packetId);
    } else {
      if (mpc.senderKey !== undefined) conn.learnRemoteKey(mpc.senderKey);
      conn.checksums = this.settings.checksums || (mpc.flags & MPC_FLAG.A) !== 0;
      conn.event('mptcp-accept', `MP_CAPABLE SYN from ${formatEndpoint(ep.remoteAddr, ep.remotePort)}: new connection, key ${conn.localKey.toString(16).padStart(16, '0')}`, [packetId]);
    }
    return sf;
  }

  /** SYN+MP_JOIN: token lookup, half-open limit, then a responder subflow (RFC 8684 §3.2). */
  private acceptJoin(ep: TcpEndpoint, syn: TcpHeader, packetId: number): SynVerdict {
    const j = syn.options.find((o) => o.kind === 'mp-join-syn');
    if (!j) return null;
    const refuse = (reason: number, text: string): SynVerdict => {
      this.joinSyns.push({ packetId, atUs: this.host.now, kept: false, hmacs: 0, refused: text, answered: false, completed: false });
      this.host.event('mptcp-join-rejected', `${this.host.id}: MP_JOIN from ${formatEndpoint(ep.remoteAddr, ep.remotePort)} rejected: ${text}`, [packetId]);
      return { refuseWith: this.settings.version === 1 ? [{ kind: 'mp-tcprst', transient: false, reserved: 0, reason }] : [] };
    };
    const conn = this.tokens.get(j.token);
    if (!conn || conn.state === 'closed') return refuse(1, `unknown token ${hex32(j.token)}`);
    if (conn.fallback || conn.remoteKey === null) return refuse(1, 'the connection is not fully established');
    // stateless-join (RFC 7430 §3.1, a what-if): the SYN/ACK is answered from a cookie and no
    // half-open state is kept, so floods of SYN+MP_JOIN cannot fill any half-open slot.
    const stateless = this.settings.mitigations.has('stateless-join');
    const limit = this.settings.halfOpenJoinLimit;
    if (limit !== null && !stateless) {
      const halfOpen = conn.subflows.filter((s) => s.kind === 'join' && !s.initiator && s.joinState === 'syn-received' && !s.ep.closed).length;
      if (halfOpen >= limit) return refuse(2, `half-open limit (${limit}) reached`);
    }
    const sf = new MptcpSubflow(conn, ep, 'join', false);
    sf.stateless = stateless;
    sf.remoteNonce = j.nonce;
    sf.remoteAddressId = j.addressId;
    sf.peerBackup = j.backup;
    sf.localAddressId = this.pm.localIdFor(conn, ep.localAddr);
    conn.subflows.push(sf);
    sf.synRecord = { packetId, atUs: this.host.now, kept: !stateless, hmacs: 1, refused: null, answered: false, completed: false };
    this.joinSyns.push(sf.synRecord);
    conn.event('mptcp-join-syn', `MP_JOIN SYN for token ${hex32(j.token)} from ${formatEndpoint(ep.remoteAddr, ep.remotePort)} (address ID ${j.addressId}${j.backup ? ', backup' : ''}): SYN/ACK with our HMAC${stateless ? ', no half-open state kept (stateless join)' : ''}`, [packetId]);
    return sf;
  }

  /** Scenario action `endpoint-remove`: every connection drops the address. */
  removeEndpoint(addr: IpAddress): void {
    this.host.event('pm-endpoint-removed', `${this.host.id}: endpoint ${formatIp(addr)} deleted`);
    this.pm.forgetEndpoint(addr);
    for (const c of this.connections) this.pm.removeLocalAddress(c, addr);
  }

  /** Scenario action `endpoint-backup`. */
  setEndpointBackup(addr: IpAddress, backup: boolean): void {
    this.host.event('pm-endpoint-changed', `${this.host.id}: endpoint ${formatIp(addr)} is now ${backup ? 'backup' : 'regular'}`);
    this.pm.setEndpointBackup(addr, backup);
    for (const c of this.connections) this.pm.sendPriority(c, addr, backup);
  }

  /** Active join (path manager decisions). */
  private openJoin(req: JoinRequest): MptcpSubflow | null {
    const { conn } = req;
    if (conn.state === 'closed' || conn.fallback) return null;
    const ep = this.host.openEndpoint(req.remote, req.remotePort, PLACEHOLDER_UPPER, req.local);
    const sf = new MptcpSubflow(conn, ep, 'join', true);
    ep.upper = sf;
    sf.localAddressId = req.localId;
    sf.remoteAddressId = req.remoteId;
    sf.localBackup = req.backup;
    conn.subflows.push(sf);
    conn.extraSubflows++;
    conn.event('mptcp-join-open', `joins from ${formatIp(req.local)} (address ID ${req.localId}) to ${formatEndpoint(req.remote, req.remotePort)} (address ID ${req.remoteId})${req.backup ? ' as a backup subflow' : ''}`);
    ep.connect(this.host.now);
    this.host.touch(ep);
    return sf;
  }
}
