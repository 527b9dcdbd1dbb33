/**
 * A host's MPTCP: its token table, path manager, active and passive opens,
 * and the handling of every SYN+MP_JOIN that reaches the host (found by
 * token, whatever the port, RFC 8684 §3.2).
 */
import { hex32, hex64 } from '../core/hex.ts';
import type { JoinRefusal } from '../sim/events.ts';
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
    if (!key) conn.enterFallback({ cause: 'no-free-token' });
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
    conn.event({ kind: 'mptcp-connect', local: formatEndpoint(ep.localAddr, ep.localPort), remote: formatEndpoint(remote, port), version: this.settings.version, key: hex64(conn.localKey) });
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
      conn.enterFallback({ cause: 'syn-without-mpc', remote: formatEndpoint(ep.remoteAddr, ep.remotePort) }, packetId);
    } else if (mpc.version !== v || (v === 0 && mpc.senderKey === undefined) || (v === 1 && mpc.senderKey !== undefined) || (mpc.flags & 0x1f) !== MPC_FLAG.H || mpc.flags & MPC_FLAG.B) {
      conn.enterFallback({ cause: 'unsupported-mpc', remote: formatEndpoint(ep.remoteAddr, ep.remotePort), version: mpc.version, flags: mpc.flags }, packetId);
    } else {
      if (mpc.senderKey !== undefined) conn.learnRemoteKey(mpc.senderKey);
      conn.checksums = this.settings.checksums || (mpc.flags & MPC_FLAG.A) !== 0;
      conn.event({ kind: 'mptcp-accept', remote: formatEndpoint(ep.remoteAddr, ep.remotePort), key: hex64(conn.localKey) }, [packetId]);
    }
    return sf;
  }

  /** SYN+MP_JOIN: token lookup, half-open limit, then a responder subflow (RFC 8684 §3.2). */
  private acceptJoin(ep: TcpEndpoint, syn: TcpHeader, packetId: number): SynVerdict {
    const j = syn.options.find((o) => o.kind === 'mp-join-syn');
    if (!j) return null;
    const refuse = (reason: number, why: JoinRefusal): SynVerdict => {
      this.joinSyns.push({ packetId, atUs: this.host.now, kept: false, hmacs: 0, refused: why.reason, answered: false, completed: false });
      this.host.event({ kind: 'mptcp-join-rejected', remote: formatEndpoint(ep.remoteAddr, ep.remotePort), ...why }, [packetId]);
      return { refuseWith: this.settings.version === 1 ? [{ kind: 'mp-tcprst', transient: false, reserved: 0, reason }] : [] };
    };
    const conn = this.tokens.get(j.token);
    if (!conn || conn.state === 'closed') return refuse(1, { reason: 'unknown-token', token: hex32(j.token) });
    if (conn.fallback || conn.remoteKey === null) return refuse(1, { reason: 'not-established' });
    // stateless-join (RFC 7430 §3.1, a what-if): the SYN/ACK is answered from a cookie and no
    // half-open state is kept, so floods of SYN+MP_JOIN cannot fill any half-open slot.
    const stateless = this.settings.mitigations.has('stateless-join');
    const limit = this.settings.halfOpenJoinLimit;
    if (limit !== null && !stateless) {
      const halfOpen = conn.subflows.filter((s) => s.kind === 'join' && !s.initiator && s.joinState === 'syn-received' && !s.ep.closed).length;
      if (halfOpen >= limit) return refuse(2, { reason: 'half-open-limit', limit });
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
    conn.event({ kind: 'mptcp-join-syn', remote: formatEndpoint(ep.remoteAddr, ep.remotePort), addressId: j.addressId, backup: j.backup, stateless, cookie: false }, [packetId]);
    return sf;
  }

  /** Scenario action `endpoint-remove`: every connection drops the address. */
  removeEndpoint(addr: IpAddress): void {
    this.host.event({ kind: 'pm-endpoint-removed', address: formatIp(addr) });
    this.pm.forgetEndpoint(addr);
    for (const c of this.connections) this.pm.removeLocalAddress(c, addr);
  }

  /** Scenario action `endpoint-backup`. */
  setEndpointBackup(addr: IpAddress, backup: boolean): void {
    this.host.event({ kind: 'pm-endpoint-changed', address: formatIp(addr), backup });
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
    conn.event({ kind: 'mptcp-join-open', local: formatIp(req.local), localId: req.localId, remote: formatEndpoint(req.remote, req.remotePort), remoteId: req.remoteId, backup: req.backup });
    ep.connect(this.host.now);
    this.host.touch(ep);
    return sf;
  }
}
