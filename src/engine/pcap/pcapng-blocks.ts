import { DEFAULT_TSRESOL, tsResolution } from './timestamp.ts';
import type { TsResolution } from './timestamp.ts';

/**
 * pcapng block layout facts (draft-ietf-opsawg-pcapng §3, §4): every block is
 * type, total length, body, total length again; lengths are multiples of 4.
 */
export const BT_SHB = 0x0a0d0d0a;
export const BT_IDB = 0x00000001;
export const BT_OPB = 0x00000002; // obsolete Packet Block, still written by old tools
export const BT_SPB = 0x00000003;
export const BT_EPB = 0x00000006;
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

export const OPT_ENDOFOPT = 0;
export const OPT_IF_TSRESOL = 9;
export const OPT_IF_TSOFFSET = 14;

/** Smallest legal total length for each block type we read (header, fixed fields, trailer). */
export function minBlockLength(type: number): number {
  switch (type) {
    case BT_SHB:
      return 28;
    case BT_IDB:
      return 20;
    case BT_EPB:
    case BT_OPB:
      return 32;
    case BT_SPB:
      return 16;
    default:
      return 12;
  }
}

/** Block types the parser decodes; the rest are skipped by length. */
export function isDecodedBlock(type: number): boolean {
  return type === BT_SHB || type === BT_IDB || type === BT_EPB || type === BT_SPB || type === BT_OPB;
}

export function isPacketBlock(type: number): boolean {
  return type === BT_EPB || type === BT_SPB || type === BT_OPB;
}

export function blockName(type: number): string {
  switch (type) {
    case BT_SHB:
      return 'section header block';
    case BT_IDB:
      return 'interface description block';
    case BT_EPB:
      return 'enhanced packet block';
    case BT_SPB:
      return 'simple packet block';
    case BT_OPB:
      return 'packet block';
    default:
      return `block of type 0x${(type >>> 0).toString(16).padStart(8, '0')}`;
  }
}

/** An interface as an IDB describes it. */
export interface PcapngInterfaceInfo {
  linkType: number;
  /** 0 means unlimited. */
  snaplen: number;
  res: TsResolution;
  /** if_tsoffset: seconds added to every timestamp. */
  tsOffsetSec: number;
}

/**
 * Decodes an IDB whose whole block is `b[pos..pos+len)`. Returns the interface
 * and, when an option overruns the block, a note (the defaults then stand).
 */
export function decodeIdb(
  v: DataView,
  pos: number,
  len: number,
  le: boolean,
): { iface: PcapngInterfaceInfo; badOption: string | null } {
  let tsresol = DEFAULT_TSRESOL;
  let tsOffsetSec = 0;
  let badOption: string | null = null;
  const end = pos + len - 4;
  let p = pos + 16;
  while (p + 4 <= end) {
    const code = v.getUint16(p, le);
    const olen = v.getUint16(p + 2, le);
    if (code === OPT_ENDOFOPT) break;
    if (p + 4 + olen > end) {
      badOption = `option ${code} of length ${olen} runs past the end of the block`;
      break;
    }
    if (code === OPT_IF_TSRESOL && olen >= 1) tsresol = v.getUint8(p + 4);
    if (code === OPT_IF_TSOFFSET && olen >= 8) tsOffsetSec = Number(v.getBigInt64(p + 4, le));
    p += 4 + ((olen + 3) & ~3);
  }
  return {
    iface: { linkType: v.getUint16(pos + 8, le), snaplen: v.getUint32(pos + 12, le), res: tsResolution(tsresol), tsOffsetSec },
    badOption,
  };
}
