/**
 * MP_CAPABLE (RFC 8684 §3.1, RFC 6824 §3.1). The fields present follow from
 * the length alone, as Linux parses it: 4 (v1 SYN, no key), 12 (the sender's
 * key: v0 SYN, SYN/ACK), 20 (both keys: third ACK), 22 (v1, + data-level
 * length) and 24 (v1, + DSS checksum). Whether a length suits the TCP flags
 * is a protocol question for the caller, not a codec one.
 */

import { ByteReader, catchLab, type Writer } from '../../core/bytes.ts';
import type { Result } from '../../core/errors.ts';
import { badLength, writeMptcpHeader } from './common.ts';
import { MPTCP_SUBTYPE, type MpCapable } from './types.ts';

const LENGTHS = [4, 12, 20, 22, 24];

export function decodeMpCapable(opt: Uint8Array): Result<MpCapable> {
  return catchLab(() => {
    const length = opt.length;
    if (!LENGTHS.includes(length)) throw badLength('MP_CAPABLE', length, LENGTHS.join(', '));
    const r = new ByteReader(opt, 2);
    const version = r.u8() & 0x0f;
    const flags = r.u8();
    const base = { kind: 'mp-capable', version, flags } as const;
    if (length === 4) return base;
    const senderKey = r.u64();
    if (length === 12) return { ...base, senderKey };
    const receiverKey = r.u64();
    if (length === 20) return { ...base, senderKey, receiverKey };
    const dataLength = r.u16();
    if (length === 22) return { ...base, senderKey, receiverKey, dataLength };
    return { ...base, senderKey, receiverKey, dataLength, checksum: r.u16() };
  });
}

export function mpCapableByteLength(o: MpCapable): number {
  if (o.senderKey === undefined) return 4;
  if (o.receiverKey === undefined) return 12;
  if (o.dataLength === undefined) return 20;
  return o.checksum === undefined ? 22 : 24;
}

export function encodeMpCapable(o: MpCapable, w: Writer): void {
  const length = mpCapableByteLength(o);
  writeMptcpHeader(w, length, MPTCP_SUBTYPE.MP_CAPABLE, o.version);
  w.u8(o.flags);
  if (length >= 12) w.u64(o.senderKey!);
  if (length >= 20) w.u64(o.receiverKey!);
  if (length >= 22) w.u16(o.dataLength!);
  if (length === 24) w.u16(o.checksum!);
}
