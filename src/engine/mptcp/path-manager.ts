/**
 * A path manager like Linux's in-kernel one (net/mptcp/pm_kernel.c):
 * endpoints with signal / subflow / backup / fullmesh flags, and per
 * connection limits on extra subflows and on ADD_ADDRs acted upon (Linux
 * defaults 2 and 0).
 *
 * - Once a connection is fully established, the side with `signal`
 *   endpoints announces them, one ADD_ADDR at a time, retransmitted up to 3
 *   times until echoed; the side with `subflow` endpoints joins from them
 *   to the peer's initial address.
 * - A received ADD_ADDR is checked (HMAC in v1, RFC 8684 §3.4.1), echoed,
 *   and, if the limits allow, answered with a join from this host.
 * - A received REMOVE_ADDR closes the subflows that use that address, at
 *   once as Linux does; with the `remove-addr-probe` mitigation it first
 *   sends each a TCP keepalive and closes only those that stay silent
 *   (RFC 8684 §3.4.2).
 * - Endpoint changes during a run (scenario actions): deleting one sends
 *   REMOVE_ADDR on another subflow and closes the subflows from that
 *   address with FIN; changing its backup flag sends MP_PRIO on each of
 *   its subflows. Both as Linux 6.x does (fixtures v1-remove-addr and
 *   v1-backup-mp-prio).
 */
import { hex64 } from '../core/hex.ts';
import { addAddrHmac } from '../crypto/mptcp-crypto.ts';
import type { PathManagerEndpoint } from '../scenario/types.ts';
import { formatEndpoint, formatIp, ipEqual, type IpAddress } from '../wire/ip-address.ts';
import type { AddAddr } from '../wire/mptcp/types.ts';
import type { MptcpConnection } from './connection.ts';
import { addAddrHmacOn, type MptcpSettings } from './settings.ts';
import type { MptcpSubflow } from './subflow.ts';
import { addAddrHmacValid } from '../host/security-checks.ts';

export const ADD_ADDR_RETRANS_MAX = 3;
/**
 * remove-addr-probe: a second keepalive goes out one RTO after the first,
 * and the subflow is closed when neither is answered within three RTOs of
 * the first (RTO, then 2 × RTO, as a retransmission backs off): a working
 * path answers within one RTO, and one lost probe or answer is not enough
 * to close it (RFC 1122 §4.2.3.6: no single unanswered probe means dead).
 */
export const REMOVE_ADDR_PROBE_RTOS = 3;
const ADD_ADDR_TIMEOUT_MAX_US = 120_000_000;

export interface LocalEndpoint {
  id: number;
  address: IpAddress;
  port: number | null;
  flags: Set<PathManagerEndpoint['flags'][number]>;
  /** Deleted during the run: neither announced nor joined from any more. */
  removed: boolean;
}

export interface JoinRequest {
  conn: MptcpConnection;
  local: IpAddress;
  localId: number;
  remote: IpAddress;
  remotePort: number;
  remoteId: number;
  backup: boolean;
}

interface Announcement {
  echoed: boolean;
  tries: number;
  /** The endpoint's place in `endpoints` (the next one is announced after it). */
  index: number;
  /** When to send it again unless echoed (Infinity: not waiting). */
  resendAtUs: number;
}

export class PathManager {
  readonly endpoints: LocalEndpoint[];

  constructor(
    readonly settings: MptcpSettings,
    /** Opens a join subflow (the stack does the TCP work). */
    private readonly openJoin: (req: JoinRequest) => MptcpSubflow | null,
    parseAddress: (text: string) => IpAddress,
  ) {
    const used = new Set(settings.pathManager.endpoints.map((e) => e.id).filter((x): x is number => x !== undefined));
    let next = 1;
    this.endpoints = settings.pathManager.endpoints.map((e) => {
      let id = e.id;
      if (id === undefined) {
        while (used.has(next)) next++;
        id = next++;
      }
      return { id, address: parseAddress(e.address), port: e.port ?? null, flags: new Set(e.flags), removed: false };
    });
  }

  get limits() {
    return this.settings.pathManager.limits;
  }

  /** The address ID this host uses for a local address: 0 for the connection's initial one. */
  localIdFor(conn: MptcpConnection, addr: IpAddress): number {
    const first = conn.subflows[0]?.ep.localAddr;
    if (first && ipEqual(first, addr)) return 0;
    return this.endpoints.find((e) => ipEqual(e.address, addr))?.id ?? this.implicitId(addr);
  }

  private readonly implicitIds = new Map<string, number>();

  /** Linux gives an address used without an endpoint the lowest free ID (an "implicit" endpoint). */
  private implicitId(addr: IpAddress): number {
    const key = formatIp(addr);
    let id = this.implicitIds.get(key);
    if (id === undefined) {
      const taken = new Set([...this.endpoints.map((e) => e.id), ...this.implicitIds.values()]);
      id = 1;
      while (taken.has(id)) id++;
      this.implicitIds.set(key, id);
    }
    return id;
  }

  onFullyEstablished(conn: MptcpConnection): void {
    if (conn.fallback) return;
    this.announceNext(conn, 0);
    // Subflow endpoints join the peer's initial address (remote ID 0).
    const first = conn.subflows[0]!.ep;
    for (const e of this.endpoints) {
      if (e.removed || !(e.flags.has('subflow') || e.flags.has('fullmesh')) || e.address.family !== first.remoteAddr.family || ipEqual(e.address, first.localAddr)) continue;
      if (conn.extraSubflows >= this.limits.subflows) break;
      // RFC 8684 §3.1: the peer set C, so its initial address takes no joins (Linux fill_remote_addresses_vec: deny_id0).
      if (conn.peerDeniesJoinId0) {
        conn.event({ kind: 'pm-join-id0-skipped', local: formatIp(e.address), remote: formatEndpoint(first.remoteAddr, first.remotePort) });
        continue;
      }
      this.openJoin({ conn, local: e.address, localId: e.id, remote: first.remoteAddr, remotePort: first.remotePort, remoteId: 0, backup: e.flags.has('backup') });
    }
  }

  // ---------------------------------------------------------- announcing

  /** Per connection, each address announced: echoed yet, how many times sent, and when to resend (RFC 8684 §3.4.1). */
  private readonly announced = new WeakMap<MptcpConnection, Map<number, Announcement>>();

  private announceNext(conn: MptcpConnection, from: number): void {
    const state = this.announced.get(conn) ?? new Map();
    this.announced.set(conn, state);
    const initial = conn.subflows[0]!.ep.localAddr;
    for (let i = from; i < this.endpoints.length; i++) {
      const e = this.endpoints[i]!;
      if (e.removed || !e.flags.has('signal') || ipEqual(e.address, initial) || state.has(e.id)) continue;
      state.set(e.id, { echoed: false, tries: 0, index: i, resendAtUs: Infinity });
      this.sendAddAddr(conn, e, i);
      return; // one at a time, like Linux
    }
  }

  private sendAddAddr(conn: MptcpConnection, e: LocalEndpoint, index: number): void {
    const st = this.announced.get(conn)!.get(e.id)!;
    const sf = conn.usableSubflows()[0];
    if (!sf || conn.state === 'closed') return;
    st.tries++;
    // v1, or v0 with the add-addr-hmac what-if: RFC 8684's layout, echo flag and truncated HMAC.
    const withHmac = addAddrHmacOn(this.settings);
    const option: AddAddr =
      withHmac
        ? {
            kind: 'add-addr',
            version: 1,
            echo: false,
            addressId: e.id,
            address: e.address,
            reserved: 0,
            ...(e.port !== null ? { port: e.port } : {}),
            hmac: addAddrHmac(conn.localKey, conn.remoteKey!, e.id, e.address, e.port ?? undefined, this.settings.addAddrMac),
          }
        : { kind: 'add-addr', version: 0, echo: false, addressId: e.id, address: e.address, reserved: 0, ...(e.port !== null ? { port: e.port } : {}) };
    conn.event({ kind: 'mptcp-add-addr-sent', addressId: e.id, address: formatIp(e.address), port: e.port, hmac: withHmac, tries: st.tries });
    sf.sendSignal(option);
    // v0's ADD_ADDR has no echo: nothing to wait for.
    if (!withHmac) {
      st.echoed = true;
      this.announceNext(conn, index + 1);
      return;
    }
    const timeout = Math.min(ADD_ADDR_TIMEOUT_MAX_US, Math.max(...conn.subflows.map((s) => s.ep.rtt.rtoUs)) * 2 ** (st.tries - 1));
    st.resendAtUs = conn.now + timeout;
  }

  /** The earliest ADD_ADDR retransmission or REMOVE_ADDR probe step due on `conn` (Infinity: none). */
  nextTimeoutUs(conn: MptcpConnection): number {
    let next = this.probeDeadline(conn);
    const state = this.announced.get(conn);
    if (state) for (const st of state.values()) if (st.resendAtUs < next) next = st.resendAtUs;
    return next;
  }

  /** Resends each unechoed ADD_ADDR whose time has come, or gives it up after ADD_ADDR_RETRANS_MAX; moves REMOVE_ADDR probes on. */
  handleTimeout(conn: MptcpConnection, now: number): void {
    this.handleProbeTimeouts(conn, now);
    const state = this.announced.get(conn);
    if (!state) return;
    for (const [id, st] of [...state]) {
      if (st.resendAtUs > now) continue;
      st.resendAtUs = Infinity;
      if (st.echoed || conn.state === 'closed') continue;
      if (st.tries > ADD_ADDR_RETRANS_MAX) {
        conn.event({ kind: 'mptcp-add-addr-unechoed', addressId: id, retransmissions: ADD_ADDR_RETRANS_MAX });
        this.announceNext(conn, st.index + 1);
        continue;
      }
      this.sendAddAddr(conn, this.endpoints[st.index]!, st.index);
    }
  }

  // ---------------------------------------------------------- receiving

  onAddAddr(conn: MptcpConnection, sf: MptcpSubflow, o: AddAddr, packetId: number): void {
    const where = `${formatIp(o.address)}${o.port !== undefined ? ` port ${o.port}` : ''}`;
    const address = formatIp(o.address);
    if (o.echo) {
      const st = this.announced.get(conn)?.get(o.addressId);
      if (st && !st.echoed) {
        st.echoed = true;
        st.resendAtUs = Infinity;
        conn.event({ kind: 'mptcp-add-addr-echoed', addressId: o.addressId }, [packetId]);
        const index = this.endpoints.findIndex((e) => e.id === o.addressId);
        this.announceNext(conn, index + 1);
      }
      return;
    }
    if (addAddrHmacOn(this.settings)) {
      if (o.hmac === undefined) {
        conn.event({ kind: 'mptcp-add-addr-ignored', reason: 'no-hmac', addressId: o.addressId, address: where }, [packetId]);
        return;
      }
      const expected = addAddrHmac(conn.remoteKey!, conn.localKey, o.addressId, o.address, o.port, this.settings.addAddrMac);
      if (!addAddrHmacValid(expected, o.hmac)) {
        conn.event({ kind: 'mptcp-add-addr-ignored', reason: 'hmac-mismatch', addressId: o.addressId, address: where, received: hex64(o.hmac), expected: hex64(expected) }, [packetId]);
        return;
      }
    }
    // A live ID announced again with another address: Linux acts on the new one (it checks only that no
    // subflow goes to that address yet), so the ID now names it; REMOVE_ADDR of the ID closes both.
    const known = conn.remoteAddresses.get(o.addressId);
    const replaces = known && !ipEqual(known.addr, o.address) ? { replaces: formatIp(known.addr) } : {};
    conn.event({ kind: 'mptcp-add-addr-received', addressId: o.addressId, address, port: o.port ?? null, hmacVerified: o.hmac !== undefined, ...replaces }, [packetId]);
    // RFC 8684 §3.4.1: echo it (v1's layout only), without HMAC.
    if (o.version === 1) {
      sf.sendSignal({ kind: 'add-addr', version: 1, echo: true, addressId: o.addressId, address: o.address, reserved: 0, ...(o.port !== undefined ? { port: o.port } : {}) });
    }
    conn.remoteAddresses.set(o.addressId, { addr: o.address, port: o.port ?? null });
    this.maybeJoin(conn, o, packetId);
  }

  private maybeJoin(conn: MptcpConnection, o: AddAddr, packetId: number): void {
    const limits = this.limits;
    if (conn.addAddrAccepted >= limits.addAddrAccepted) {
      conn.event({ kind: 'mptcp-add-addr-not-used', address: formatIp(o.address), reason: 'add-addr-accepted-limit', limit: limits.addAddrAccepted }, [packetId]);
      return;
    }
    if (conn.extraSubflows >= limits.subflows) {
      conn.event({ kind: 'mptcp-add-addr-not-used', address: formatIp(o.address), reason: 'subflow-limit', limit: limits.subflows }, [packetId]);
      return;
    }
    if (conn.subflows.some((s) => ipEqual(s.ep.remoteAddr, o.address) && !s.ep.closed)) return;
    const remotePort = o.port ?? conn.subflows[0]!.ep.remotePort;
    conn.addAddrAccepted++;
    // `fullmesh` endpoints each join the new address; otherwise Linux joins from a `subflow`
    // endpoint of the same family when there is one, else from the routed source.
    const fullmesh = this.endpoints.filter((e) => !e.removed && e.flags.has('fullmesh') && e.address.family === o.address.family);
    if (fullmesh.length > 0) {
      for (const e of fullmesh) {
        if (conn.extraSubflows >= limits.subflows) break;
        this.openJoin({ conn, local: e.address, localId: e.id, remote: o.address, remotePort, remoteId: o.addressId, backup: e.flags.has('backup') });
      }
      return;
    }
    const endpoint = this.endpoints.find((e) => !e.removed && e.flags.has('subflow') && e.address.family === o.address.family);
    const local = endpoint?.address ?? conn.io.sourceFor(o.address);
    if (!local) {
      conn.event({ kind: 'mptcp-add-addr-not-used', address: formatIp(o.address), reason: 'no-local-address' }, [packetId]);
      return;
    }
    this.openJoin({ conn, local, localId: this.localIdFor(conn, local), remote: o.address, remotePort, remoteId: o.addressId, backup: endpoint?.flags.has('backup') ?? false });
  }

  onRemoveAddr(conn: MptcpConnection, _sf: MptcpSubflow, ids: readonly number[], packetId: number): void {
    for (const id of ids) {
      const known = conn.remoteAddresses.get(id);
      // ID 0 is the initial subflow's address: it may be removed too (RFC 8684 §3.4.2).
      const affected = conn.subflows.filter((s) => s.remoteAddressId === id && !s.ep.closed);
      if (!known && affected.length === 0) {
        conn.event({ kind: 'mptcp-remove-addr-unknown', addressId: id }, [packetId]);
        continue;
      }
      conn.remoteAddresses.delete(id);
      if (this.settings.mitigations.has('remove-addr-probe') && affected.length > 0) {
        this.probeBeforeRemoving(conn, id, known ? formatIp(known.addr) : null, affected, packetId);
        continue;
      }
      conn.event({ kind: 'mptcp-remove-addr', addressId: id, address: known ? formatIp(known.addr) : null, subflows: affected.length }, [packetId]);
      for (const s of affected) {
        conn.reinjectFrom(s);
        s.close();
        conn.io.wake(s.ep);
      }
    }
  }

  /** Subflows waiting for an answer to a REMOVE_ADDR keepalive probe. */
  private readonly probing = new WeakMap<MptcpSubflow, { id: number; address: string | null; packetId: number; resendAtUs: number; giveUpAtUs: number }>();

  /**
   * remove-addr-probe (RFC 8684 §3.4.2): REMOVE_ADDR carries no HMAC, so
   * the host first sends a keepalive on each subflow to the address and
   * closes only those that answer nothing within REMOVE_ADDR_PROBE_RTOS ×
   * their RTO. Any acceptable segment but a RST counts as the answer, as
   * for a TCP keepalive timer: one the peer sent before the probe arrived
   * proves the path works just as well. One that answers stays up; the
   * address is forgotten either way (no new subflows to it), and shutting
   * a live subflow is left to the peer that sent the REMOVE_ADDR, as the
   * RFC says.
   */
  private probeBeforeRemoving(conn: MptcpConnection, id: number, address: string | null, affected: MptcpSubflow[], packetId: number): void {
    const fresh = affected.filter((s) => !this.probing.has(s));
    if (fresh.length === 0) return; // already probing them for an earlier REMOVE_ADDR
    const waitUs = Math.max(...fresh.map((s) => s.ep.rtt.rtoUs)) * REMOVE_ADDR_PROBE_RTOS;
    conn.event({ kind: 'mptcp-remove-addr-probe', addressId: id, address, subflows: fresh.length, waitUs }, [packetId]);
    for (const s of fresh) {
      const rto = s.ep.rtt.rtoUs;
      this.probing.set(s, { id, address, packetId, resendAtUs: conn.now + rto, giveUpAtUs: conn.now + rto * REMOVE_ADDR_PROBE_RTOS });
      s.onHeard = (answer) => {
        this.probing.delete(s);
        conn.event({ kind: 'mptcp-remove-addr-kept', addressId: id, subflow: s.name }, [packetId, answer]);
      };
      s.ep.sendKeepalive(conn.now);
      conn.io.wake(s.ep);
    }
  }

  /** Probes of `conn`'s subflows: the second keepalive one RTO on, then the verdict (Infinity: none). */
  private probeDeadline(conn: MptcpConnection): number {
    let next = Infinity;
    for (const s of conn.subflows) {
      const p = this.probing.get(s);
      if (!p) continue;
      const t = Math.min(p.resendAtUs, p.giveUpAtUs);
      if (t < next) next = t;
    }
    return next;
  }

  private handleProbeTimeouts(conn: MptcpConnection, now: number): void {
    for (const s of [...conn.subflows]) {
      const p = this.probing.get(s);
      if (!p) continue;
      if (p.resendAtUs <= now) {
        p.resendAtUs = Infinity;
        if (!s.ep.closed) {
          s.ep.sendKeepalive(now);
          conn.io.wake(s.ep);
        }
      }
      if (p.giveUpAtUs > now) continue;
      // Unanswered: the address really is gone from this path.
      this.probing.delete(s);
      s.onHeard = null;
      if (s.ep.closed || conn.state === 'closed') continue;
      conn.event({ kind: 'mptcp-remove-addr', addressId: p.id, address: p.address, subflows: 1, unanswered: true }, [p.packetId]);
      conn.reinjectFrom(s);
      s.close();
      conn.io.wake(s.ep);
    }
  }

  // ---------------------------------------------------------- endpoint changes

  /** `ip mptcp endpoint delete`: no more announcements or joins from `addr`. */
  forgetEndpoint(addr: IpAddress): void {
    for (const e of this.endpoints) if (ipEqual(e.address, addr)) e.removed = true;
  }

  /**
   * The address is gone for `conn`: REMOVE_ADDR if the peer knows it (we
   * announced it, or a subflow uses it), sent on a subflow from another
   * address; then the subflows from it close with FIN and their
   * unacknowledged data goes to the others.
   */
  removeLocalAddress(conn: MptcpConnection, addr: IpAddress): void {
    if (conn.state === 'closed' || conn.fallback) return;
    const id = this.localIdFor(conn, addr);
    const users = conn.subflows.filter((s) => !s.ep.closed && s.ep.state !== 'TIME_WAIT' && ipEqual(s.ep.localAddr, addr));
    const announced = this.announced.get(conn)?.has(id) ?? false;
    if (!announced && users.length === 0) return;
    const live = conn.usableSubflows();
    const carrier = live.find((s) => !ipEqual(s.ep.localAddr, addr) && !s.stale) ?? live.find((s) => !ipEqual(s.ep.localAddr, addr)) ?? live[0];
    if (carrier) {
      conn.event({ kind: 'mptcp-remove-addr-sent', address: formatIp(addr), addressId: id, via: carrier.name });
      carrier.sendSignal({ kind: 'remove-addr', addressIds: [id], reserved: 0 });
    } else {
      conn.event({ kind: 'mptcp-remove-addr-unsent', address: formatIp(addr), addressId: id });
    }
    for (const s of users) {
      conn.event({ kind: 'mptcp-subflow-close', subflow: s.name, cause: 'address-removed' });
      conn.reinjectFrom(s);
      s.close();
      conn.io.wake(s.ep);
    }
  }

  /** `ip mptcp endpoint change ADDR backup|nobackup`: later joins from it use the flag. */
  setEndpointBackup(addr: IpAddress, backup: boolean): void {
    for (const e of this.endpoints) {
      if (!ipEqual(e.address, addr)) continue;
      if (backup) e.flags.add('backup');
      else e.flags.delete('backup');
    }
  }

  /** MP_PRIO on every established subflow of `conn` from `addr` (Linux sends it on the subflow itself). */
  sendPriority(conn: MptcpConnection, addr: IpAddress, backup: boolean): void {
    if (conn.state === 'closed' || conn.fallback) return;
    for (const s of conn.usableSubflows()) {
      if (!ipEqual(s.ep.localAddr, addr) || s.localBackup === backup) continue;
      s.localBackup = backup;
      conn.event({ kind: 'mptcp-prio-sent', subflow: s.name, backup });
      s.sendSignal({ kind: 'mp-prio', backup, reserved: 0 });
    }
    conn.kickAll();
  }

  /** Text for events. */
  static describe(req: JoinRequest): string {
    return `${formatEndpoint(req.local, 0).replace(/:0$/, '')} → ${formatEndpoint(req.remote, req.remotePort)}`;
  }
}
