import { LabError } from '../core/errors.ts';
import { utf8Bytes } from '../core/utf8.ts';
import { concatBytes } from './concat.ts';
import { BT_EPB, BT_IDB, BT_SHB, BYTE_ORDER_MAGIC, OPT_IF_TSRESOL } from './pcapng-blocks.ts';
import { DEFAULT_TSRESOL, joinTimestamp, tsResolution } from './timestamp.ts';

/**
 * A small pcapng writer: one section (SHB), the interfaces (IDBs, with
 * if_name and if_tsresol when asked), then one EPB per packet (with a
 * comment when asked). Enough for export and for testing the reader.
 */
export interface PcapngInterface {
  linkType: number;
  /** 0 (the default) means no limit. */
  snaplen?: number;
  /** Raw if_tsresol byte: 6 = µs (default, option omitted), 9 = ns, 0x80 | n = 2^-n. */
  tsresol?: number;
  /** if_name: what Wireshark shows as the interface (a simulated link's id). */
  name?: string;
}

export interface PcapngPacket {
  interfaceId: number;
  tsSec: number;
  tsNsec: number;
  data: Uint8Array;
  /** Defaults to data.length. */
  originalLength?: number;
  /** opt_comment: Wireshark shows it as the frame's comment (why a packet was dropped, say). */
  comment?: string;
}

const OPT_COMMENT = 1;
const OPT_IF_NAME = 2;
const utf8 = { encode: utf8Bytes };

/** Options as pcapng lays them out: code, length, value padded to 4 bytes; then opt_endofopt. Empty when none. */
function encodeOptions(options: readonly (readonly [number, Uint8Array])[], le: boolean): Uint8Array {
  if (options.length === 0) return new Uint8Array(0);
  const out = new Uint8Array(options.reduce((n, [, v]) => n + 4 + pad4(v.length), 4));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const [code, value] of options) {
    if (value.length > 0xffff) throw new LabError('CAPTURE_BAD_RECORD', `pcapng option ${code} is ${value.length} bytes: at most 65535 fit`);
    view.setUint16(at, code, le);
    view.setUint16(at + 2, value.length, le);
    out.set(value, at + 4);
    at += 4 + pad4(value.length);
  }
  return out; // the last 4 bytes stay zero: opt_endofopt
}

const pad4 = (n: number): number => (n + 3) & ~3;

/** One block: type, total length, body padded to 4 bytes, total length again. */
export function pcapngBlock(type: number, body: Uint8Array, littleEndian = true): Uint8Array {
  const len = 12 + pad4(body.length);
  const out = new Uint8Array(len);
  const v = new DataView(out.buffer);
  v.setUint32(0, type, littleEndian);
  v.setUint32(4, len, littleEndian);
  out.set(body, 8);
  v.setUint32(len - 4, len, littleEndian);
  return out;
}

function shb(le: boolean): Uint8Array {
  const body = new Uint8Array(16);
  const v = new DataView(body.buffer);
  v.setUint32(0, BYTE_ORDER_MAGIC, le);
  v.setUint16(4, 1, le);
  v.setUint16(6, 0, le);
  v.setBigInt64(8, -1n, le); // section length unknown
  return pcapngBlock(BT_SHB, body, le);
}

function idb(i: PcapngInterface, le: boolean): Uint8Array {
  const options: [number, Uint8Array][] = [];
  if (i.name !== undefined) options.push([OPT_IF_NAME, utf8.encode(i.name)]);
  if (i.tsresol !== undefined && i.tsresol !== DEFAULT_TSRESOL) options.push([OPT_IF_TSRESOL, Uint8Array.of(i.tsresol)]);
  const opts = encodeOptions(options, le);
  const body = new Uint8Array(8 + opts.length);
  const v = new DataView(body.buffer);
  v.setUint16(0, i.linkType, le);
  v.setUint32(4, i.snaplen ?? 0, le);
  body.set(opts, 8);
  return pcapngBlock(BT_IDB, body, le);
}

/** A whole pcapng file with one section. */
export function writePcapng(
  interfaces: readonly PcapngInterface[],
  packets: readonly PcapngPacket[],
  opts: { littleEndian?: boolean } = {},
): Uint8Array {
  const le = opts.littleEndian ?? true;
  const resolutions = interfaces.map((i) => {
    if (!Number.isInteger(i.linkType) || i.linkType < 0 || i.linkType > 0xffff) {
      throw new LabError('CAPTURE_BAD_RECORD', `pcapng link type ${i.linkType} does not fit 16 bits`);
    }
    return tsResolution(i.tsresol ?? DEFAULT_TSRESOL);
  });
  const parts: Uint8Array[] = [shb(le), ...interfaces.map((i) => idb(i, le))];
  for (const p of packets) {
    const res = resolutions[p.interfaceId];
    if (res === undefined) throw new LabError('CAPTURE_BAD_RECORD', `packet names interface ${p.interfaceId}, but only ${interfaces.length} are defined`);
    const orig = p.originalLength ?? p.data.length;
    if (!Number.isInteger(p.tsSec) || p.tsSec < 0 || !Number.isInteger(p.tsNsec) || p.tsNsec < 0 || p.tsNsec >= 1e9) {
      throw new LabError('CAPTURE_BAD_RECORD', `timestamp ${p.tsSec}.${p.tsNsec} is not a valid (seconds, nanoseconds) pair`);
    }
    if (orig < p.data.length) throw new LabError('CAPTURE_BAD_RECORD', `original length ${orig} is shorter than the ${p.data.length} bytes of data`);
    const { hi, lo } = joinTimestamp(p.tsSec, p.tsNsec, res);
    const opts = p.comment === undefined ? null : encodeOptions([[OPT_COMMENT, utf8.encode(p.comment)]], le);
    const len = 32 + pad4(p.data.length) + (opts?.length ?? 0);
    const block = new Uint8Array(len);
    const v = new DataView(block.buffer);
    v.setUint32(0, BT_EPB, le);
    v.setUint32(4, len, le);
    v.setUint32(8, p.interfaceId, le);
    v.setUint32(12, hi, le);
    v.setUint32(16, lo, le);
    v.setUint32(20, p.data.length, le);
    v.setUint32(24, orig, le);
    block.set(p.data, 28);
    if (opts) block.set(opts, 28 + pad4(p.data.length));
    v.setUint32(len - 4, len, le);
    parts.push(block);
  }
  return concatBytes(parts);
}
