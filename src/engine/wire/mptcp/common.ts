import type { Writer } from '../../core/bytes.ts';
import { dataError, type LabError } from '../../core/errors.ts';
import { TCPOPT_MPTCP } from './types.ts';

/** Writes kind 30, the length and the subtype byte. */
export function writeMptcpHeader(w: Writer, length: number, subtype: number, nibble: number): void {
  w.u8(TCPOPT_MPTCP).u8(length).u8(((subtype & 0xf) << 4) | (nibble & 0xf));
}

export function badLength(name: string, length: number, allowed: string): LabError {
  return dataError('WIRE_BAD_LENGTH', `${name}: length ${length} is not one of ${allowed}`);
}
