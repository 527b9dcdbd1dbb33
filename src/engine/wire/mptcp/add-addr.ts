/**
 * ADD_ADDR. The two versions share lengths but not meaning (RFC 6824 §3.4.1
 * vs RFC 8684 §3.4.1): v0's low nibble is IPVer (4 or 6) and there is never
 * an HMAC; v1's low nibble holds the Echo flag and the option carries a
 * truncated HMAC unless it is an echo. The negotiated version decides; when
 * it is unknown, a nibble of 4 or 6 with a v0 length reads as v0.
 */

import { ByteReader, catchLab, type Writer } from '../../core/bytes.ts';
import { LabError, type Result } from '../../core/errors.ts';
import type { IpAddress } from '../ip-address.ts';
import { badLength, writeMptcpHeader } from './common.ts';
import { MPTCP_SUBTYPE, type AddAddr, type MptcpDecodeContext } from './types.ts';

// Length = 4 + address + optional port (2) + HMAC (8, v1 without echo).
const V0_OR_ECHO = { 8: [4, false], 10: [4, true], 20: [6, false], 22: [6, true] } as const;
const V1_HMAC = { 16: [4, false], 18: [4, true], 28: [6, false], 30: [6, true] } as const;

function guessVersion(opt: Uint8Array): 0 | 1 | null {
  const nibble = opt[2]! & 0xf;
  const shape = V0_OR_ECHO[opt.length as keyof typeof V0_OR_ECHO];
  if ((nibble === 4 || nibble === 6) && shape && shape[0] === nibble) return 0;
  if (nibble <= 1) return 1;
  if (opt.length in V1_HMAC) return 1;
  return null;
}

export function decodeAddAddr(opt: Uint8Array, ctx: MptcpDecodeContext = {}): Result<AddAddr> {
  return catchLab(() => {
    const version = ctx.version ?? guessVersion(opt);
    const nibble = opt[2]! & 0xf;
    if (version === null) {
      throw new LabError('WIRE_UNKNOWN_VERSION', `ADD_ADDR: cannot tell v0 from v1 (nibble ${nibble}, length ${opt.length}) without the connection's version`);
    }
    const r = new ByteReader(opt, 4);
    const addressId = opt[3]!;
    if (version === 0) {
      const shape = V0_OR_ECHO[opt.length as keyof typeof V0_OR_ECHO];
      if (nibble !== 4 && nibble !== 6) throw new LabError('WIRE_BAD_VALUE', `ADD_ADDR (v0): IPVer is ${nibble}, not 4 or 6`);
      if (!shape || shape[0] !== nibble) throw badLength(`ADD_ADDR (v0, IPv${nibble})`, opt.length, nibble === 4 ? '8, 10' : '20, 22');
      const address = readAddress(r, nibble);
      const base = { kind: 'add-addr', version: 0, echo: false, addressId, address, reserved: 0 } as const;
      return shape[1] ? { ...base, port: r.u16() } : base;
    }
    const echo = (nibble & 1) === 1;
    const table = echo ? V0_OR_ECHO : V1_HMAC;
    const shape = table[opt.length as keyof typeof table] as readonly [4 | 6, boolean] | undefined;
    if (!shape) throw badLength(`ADD_ADDR (v1${echo ? ', echo' : ''})`, opt.length, echo ? '8, 10, 20, 22' : '16, 18, 28, 30');
    const address = readAddress(r, shape[0]);
    const port = shape[1] ? r.u16() : undefined;
    const hmac = echo ? undefined : r.u64();
    return {
      kind: 'add-addr',
      version: 1,
      echo,
      addressId,
      address,
      reserved: nibble >> 1,
      ...(port !== undefined ? { port } : {}),
      ...(hmac !== undefined ? { hmac } : {}),
    } as const;
  });
}

function readAddress(r: ByteReader, family: 4 | 6): IpAddress {
  return family === 4 ? { family: 4, bytes: r.bytesCopy(4) } : { family: 6, bytes: r.bytesCopy(16) };
}

export function addAddrByteLength(o: AddAddr): number {
  return 4 + o.address.bytes.length + (o.port !== undefined ? 2 : 0) + (o.version === 1 && !o.echo ? 8 : 0);
}

export function encodeAddAddr(o: AddAddr, w: Writer): void {
  const nibble = o.version === 0 ? o.address.family : ((o.reserved & 7) << 1) | (o.echo ? 1 : 0);
  if (o.version === 1 && !o.echo && o.hmac === undefined) {
    throw new LabError('WIRE_BAD_VALUE', 'ADD_ADDR (v1): a non-echo ADD_ADDR needs its truncated HMAC');
  }
  writeMptcpHeader(w, addAddrByteLength(o), MPTCP_SUBTYPE.ADD_ADDR, nibble);
  w.u8(o.addressId).bytes(o.address.bytes);
  if (o.port !== undefined) w.u16(o.port);
  if (o.version === 1 && !o.echo) w.u64(o.hmac!);
}
