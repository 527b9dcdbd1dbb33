/**
 * DSS, the Data Sequence Signal (RFC 8684 §3.3, Figure 9; identical in
 * RFC 6824). Byte 3 holds the flags F (DATA_FIN), m (8-byte DSN), M (mapping
 * present), a (8-byte Data ACK), A (Data ACK present). Whether the mapping
 * carries a checksum is told by the length alone (RFC 8684 §3.3).
 */
import { readU16, readU32, readU64, type Writer } from '../../core/bytes.ts';
import type { Result } from '../../core/errors.ts';
import { badLength, writeMptcpHeader } from './common.ts';
import { MPTCP_SUBTYPE, type Dss, type DssMapping } from './types.ts';

export const DSS_FLAG = { DATA_FIN: 0x10, DSN64: 0x08, MAP: 0x04, ACK64: 0x02, ACK: 0x01 } as const;

function lengthWithoutChecksum(flags: number): number {
  let n = 4;
  if (flags & DSS_FLAG.ACK) n += flags & DSS_FLAG.ACK64 ? 8 : 4;
  if (flags & DSS_FLAG.MAP) n += (flags & DSS_FLAG.DSN64 ? 8 : 4) + 4 + 2;
  return n;
}

export function decodeDss(opt: Uint8Array): Result<Dss> {
  const b2 = opt[2]!;
  const b3 = opt[3]!;
  const flags = b3 & 0x1f;
  const plain = lengthWithoutChecksum(flags);
  const hasMap = (flags & DSS_FLAG.MAP) !== 0;
  const withChecksum = hasMap && opt.length === plain + 2;
  if (opt.length !== plain && !withChecksum) {
    return { ok: false, error: badLength('DSS', opt.length, hasMap ? `${plain} or ${plain + 2} for flags 0x${flags.toString(16)}` : `${plain} for flags 0x${flags.toString(16)}`) };
  }
  const dataAck64 = (flags & DSS_FLAG.ACK64) !== 0;
  const dsn64 = (flags & DSS_FLAG.DSN64) !== 0;
  let p = 4;
  let dataAck: bigint | undefined;
  if (flags & DSS_FLAG.ACK) {
    dataAck = dataAck64 ? readU64(opt, p) : BigInt(readU32(opt, p));
    p += dataAck64 ? 8 : 4;
  }
  let mapping: DssMapping | undefined;
  if (hasMap) {
    const dsn = dsn64 ? readU64(opt, p) : BigInt(readU32(opt, p));
    p += dsn64 ? 8 : 4;
    const ssn = readU32(opt, p);
    const dataLength = readU16(opt, p + 4);
    mapping = withChecksum ? { dsn, ssn, dataLength, checksum: readU16(opt, p + 6) } : { dsn, ssn, dataLength };
  }
  const dss: { -readonly [K in keyof Dss]: Dss[K] } = { kind: 'dss', dataFin: (flags & DSS_FLAG.DATA_FIN) !== 0, dataAck64, dsn64, reserved: ((b2 & 0xf) << 3) | (b3 >> 5) };
  if (dataAck !== undefined) dss.dataAck = dataAck;
  if (mapping) dss.mapping = mapping;
  return { ok: true, value: dss };
}

export function dssFlags(o: Dss): number {
  let f = 0;
  if (o.dataFin) f |= DSS_FLAG.DATA_FIN;
  if (o.dsn64) f |= DSS_FLAG.DSN64;
  if (o.mapping) f |= DSS_FLAG.MAP;
  if (o.dataAck64) f |= DSS_FLAG.ACK64;
  if (o.dataAck !== undefined) f |= DSS_FLAG.ACK;
  return f;
}

export function dssByteLength(o: Dss): number {
  return lengthWithoutChecksum(dssFlags(o)) + (o.mapping?.checksum !== undefined ? 2 : 0);
}

export function encodeDss(o: Dss, w: Writer): void {
  const flags = dssFlags(o);
  writeMptcpHeader(w, dssByteLength(o), MPTCP_SUBTYPE.DSS, o.reserved >> 3);
  w.u8(((o.reserved & 7) << 5) | flags);
  if (o.dataAck !== undefined) {
    if (o.dataAck64) w.u64(o.dataAck);
    else w.u32(Number(BigInt.asUintN(32, o.dataAck)));
  }
  if (o.mapping) {
    if (o.dsn64) w.u64(o.mapping.dsn);
    else w.u32(Number(BigInt.asUintN(32, o.mapping.dsn)));
    w.u32(o.mapping.ssn).u16(o.mapping.dataLength);
    if (o.mapping.checksum !== undefined) w.u16(o.mapping.checksum);
  }
}
