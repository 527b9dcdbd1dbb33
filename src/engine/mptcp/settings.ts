/**
 * Per-host MPTCP settings a scenario chooses: version, checksums,
 * scheduler, congestion control, path-manager endpoints and limits, and the
 * protocol-level mitigations of security-model.md §5.
 */
import type { CongestionControlId, HostMitigation, PathManagerSpec, SchedulerId } from '../scenario/types.ts';
import type { MacAlgorithm, MptcpVersion } from '../crypto/mptcp-crypto.ts';

export interface MptcpSettings {
  version: MptcpVersion;
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
