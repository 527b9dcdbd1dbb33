/**
 * Meaning of every MPTCP option (TCP option kind 30) of RFC 6824 (v0) and
 * RFC 8684 (v1). Reserved bits are kept so that decode → encode gives back
 * the very same bytes, even for a packet an attacker crafted.
 */
import type { IpAddress } from '../ip-address.ts';

export const TCPOPT_MPTCP = 30;

export const MPTCP_SUBTYPE = {
  MP_CAPABLE: 0,
  MP_JOIN: 1,
  DSS: 2,
  ADD_ADDR: 3,
  REMOVE_ADDR: 4,
  MP_PRIO: 5,
  MP_FAIL: 6,
  MP_FASTCLOSE: 7,
  MP_TCPRST: 8,
} as const;

/** MP_CAPABLE flag bits (RFC 8684 §3.1): A checksum required, B extensibility, C no joins to the source address, H HMAC-SHA256 (v1) / HMAC-SHA1 (v0). */
export const MPC_FLAG = { A: 0x80, B: 0x40, C: 0x20, D: 0x10, E: 0x08, F: 0x04, G: 0x02, H: 0x01 } as const;

/**
 * MP_CAPABLE. Which fields are present depends on the length only:
 * 4 (v1 SYN), 12 (sender's key), 20 (both keys), 22 (+ data-level length), 24 (+ checksum).
 */
export interface MpCapable {
  readonly kind: 'mp-capable';
  readonly version: number;
  readonly flags: number;
  readonly senderKey?: bigint;
  readonly receiverKey?: bigint;
  readonly dataLength?: number;
  readonly checksum?: number;
}

/** MP_JOIN on a SYN: length 12. */
export interface MpJoinSyn {
  readonly kind: 'mp-join-syn';
  readonly backup: boolean;
  readonly addressId: number;
  /** The receiver's 32-bit token. */
  readonly token: number;
  /** The sender's 32-bit random number. */
  readonly nonce: number;
  /** Bits 3..1 of byte 2 (send 0). */
  readonly reserved: number;
}

/** MP_JOIN on a SYN/ACK: length 16. */
export interface MpJoinSynAck {
  readonly kind: 'mp-join-syn-ack';
  readonly backup: boolean;
  readonly addressId: number;
  /** Leftmost 64 bits of the responder's HMAC. */
  readonly truncatedHmac: bigint;
  readonly nonce: number;
  readonly reserved: number;
}

/** MP_JOIN on the third ACK: length 24 (32 with the stateless-join what-if). */
export interface MpJoinAck {
  readonly kind: 'mp-join-ack';
  /** 160 bits: the whole HMAC-SHA1 (v0) or the leftmost 160 bits of HMAC-SHA256 (v1). */
  readonly hmac: Uint8Array;
  /** The 12 reserved bits after the subtype. */
  readonly reserved: number;
  /**
   * RFC 7430 §3.1's proposal, a what-if no RFC defines: the third ACK also
   * carries the token and the initiator's nonce of the SYN, so the responder
   * needs no state between SYN and third ACK. Length 32.
   */
  readonly stateless?: { readonly token: number; readonly nonce: number };
}

export interface DssMapping {
  /** Data sequence number; 32 bits on the wire when `dsn64` is false. */
  readonly dsn: bigint;
  /** Subflow sequence number, relative to the subflow's ISN. */
  readonly ssn: number;
  readonly dataLength: number;
  /** Present when checksums were negotiated (length tells). */
  readonly checksum?: number;
}

/** DSS (RFC 8684 §3.3): flags F m M a A in byte 3. */
export interface Dss {
  readonly kind: 'dss';
  readonly dataFin: boolean;
  readonly dataAck?: bigint;
  /** Flag `a`: the Data ACK is 8 bytes. Kept even without a Data ACK so odd bit patterns survive. */
  readonly dataAck64: boolean;
  readonly mapping?: DssMapping;
  /** Flag `m`: the DSN is 8 bytes. */
  readonly dsn64: boolean;
  /** Byte 2 low nibble (bits 11..8) and byte 3 bits 7..5: reserved. */
  readonly reserved: number;
}

/**
 * ADD_ADDR. v1 (RFC 8684 §3.4.1): Echo flag, truncated HMAC unless echo.
 * v0 (RFC 6824 §3.4.1): IPVer nibble, no HMAC.
 */
export interface AddAddr {
  readonly kind: 'add-addr';
  readonly version: 0 | 1;
  readonly echo: boolean;
  readonly addressId: number;
  readonly address: IpAddress;
  readonly port?: number;
  /** Rightmost 64 bits of HMAC-SHA256 (v1, echo false). */
  readonly hmac?: bigint;
  /** v1: bits 3..1 of byte 2. */
  readonly reserved: number;
}

export interface RemoveAddr {
  readonly kind: 'remove-addr';
  readonly addressIds: readonly number[];
  readonly reserved: number;
}

/** MP_PRIO: length 3, or 4 with the v0 address ID. */
export interface MpPrio {
  readonly kind: 'mp-prio';
  readonly backup: boolean;
  readonly addressId?: number;
  readonly reserved: number;
}

export interface MpFail {
  readonly kind: 'mp-fail';
  readonly dsn: bigint;
  readonly reserved: number;
}

export interface MpFastclose {
  readonly kind: 'mp-fastclose';
  /** The key of the host that receives the option, sent in clear. */
  readonly receiverKey: bigint;
  readonly reserved: number;
}

/** MP_TCPRST (RFC 8684 §3.6), v1 only, on RST segments. */
export interface MpTcpRst {
  readonly kind: 'mp-tcprst';
  readonly transient: boolean;
  /** The U, V, W bits (reserved). */
  readonly reserved: number;
  readonly reason: number;
}

/** A subtype this codec does not know (9..15), kept raw. */
export interface MptcpUnknown {
  readonly kind: 'mptcp-unknown';
  readonly subtype: number;
  /** Low nibble of byte 2. */
  readonly nibble: number;
  /** Bytes after byte 2. */
  readonly data: Uint8Array;
}

export type MptcpOption =
  | MpCapable
  | MpJoinSyn
  | MpJoinSynAck
  | MpJoinAck
  | Dss
  | AddAddr
  | RemoveAddr
  | MpPrio
  | MpFail
  | MpFastclose
  | MpTcpRst
  | MptcpUnknown;

export type MptcpKind = MptcpOption['kind'];

/** What the codec may need to know beyond the option's bytes. */
export interface MptcpDecodeContext {
  /** Negotiated MPTCP version; decides how ADD_ADDR's low nibble reads. Unknown: guessed from the bytes. */
  readonly version?: 0 | 1;
}

export const MP_TCPRST_REASONS: Readonly<Record<number, string>> = {
  0: 'unspecified error',
  1: 'MPTCP-specific error',
  2: 'lack of resources',
  3: 'administratively prohibited',
  4: 'too much outstanding data',
  5: 'unacceptable performance',
  6: 'middlebox interference',
};
