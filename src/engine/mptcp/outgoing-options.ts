/**
 * The MPTCP options a subflow writes on the segments it sends: MP_CAPABLE,
 * MP_JOIN, the DSS (mapping and DATA_ACK, with checksums) and the DSS that
 * goes with a signal. Builders only: which segment gets which option, and
 * the state that choice changes, stay with the subflow (`subflow.ts`).
 */
import { joinAckHmac, joinSynAckHmac, type JoinAddresses } from '../crypto/mptcp-crypto.ts';
import type { TcpEndpoint } from '../tcp/tcp-endpoint.ts';
import type { SentChunk } from '../tcp/types.ts';
import { dssChecksum } from '../wire/dss-checksum.ts';
import { MPC_FLAG, type Dss, type MptcpOption } from '../wire/mptcp/types.ts';
import type { TcpOption } from '../wire/tcp-options.ts';
import type { MappingMeta, MptcpConnection } from './connection.ts';
import { denyJoinId0Flag } from './join-id0.ts';
import type { MptcpSubflow } from './subflow.ts';

/** What a pure ACK carries besides the DATA_ACK: an option (ADD_ADDR, MP_PRIO, MP_FAIL, ...), the DATA_FIN, or an infinite mapping. */
export type Signal = { kind: 'option'; option: MptcpOption } | { kind: 'data-fin' } | { kind: 'infinite-mapping'; dsn: bigint };

/** A chunk's payload, for its DSS checksum (lazily: only computed when checksums are on). */
export type PayloadOf = (chunk: SentChunk) => Uint8Array;

export function mpcFlags(c: MptcpConnection): number {
  return (c.settings.checksums ? MPC_FLAG.A : 0) | MPC_FLAG.H | denyJoinId0Flag(c.version, c.settings);
}

export function mpcForSyn(c: MptcpConnection, flags: number): MptcpOption {
  // v1: no key on the SYN (RFC 8684 §3.1); v0: the initiator's key (RFC 6824 §3.1).
  return c.version === 1
    ? { kind: 'mp-capable', version: 1, flags }
    : { kind: 'mp-capable', version: 0, flags, senderKey: c.localShare };
}

export function mpcForSynAck(c: MptcpConnection, flags: number): MptcpOption {
  return { kind: 'mp-capable', version: c.version, flags, senderKey: c.localShare };
}

/** Third ACK (len 20) or first data (len 22/24 with the data-level length and checksum). */
export function mpcKeys(c: MptcpConnection, payloadOf: PayloadOf, dataLength?: number, chunk?: SentChunk): MptcpOption {
  const base = { kind: 'mp-capable' as const, version: c.version, flags: (c.checksums ? MPC_FLAG.A : 0) | MPC_FLAG.H | denyJoinId0Flag(c.version, c.settings), senderKey: c.localShare, receiverKey: c.remoteShare! };
  if (dataLength === undefined || !chunk) return base;
  if (!c.checksums) return { ...base, dataLength };
  return { ...base, dataLength, checksum: dssChecksum(c.localIdsn + 1n, 1, dataLength, payloadOf(chunk)) };
}

/** v1: until a DSS from the server shows it has our key, our first data repeats MP_CAPABLE (RFC 8684 §3.1). */
export function firstDataNeedsMpc(sf: MptcpSubflow, ep: TcpEndpoint, chunk: SentChunk): boolean {
  const c = sf.conn;
  // MP_CAPABLE cannot say DATA_FIN: a first chunk that also ends the stream goes with a DSS.
  if ((chunk.meta as MappingMeta).dataFin) return false;
  return c.version === 1 && sf.kind === 'initial' && c.role === 'client' && !c.fullyEstablished && ((chunk.seq - ep.iss) >>> 0) === 1;
}

/** The DSS for `chunk` (its mapping) and the DATA_ACK; null when there is neither. */
export function dss(sf: MptcpSubflow, payloadOf: PayloadOf, chunk: SentChunk | null): Dss | null {
  const c = sf.conn;
  const ack = c.dataAck();
  const meta = chunk && chunk.len > 0 ? (chunk.meta as MappingMeta) : null;
  if (!ack && !meta) return null;
  // m (64-bit DSN) only with M: Linux never sets it on a pure DATA_ACK (RFC 8684 §3.3: it is ignored without M).
  const dss: { -readonly [K in keyof Dss]: Dss[K] } = { kind: 'dss', dataFin: false, dataAck64: ack?.is64 ?? false, dsn64: meta !== null, reserved: 0 };
  if (ack) dss.dataAck = ack.is64 ? ack.value : BigInt.asUintN(32, ack.value);
  if (meta && chunk) {
    const ssn = (chunk.seq - sf.ep.iss) >>> 0;
    const dataLength = meta.len + (meta.dataFin ? 1 : 0);
    dss.dataFin = meta.dataFin;
    dss.mapping = c.checksums ? { dsn: meta.dsn, ssn, dataLength, checksum: dssChecksum(meta.dsn, ssn, dataLength, payloadOf(chunk)) } : { dsn: meta.dsn, ssn, dataLength };
  }
  return dss;
}

/** The options of the pure ACK that carries `signal`. */
export function signalOptions(sf: MptcpSubflow, payloadOf: PayloadOf, signal: Signal): TcpOption[] {
  const c = sf.conn;
  if (signal.kind === 'infinite-mapping') {
    // RFC 8684 §3.7: data-level length 0 and checksum 0 from the failing DSN on.
    const ack = dss(sf, payloadOf, null);
    const mapping = { dsn: signal.dsn, ssn: 0, dataLength: 0, ...(c.checksums ? { checksum: 0 } : {}) };
    return [{ ...(ack ?? { kind: 'dss', dataFin: false, dataAck64: false, reserved: 0 }), dsn64: true, mapping }];
  }
  if (signal.kind === 'data-fin') {
    const ack = dss(sf, payloadOf, null);
    const dsn = c.dataFinDsn!;
    const mapping = c.checksums ? { dsn, ssn: 0, dataLength: 1, checksum: dssChecksum(dsn, 0, 1, new Uint8Array(0)) } : { dsn, ssn: 0, dataLength: 1 };
    return [{ ...(ack ?? { kind: 'dss', dataAck64: false, reserved: 0 }), dsn64: true, dataFin: true, mapping }];
  }
  // Linux sends ADD_ADDR alone on its ACK; other signals ride with the DSS.
  if (signal.option.kind === 'add-addr') return [signal.option];
  const ack = dss(sf, payloadOf, null);
  return ack ? [ack, signal.option] : [signal.option];
}

/** With `address-bound-join-hmac`, the addresses this side sees (initiator's first). */
export function joinAddresses(sf: MptcpSubflow): JoinAddresses | undefined {
  if (!sf.conn.settings.mitigations.has('address-bound-join-hmac')) return undefined;
  const ep = sf.ep;
  return sf.initiator ? { initiator: ep.localAddr, responder: ep.remoteAddr } : { initiator: ep.remoteAddr, responder: ep.localAddr };
}

export function joinSyn(sf: MptcpSubflow): MptcpOption {
  const c = sf.conn;
  return { kind: 'mp-join-syn', backup: sf.localBackup, addressId: sf.localAddressId, token: c.remoteToken!, nonce: sf.localNonce, reserved: 0 };
}

/**
 * The third ACK's MP_JOIN. With the stateless-join what-if (RFC 7430 §3.1)
 * it also repeats the SYN's token and nonce, and its address ID and backup
 * flag in the reserved bits, so the responder needs nothing kept.
 */
export function joinAck(sf: MptcpSubflow): MptcpOption {
  const c = sf.conn;
  const hmac = joinAckHmac(c.settings.mac, c.localKey, c.remoteKey!, sf.localNonce, sf.remoteNonce, joinAddresses(sf));
  if (!c.settings.mitigations.has('stateless-join')) return { kind: 'mp-join-ack', hmac, reserved: 0 };
  return { kind: 'mp-join-ack', hmac, reserved: (sf.localAddressId & 0xff) | (sf.localBackup ? 0x100 : 0), stateless: { token: c.remoteToken!, nonce: sf.localNonce } };
}

export function joinSynAck(sf: MptcpSubflow): MptcpOption {
  const c = sf.conn;
  const hmac = joinSynAckHmac(c.settings.mac, c.localKey, c.remoteKey!, sf.localNonce, sf.remoteNonce, joinAddresses(sf));
  return { kind: 'mp-join-syn-ack', backup: sf.localBackup, addressId: sf.localAddressId, truncatedHmac: hmac, nonce: sf.localNonce, reserved: 0 };
}
