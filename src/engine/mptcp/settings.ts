/**
 * Per-host MPTCP settings a scenario chooses: version, checksums,
 * scheduler, congestion control, path-manager endpoints and limits, and the
 * protocol-level mitigations of security-model.md §5.
 */
import type { CongestionControlId, HostMitigation, PathManagerSpec, SchedulerId } from '../scenario/types.ts';
import { macFor, type MacAlgorithm, type MptcpVersion } from '../crypto/mptcp-crypto.ts';

export interface MptcpSettings {
  /** The version this host offers in its SYNs: the highest it speaks (RFC 8684 §3.1). */
  version: MptcpVersion;
  /** Every version this host speaks, as a listener (a host speaking v0 and v1 answers each in kind). */
  versions: readonly MptcpVersion[];
  /**
   * Linux's net.mptcp.allow_join_initial_addr_port (default true). When
   * false, v1 MP_CAPABLEs carry the C flag and joins to the initial
   * address and port are refused (RFC 8684 §3.1).
   */
  allowJoinInitialAddrPort: boolean;
  /** The join MAC follows each connection's version (the scenario's macAlgorithm is 'version-default'). */
  macFollowsVersion: boolean;
  /** This host asks for DSS checksums (either side asking turns them on). */
  checksums: boolean;
  scheduler: SchedulerId;
  congestionControl: CongestionControlId;
  pathManager: PathManagerSpec;
  mitigations: ReadonlySet<HostMitigation>;
  /** Half-open joins kept per connection; null: no limit of MPTCP's own. */
  halfOpenJoinLimit: number | null;
  /** Connection-level receive buffer. */
  receiveBufferBytes: number;
  /** The MAC of join HMACs, and of ADD_ADDR HMACs (RFC 8684's HMAC-SHA256 unless another is chosen). */
  mac: MacAlgorithm;
  addAddrMac: MacAlgorithm;
  /** dh-keys: MP_CAPABLE carries Diffie-Hellman shares and the keys never cross the wire. */
  dhKeys: boolean;
}

/** ADD_ADDR carries and checks an HMAC: always in v1 (RFC 8684 §3.4.1), a what-if in v0. */
export function addAddrHmacOn(s: MptcpSettings): boolean {
  return s.version === 1 || s.mitigations.has('add-addr-hmac');
}

/** The settings of one connection that negotiated `version` (the host's own when it is the one offered). */
export function settingsForVersion(s: MptcpSettings, version: MptcpVersion): MptcpSettings {
  if (version === s.version) return s;
  return { ...s, version, mac: s.macFollowsVersion ? macFor(version) : s.mac };
}
