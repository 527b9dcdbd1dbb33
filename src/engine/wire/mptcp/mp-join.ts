/**
 * MP_JOIN (RFC 8684 §3.2, same layout in RFC 6824). The form follows from
 * the length, as in Linux: 12 on the SYN, 16 on the SYN/ACK, 24 on the third
 * ACK — or 32 there with the stateless-join what-if (RFC 7430 §3.1), which
 * appends the token and the initiator's nonce.
 */

import { ByteReader, catchLab, type Writer } from '../../core/bytes.ts';
import { LabError, type Result } from '../../core/errors.ts';
import { badLength, writeMptcpHeader } from './common.ts';
import { MPTCP_SUBTYPE, type MpJoinAck, type MpJoinSyn, type MpJoinSynAck } from './types.ts';

export const MP_JOIN_HMAC_BYTES = 20;

export function decodeMpJoin(opt: Uint8Array): Result<MpJoinSyn | MpJoinSynAck | MpJoinAck> {
  return catchLab(() => {
    const r = new ByteReader(opt, 2);
    const b2 = r.u8();
    switch (opt.length) {
      case 12: {
        const addressId = r.u8();
        const token = r.u32();
        const nonce = r.u32();
        return { kind: 'mp-join-syn', backup: (b2 & 1) === 1, addressId, token, nonce, reserved: (b2 >> 1) & 7 } as const;
      }
      case 16: {
        const addressId = r.u8();
        const truncatedHmac = r.u64();
        const nonce = r.u32();
        return { kind: 'mp-join-syn-ack', backup: (b2 & 1) === 1, addressId, truncatedHmac, nonce, reserved: (b2 >> 1) & 7 } as const;
      }
      case 24:
      case 32: {
        const b3 = r.u8();
        const hmac = r.bytesCopy(MP_JOIN_HMAC_BYTES);
        const reserved = ((b2 & 0xf) << 8) | b3;
        if (opt.length === 24) return { kind: 'mp-join-ack', hmac, reserved } as const;
        // The stateless-join what-if (RFC 7430 §3.1): token and initiator nonce follow the HMAC.
        const token = r.u32();
        const nonce = r.u32();
        return { kind: 'mp-join-ack', hmac, reserved, stateless: { token, nonce } } as const;
      }
      default:
        throw badLength('MP_JOIN', opt.length, '12 (SYN), 16 (SYN/ACK), 24 (ACK), or 32 (ACK with the stateless-join what-if)');
    }
  });
}

export function mpJoinByteLength(o: MpJoinSyn | MpJoinSynAck | MpJoinAck): number {
  return o.kind === 'mp-join-syn' ? 12 : o.kind === 'mp-join-syn-ack' ? 16 : o.stateless ? 32 : 24;
}

export function encodeMpJoin(o: MpJoinSyn | MpJoinSynAck | MpJoinAck, w: Writer): void {
  const length = mpJoinByteLength(o);
  if (o.kind === 'mp-join-ack') {
    if (o.hmac.length !== MP_JOIN_HMAC_BYTES) {
      throw new LabError('WIRE_BAD_VALUE', `MP_JOIN ACK: the HMAC must be ${MP_JOIN_HMAC_BYTES} bytes, got ${o.hmac.length}`);
    }
    writeMptcpHeader(w, length, MPTCP_SUBTYPE.MP_JOIN, o.reserved >> 8);
    w.u8(o.reserved).bytes(o.hmac);
    if (o.stateless) w.u32(o.stateless.token).u32(o.stateless.nonce);
    return;
  }
  writeMptcpHeader(w, length, MPTCP_SUBTYPE.MP_JOIN, ((o.reserved & 7) << 1) | (o.backup ? 1 : 0));
  w.u8(o.addressId);
  if (o.kind === 'mp-join-syn') w.u32(o.token).u32(o.nonce);
  else w.u64(o.truncatedHmac).u32(o.nonce);
}
