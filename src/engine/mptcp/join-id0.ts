/**
 * MP_CAPABLE's C flag (RFC 8684 §3.1): "the sender of this option will not
 * accept additional MPTCP subflows to the source address and port". Linux
 * sets it from net.mptcp.allow_join_initial_addr_port = 0 on every
 * MP_CAPABLE it sends — SYN, SYN/ACK, third ACK and first data
 * (net/mptcp/options.c, mptcp_write_options: MPTCP_CAP_DENY_JOIN_ID0) — and
 * a peer that reads it (mptcp_parse_option: deny_join_id0) never joins the
 * initial address, ID 0 (pm_kernel.c, fill_remote_addresses_vec). v0 has
 * no C flag: there C is one of the crypto bits.
 */
import type { MptcpVersion } from '../crypto/mptcp-crypto.ts';
import type { TcpEndpoint } from '../tcp/tcp-endpoint.ts';
import { ipEqual } from '../wire/ip-address.ts';
import { MPC_FLAG } from '../wire/mptcp/types.ts';
import type { MptcpConnection } from './connection.ts';
import type { MptcpSettings } from './settings.ts';

/** The C bit for this host's MP_CAPABLEs of a connection at `version`. */
export function denyJoinId0Flag(version: MptcpVersion, s: MptcpSettings): number {
  return version === 1 && !s.allowJoinInitialAddrPort ? MPC_FLAG.C : 0;
}

/** A SYN+MP_JOIN reaching `ep` goes to the address and port of the connection's initial subflow, which this host said it will not accept. */
export function joinToDeniedInitialAddress(conn: MptcpConnection, ep: TcpEndpoint): boolean {
  if (!denyJoinId0Flag(conn.version, conn.settings)) return false;
  const initial = conn.subflows.find((s) => s.kind === 'initial')?.ep;
  return initial !== undefined && ipEqual(initial.localAddr, ep.localAddr) && initial.localPort === ep.localPort;
}
