/**
 * TCP options (RFC 9293 §3.2, RFC 7323, RFC 2018) and MPTCP's kind 30.
 *
 * Decoding follows Linux `tcp_parse_options` / `mptcp_get_options`: stop at
 * EOL (the rest is padding, kept raw), skip NOP, require 2 ≤ length ≤ what
 * remains. A known option with a wrong length becomes a `malformed` entry
 * plus a problem, and decoding goes on with the next option; a length byte
 * that runs past the header ends the walk. Every entry keeps enough to give
 * back the exact bytes.
 */
import { readU16, readU32, type Writer } from '../core/bytes.ts';
import type { ErrorCode } from '../core/errors.ts';
import { decodeMptcpOption, encodeMptcpOption, mptcpOptionByteLength } from './mptcp/mptcp-option.ts';
import { TCPOPT_MPTCP, type MptcpDecodeContext, type MptcpOption } from './mptcp/types.ts';

export const TCPOPT = { EOL: 0, NOP: 1, MSS: 2, WSCALE: 3, SACK_PERMITTED: 4, SACK: 5, TIMESTAMPS: 8, MPTCP: TCPOPT_MPTCP } as const;

export interface SackBlock {
  readonly left: number;
  readonly right: number;
}

export type BasicTcpOption =
  | { readonly kind: 'eol' }
  | { readonly kind: 'nop' }
  /** Bytes after an EOL: padding, never interpreted. */
  | { readonly kind: 'padding'; readonly bytes: Uint8Array }
  | { readonly kind: 'mss'; readonly mss: number }
  | { readonly kind: 'window-scale'; readonly shift: number }
  | { readonly kind: 'sack-permitted' }
  | { readonly kind: 'sack'; readonly blocks: readonly SackBlock[] }
  | { readonly kind: 'timestamps'; readonly tsval: number; readonly tsecr: number }
  /** An option kind we do not interpret. */
  | { readonly kind: 'unknown'; readonly type: number; readonly data: Uint8Array }
  /** A known option whose bytes do not make sense; `raw` is the whole option as it was. */
  | { readonly kind: 'malformed'; readonly type: number; readonly raw: Uint8Array; readonly code: ErrorCode; readonly message: string };

export type TcpOption = BasicTcpOption | MptcpOption;

export interface WireProblem {
  readonly code: ErrorCode;
  readonly message: string;
  /** Byte offset, relative to the start of the options area. */
  readonly offset: number;
}

export interface DecodedTcpOptions {
  readonly options: TcpOption[];
  /** Start of each option within the options area (same order as `options`). */
  readonly offsets: number[];
  readonly problems: WireProblem[];
}

const FIXED_LENGTH: Readonly<Record<number, number>> = { [TCPOPT.MSS]: 4, [TCPOPT.WSCALE]: 3, [TCPOPT.SACK_PERMITTED]: 2, [TCPOPT.TIMESTAMPS]: 10 };
const NAMES: Readonly<Record<number, string>> = { 2: 'MSS', 3: 'window scale', 4: 'SACK permitted', 5: 'SACK', 8: 'timestamps', 30: 'MPTCP' };

/**
 * Decodes an options area. `base` is added to every offset reported (the
 * position of the area in whatever the caller counts from).
 */
export function decodeTcpOptions(area: Uint8Array, ctx: MptcpDecodeContext = {}, base = 0): DecodedTcpOptions {
  const options: TcpOption[] = [];
  const offsets: number[] = [];
  const problems: WireProblem[] = [];
  const n = area.length;
  let i = 0;
  while (i < n) {
    const type = area[i]!;
    if (type === TCPOPT.EOL) {
      options.push(EOL);
      offsets.push(base + i);
      if (i + 1 < n) {
        options.push({ kind: 'padding', bytes: area.slice(i + 1) });
        offsets.push(base + i + 1);
      }
      break;
    }
    if (type === TCPOPT.NOP) {
      options.push(NOP);
      offsets.push(base + i);
      i++;
      continue;
    }
    const remaining = n - i;
    const len = remaining >= 2 ? area[i + 1]! : -1;
    if (len < 2 || len > remaining) {
      const message =
        len < 0
          ? `TCP option kind ${type} at offset ${base + i}: no room for its length byte`
          : `TCP option kind ${type} at offset ${base + i}: length ${len} ${len < 2 ? 'is below 2' : `runs past the header (${remaining} bytes left)`}`;
      problems.push({ code: len < 0 ? 'WIRE_TRUNCATED' : 'WIRE_BAD_LENGTH', message, offset: base + i });
      options.push({ kind: 'malformed', type, raw: area.slice(i), code: 'WIRE_BAD_LENGTH', message });
      offsets.push(base + i);
      break;
    }
    const decoded = decodeOne(type, area, i, len, ctx);
    if (decoded.kind === 'malformed') {
      const message = `${NAMES[type] ?? `kind ${type}`} option at offset ${base + i}: ${decoded.message}`;
      problems.push({ code: decoded.code, message, offset: base + i });
      options.push({ ...decoded, message });
    } else {
      options.push(decoded);
    }
    offsets.push(base + i);
    i += len;
  }
  return { options, offsets, problems };
}

const EOL: TcpOption = Object.freeze({ kind: 'eol' });
const NOP: TcpOption = Object.freeze({ kind: 'nop' });
const SACK_PERMITTED: TcpOption = Object.freeze({ kind: 'sack-permitted' });

/** One option at area[i, i + len); a wrong length gives a `malformed` entry (message completed by the caller). */
function decodeOne(type: number, area: Uint8Array, i: number, len: number, ctx: MptcpDecodeContext): TcpOption {
  const fixed = FIXED_LENGTH[type];
  if (fixed !== undefined && len !== fixed) {
    return { kind: 'malformed', type, raw: area.slice(i, i + len), code: 'WIRE_BAD_LENGTH', message: `length ${len}, expected ${fixed}` };
  }
  switch (type) {
    case TCPOPT.MSS:
      return { kind: 'mss', mss: readU16(area, i + 2) };
    case TCPOPT.WSCALE:
      return { kind: 'window-scale', shift: area[i + 2]! };
    case TCPOPT.SACK_PERMITTED:
      return SACK_PERMITTED;
    case TCPOPT.TIMESTAMPS:
      return { kind: 'timestamps', tsval: readU32(area, i + 2), tsecr: readU32(area, i + 6) };
    case TCPOPT.SACK: {
      if ((len - 2) % 8 !== 0 || len < 10) {
        return { kind: 'malformed', type, raw: area.slice(i, i + len), code: 'WIRE_BAD_LENGTH', message: `length ${len}, expected 2 + 8 per block (1 to 4 blocks)` };
      }
      const blocks: SackBlock[] = [];
      for (let p = i + 2; p < i + len; p += 8) blocks.push({ left: readU32(area, p), right: readU32(area, p + 4) });
      return { kind: 'sack', blocks };
    }
    case TCPOPT.MPTCP: {
      const r = decodeMptcpOption(area.subarray(i, i + len), ctx);
      return r.ok ? r.value : { kind: 'malformed', type, raw: area.slice(i, i + len), code: r.error.code, message: r.error.message };
    }
    default:
      return { kind: 'unknown', type, data: area.slice(i + 2, i + len) };
  }
}

export function tcpOptionByteLength(o: TcpOption): number {
  switch (o.kind) {
    case 'eol':
    case 'nop':
      return 1;
    case 'padding':
      return o.bytes.length;
    case 'mss':
      return 4;
    case 'window-scale':
      return 3;
    case 'sack-permitted':
      return 2;
    case 'sack':
      return 2 + 8 * o.blocks.length;
    case 'timestamps':
      return 10;
    case 'unknown':
      return 2 + o.data.length;
    case 'malformed':
      return o.raw.length;
    default:
      return mptcpOptionByteLength(o);
  }
}

export function tcpOptionsByteLength(options: readonly TcpOption[]): number {
  let n = 0;
  for (const o of options) n += tcpOptionByteLength(o);
  return n;
}

export function encodeTcpOption(o: TcpOption, w: Writer): void {
  switch (o.kind) {
    case 'eol':
      w.u8(TCPOPT.EOL);
      return;
    case 'nop':
      w.u8(TCPOPT.NOP);
      return;
    case 'padding':
      w.bytes(o.bytes);
      return;
    case 'mss':
      w.u8(TCPOPT.MSS).u8(4).u16(o.mss);
      return;
    case 'window-scale':
      w.u8(TCPOPT.WSCALE).u8(3).u8(o.shift);
      return;
    case 'sack-permitted':
      w.u8(TCPOPT.SACK_PERMITTED).u8(2);
      return;
    case 'sack':
      w.u8(TCPOPT.SACK).u8(2 + 8 * o.blocks.length);
      for (const b of o.blocks) w.u32(b.left).u32(b.right);
      return;
    case 'timestamps':
      w.u8(TCPOPT.TIMESTAMPS).u8(10).u32(o.tsval).u32(o.tsecr);
      return;
    case 'unknown':
      w.u8(o.type).u8(2 + o.data.length).bytes(o.data);
      return;
    case 'malformed':
      w.bytes(o.raw);
      return;
    default:
      encodeMptcpOption(o, w);
  }
}

export function encodeTcpOptions(options: readonly TcpOption[], w: Writer): void {
  for (const o of options) encodeTcpOption(o, w);
}

/** The MPTCP options among a list of TCP options. */
export function mptcpOptionsOf(options: readonly TcpOption[]): MptcpOption[] {
  const out: MptcpOption[] = [];
  for (const o of options) if (isMptcpOption(o)) out.push(o);
  return out;
}

const BASIC_KINDS = new Set(['eol', 'nop', 'padding', 'mss', 'window-scale', 'sack-permitted', 'sack', 'timestamps', 'unknown', 'malformed']);

export function isMptcpOption(o: TcpOption): o is MptcpOption {
  return !BASIC_KINDS.has(o.kind);
}

/** The options followed by NOPs up to a multiple of 4 bytes (Linux pads after MPTCP options). */
export function padOptionsToWord(options: readonly TcpOption[]): TcpOption[] {
  const pad = (4 - (tcpOptionsByteLength(options) % 4)) % 4;
  const out = options.slice();
  for (let i = 0; i < pad; i++) out.push(NOP_OPTION);
  return out;
}

const NOP_OPTION: TcpOption = Object.freeze({ kind: 'nop' });
