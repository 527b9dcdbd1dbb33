/**
 * The short MPTCP options: REMOVE_ADDR (RFC 8684 §3.4.2), MP_PRIO (§3.3.8;
 * RFC 6824 §3.3.8 adds an optional address ID), MP_FAIL (§3.7),
 * MP_FASTCLOSE (§3.5), MP_TCPRST (§3.6), and subtypes this codec does not know.
 */

import { ByteReader, catchLab, type Writer } from '../../core/bytes.ts';
import type { Result } from '../../core/errors.ts';
import { badLength, writeMptcpHeader } from './common.ts';
import { MPTCP_SUBTYPE, TCPOPT_MPTCP, type MpFail, type MpFastclose, type MpPrio, type MpTcpRst, type MptcpUnknown, type RemoveAddr } from './types.ts';

export function decodeRemoveAddr(opt: Uint8Array): Result<RemoveAddr> {
  return catchLab(() => {
    if (opt.length < 4) throw badLength('REMOVE_ADDR', opt.length, '3 + at least one address ID');
    return { kind: 'remove-addr', addressIds: Array.from(opt.subarray(3)), reserved: opt[2]! & 0xf } as const;
  });
}

export const removeAddrByteLength = (o: RemoveAddr): number => 3 + o.addressIds.length;

export function encodeRemoveAddr(o: RemoveAddr, w: Writer): void {
  writeMptcpHeader(w, removeAddrByteLength(o), MPTCP_SUBTYPE.REMOVE_ADDR, o.reserved);
  for (const id of o.addressIds) w.u8(id);
}

export function decodeMpPrio(opt: Uint8Array): Result<MpPrio> {
  return catchLab(() => {
    if (opt.length !== 3 && opt.length !== 4) throw badLength('MP_PRIO', opt.length, '3, 4 (v0 with address ID)');
    const b2 = opt[2]!;
    const base = { kind: 'mp-prio', backup: (b2 & 1) === 1, reserved: (b2 >> 1) & 7 } as const;
    return opt.length === 4 ? { ...base, addressId: opt[3]! } : base;
  });
}

export const mpPrioByteLength = (o: MpPrio): number => (o.addressId === undefined ? 3 : 4);

export function encodeMpPrio(o: MpPrio, w: Writer): void {
  writeMptcpHeader(w, mpPrioByteLength(o), MPTCP_SUBTYPE.MP_PRIO, ((o.reserved & 7) << 1) | (o.backup ? 1 : 0));
  if (o.addressId !== undefined) w.u8(o.addressId);
}

function decodeReserved12AndU64(opt: Uint8Array, name: string): { reserved: number; value: bigint } {
  if (opt.length !== 12) throw badLength(name, opt.length, '12');
  const r = new ByteReader(opt, 2);
  const reserved = ((r.u8() & 0xf) << 8) | r.u8();
  return { reserved, value: r.u64() };
}

export function decodeMpFail(opt: Uint8Array): Result<MpFail> {
  return catchLab(() => {
    const { reserved, value } = decodeReserved12AndU64(opt, 'MP_FAIL');
    return { kind: 'mp-fail', dsn: value, reserved } as const;
  });
}

export function decodeMpFastclose(opt: Uint8Array): Result<MpFastclose> {
  return catchLab(() => {
    const { reserved, value } = decodeReserved12AndU64(opt, 'MP_FASTCLOSE');
    return { kind: 'mp-fastclose', receiverKey: value, reserved } as const;
  });
}

export function encodeMpFail(o: MpFail, w: Writer): void {
  writeMptcpHeader(w, 12, MPTCP_SUBTYPE.MP_FAIL, o.reserved >> 8);
  w.u8(o.reserved).u64(o.dsn);
}

export function encodeMpFastclose(o: MpFastclose, w: Writer): void {
  writeMptcpHeader(w, 12, MPTCP_SUBTYPE.MP_FASTCLOSE, o.reserved >> 8);
  w.u8(o.reserved).u64(o.receiverKey);
}

export function decodeMpTcpRst(opt: Uint8Array): Result<MpTcpRst> {
  return catchLab(() => {
    if (opt.length !== 4) throw badLength('MP_TCPRST', opt.length, '4');
    const b2 = opt[2]!;
    return { kind: 'mp-tcprst', transient: (b2 & 1) === 1, reserved: (b2 >> 1) & 7, reason: opt[3]! } as const;
  });
}

export function encodeMpTcpRst(o: MpTcpRst, w: Writer): void {
  writeMptcpHeader(w, 4, MPTCP_SUBTYPE.MP_TCPRST, ((o.reserved & 7) << 1) | (o.transient ? 1 : 0));
  w.u8(o.reason);
}

export function decodeMptcpUnknown(opt: Uint8Array): Result<MptcpUnknown> {
  return catchLab(() => {
    const r = new ByteReader(opt, 2);
    const b2 = r.u8();
    return { kind: 'mptcp-unknown', subtype: b2 >> 4, nibble: b2 & 0xf, data: r.bytesCopy(r.remaining) } as const;
  });
}

export const mptcpUnknownByteLength = (o: MptcpUnknown): number => 3 + o.data.length;

export function encodeMptcpUnknown(o: MptcpUnknown, w: Writer): void {
  w.u8(TCPOPT_MPTCP).u8(mptcpUnknownByteLength(o)).u8(((o.subtype & 0xf) << 4) | (o.nibble & 0xf)).bytes(o.data);
}
