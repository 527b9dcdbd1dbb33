/**
 * Dispatch by subtype for every MPTCP option: decode, encode and byte length
 * of any `MptcpOption`. `opt` is the whole option, kind and length included,
 * and its length byte has already been checked against the bytes present.
 */
import type { Writer } from '../../core/bytes.ts';
import { type Result, dataError } from '../../core/errors.ts';
import { addAddrByteLength, decodeAddAddr, encodeAddAddr } from './add-addr.ts';
import { decodeDss, dssByteLength, encodeDss } from './dss.ts';
import { decodeMpCapable, encodeMpCapable, mpCapableByteLength } from './mp-capable.ts';
import { decodeMpJoin, encodeMpJoin, mpJoinByteLength } from './mp-join.ts';
import {
  decodeMpFail,
  decodeMpFastclose,
  decodeMpPrio,
  decodeMpTcpRst,
  decodeMptcpUnknown,
  decodeRemoveAddr,
  encodeMpFail,
  encodeMpFastclose,
  encodeMpPrio,
  encodeMpTcpRst,
  encodeMptcpUnknown,
  encodeRemoveAddr,
  mpPrioByteLength,
  mptcpUnknownByteLength,
  removeAddrByteLength,
} from './small-options.ts';
import { MPTCP_SUBTYPE, type MptcpDecodeContext, type MptcpOption } from './types.ts';

export function decodeMptcpOption(opt: Uint8Array, ctx: MptcpDecodeContext = {}): Result<MptcpOption> {
  if (opt.length < 3) {
    return { ok: false, error: dataError('WIRE_BAD_LENGTH', `MPTCP option: length ${opt.length} leaves no room for the subtype`) };
  }
  const subtype = opt[2]! >> 4;
  switch (subtype) {
    case MPTCP_SUBTYPE.MP_CAPABLE:
      return decodeMpCapable(opt);
    case MPTCP_SUBTYPE.MP_JOIN:
      return decodeMpJoin(opt);
    case MPTCP_SUBTYPE.DSS:
      return decodeDss(opt);
    case MPTCP_SUBTYPE.ADD_ADDR:
      return decodeAddAddr(opt, ctx);
    case MPTCP_SUBTYPE.REMOVE_ADDR:
      return decodeRemoveAddr(opt);
    case MPTCP_SUBTYPE.MP_PRIO:
      return decodeMpPrio(opt);
    case MPTCP_SUBTYPE.MP_FAIL:
      return decodeMpFail(opt);
    case MPTCP_SUBTYPE.MP_FASTCLOSE:
      return decodeMpFastclose(opt);
    case MPTCP_SUBTYPE.MP_TCPRST:
      return decodeMpTcpRst(opt);
    default:
      return decodeMptcpUnknown(opt);
  }
}

export function mptcpOptionByteLength(o: MptcpOption): number {
  switch (o.kind) {
    case 'mp-capable':
      return mpCapableByteLength(o);
    case 'mp-join-syn':
    case 'mp-join-syn-ack':
    case 'mp-join-ack':
      return mpJoinByteLength(o);
    case 'dss':
      return dssByteLength(o);
    case 'add-addr':
      return addAddrByteLength(o);
    case 'remove-addr':
      return removeAddrByteLength(o);
    case 'mp-prio':
      return mpPrioByteLength(o);
    case 'mp-fail':
    case 'mp-fastclose':
      return 12;
    case 'mp-tcprst':
      return 4;
    case 'mptcp-unknown':
      return mptcpUnknownByteLength(o);
  }
}

export function encodeMptcpOption(o: MptcpOption, w: Writer): void {
  switch (o.kind) {
    case 'mp-capable':
      return encodeMpCapable(o, w);
    case 'mp-join-syn':
    case 'mp-join-syn-ack':
    case 'mp-join-ack':
      return encodeMpJoin(o, w);
    case 'dss':
      return encodeDss(o, w);
    case 'add-addr':
      return encodeAddAddr(o, w);
    case 'remove-addr':
      return encodeRemoveAddr(o, w);
    case 'mp-prio':
      return encodeMpPrio(o, w);
    case 'mp-fail':
      return encodeMpFail(o, w);
    case 'mp-fastclose':
      return encodeMpFastclose(o, w);
    case 'mp-tcprst':
      return encodeMpTcpRst(o, w);
    case 'mptcp-unknown':
      return encodeMptcpUnknown(o, w);
  }
}

/** Name as the RFCs spell it, for summaries. */
export function mptcpOptionName(o: MptcpOption): string {
  switch (o.kind) {
    case 'mp-capable':
      return 'MP_CAPABLE';
    case 'mp-join-syn':
    case 'mp-join-syn-ack':
    case 'mp-join-ack':
      return 'MP_JOIN';
    case 'dss':
      return 'DSS';
    case 'add-addr':
      return 'ADD_ADDR';
    case 'remove-addr':
      return 'REMOVE_ADDR';
    case 'mp-prio':
      return 'MP_PRIO';
    case 'mp-fail':
      return 'MP_FAIL';
    case 'mp-fastclose':
      return 'MP_FASTCLOSE';
    case 'mp-tcprst':
      return 'MP_TCPRST';
    case 'mptcp-unknown':
      return `MPTCP subtype ${o.subtype}`;
  }
}
