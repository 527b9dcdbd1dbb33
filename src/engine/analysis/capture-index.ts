/**
 * A compact index of every frame of a capture (where its bytes are, its
 * time, its connection), built during analysis, so a packet list can show
 * any window of a million-packet capture by decoding only the rows it draws.
 * Bytes are not kept here: the caller holds the file.
 */
import type { CapturedPacket } from '../pcap/types.ts';
import { linkLayerPayload } from '../pcap/link-layer.ts';
import { decodePacket, type DecodedPacket } from '../wire/packet.ts';
import { dissectFrame, type FrameDissection } from './dissect/dissect-frame.ts';
import { applyVerdicts, collectVerdicts, type FieldVerdict } from './dissect/verdicts.ts';
import { isMptcpOption } from '../wire/tcp-options.ts';
import type { ConnectionState } from './model.ts';
import { summarizeDecoded, type PacketRow } from './packet-summary.ts';
import type { AnalysisReport } from './report-types.ts';

function grow<T extends Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array>(a: T, n: number, limit: number): T {
  if (n <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.min(limit, Math.max(n, a.length * 2)));
  next.set(a);
  return next;
}

export interface CaptureIndexOptions {
  /**
   * Frames indexed at most (about 33 bytes each); later frames are counted in
   * `seen` but not listed. The analysis report still covers them all.
   */
  maxFrames?: number;
}

export class CaptureIndex {
  private readonly maxFrames: number;
  private seenCount = 0;

  constructor(options: CaptureIndexOptions = {}) {
    this.maxFrames = Math.max(0, options.maxFrames ?? Number.MAX_SAFE_INTEGER);
  }

  private offset = new Float64Array(1024);
  private capLen = new Uint32Array(1024);
  private origLen = new Uint32Array(1024);
  private linkType = new Uint16Array(1024);
  private time = new Float64Array(1024);
  private conn = new Int32Array(1024);
  /** MPTCP version of the frame's connection + 1 (0: none), to decode ADD_ADDR right. */
  private version = new Uint8Array(1024);
  private problem = new Uint8Array(1024);
  private mptcp = new Uint8Array(1024);
  private count = 0;
  private t0: number | null = null;

  /** Frames indexed (the packet list's length). */
  get size(): number {
    return this.count;
  }

  /** Frames the capture held, indexed or not (more than `size` once `maxFrames` is reached). */
  get seen(): number {
    return this.seenCount;
  }

  /** Where a frame's captured bytes lie in the file; null outside the index. */
  frameSpan(frame: number): { offset: number; length: number } | null {
    const i = frame - 1;
    if (i < 0 || i >= this.count) return null;
    return { offset: this.offset[i]!, length: this.capLen[i]! };
  }

  /** Records one frame; call from the analyzer's onPacket hook, in frame order. */
  add(p: CapturedPacket, decoded: DecodedPacket | null, conn: ConnectionState | null): void {
    this.seenCount++;
    if (this.count >= this.maxFrames) return;
    const i = this.count++;
    const n = this.count;
    const limit = this.maxFrames;
    this.offset = grow(this.offset, n, limit);
    this.capLen = grow(this.capLen, n, limit);
    this.origLen = grow(this.origLen, n, limit);
    this.linkType = grow(this.linkType, n, limit);
    this.time = grow(this.time, n, limit);
    this.conn = grow(this.conn, n, limit);
    this.version = grow(this.version, n, limit);
    this.problem = grow(this.problem, n, limit);
    this.mptcp = grow(this.mptcp, n, limit);
    const t = p.tsSec + p.tsNsec / 1e9;
    this.t0 ??= t;
    this.offset[i] = p.fileOffset;
    this.capLen[i] = p.capturedLength;
    this.origLen[i] = p.originalLength;
    this.linkType[i] = p.linkType;
    this.time[i] = t - this.t0;
    this.conn[i] = conn ? conn.index : -1;
    this.version[i] = conn ? conn.version + 1 : 0;
    this.problem[i] = decoded === null || decoded.problems.length > 0 || p.capturedLength < p.originalLength ? 1 : 0;
    this.mptcp[i] = decoded?.tcp?.header.options.some(isMptcpOption) ? 1 : 0;
  }

  /**
   * Takes in the finished report: flags the frames it names in problems, and
   * remembers which frames carry a checked HMAC or checksum, so a dissection
   * can say at the field itself whether it verified.
   */
  attachReport(report: AnalysisReport): void {
    const mark = (frame: number | null) => {
      if (frame !== null && frame >= 1 && frame <= this.count) this.problem[frame - 1] = 1;
    };
    for (const p of report.problems) mark(p.frame);
    for (const c of report.connections) for (const p of c.problems) mark(p.frame);
    this.verdicts = collectVerdicts(report);
  }

  private verdicts = new Map<number, FieldVerdict[]>();

  /** True when the frame carries at least one MPTCP option (cheap: no decoding). */
  hasMptcp(frame: number): boolean {
    return this.mptcp[frame - 1] === 1;
  }

  /** `file` holds the capture's bytes from file offset `base` on (0: the whole file). */
  private frameBytes(i: number, file: Uint8Array, base: number): Uint8Array {
    const start = this.offset[i]! - base;
    return file.subarray(start, start + this.capLen[i]!);
  }

  /**
   * Rows [start, start + count) of the packet list; `file` is the capture, or
   * the part of it from offset `base` that spans those rows' bytes.
   */
  rows(start: number, count: number, file: Uint8Array, base = 0): PacketRow[] {
    const out: PacketRow[] = [];
    const end = Math.min(this.count, start + count);
    for (let i = Math.max(0, start); i < end; i++) out.push(this.row(i, file, base));
    return out;
  }

  private row(i: number, file: Uint8Array, fileBase: number): PacketRow {
    const base = {
      frame: i + 1,
      time: this.time[i]!,
      length: this.origLen[i]!,
      connection: this.conn[i]! >= 0 ? this.conn[i]! : null,
      problem: this.problem[i] === 1,
    };
    const bytes = this.frameBytes(i, file, fileBase);
    const link = linkLayerPayload(this.linkType[i]!, bytes);
    if (!link.ok) return { ...base, source: '', destination: '', protocol: '?', info: link.error.message, mptcp: [] };
    if (link.value.network === 'other') {
      const et = link.value.etherType;
      const protocol = et === 0x0806 ? 'ARP' : et !== null ? `0x${et.toString(16).padStart(4, '0')}` : 'other';
      return { ...base, source: '', destination: '', protocol, info: `${protocol} (not IP)`, mptcp: [] };
    }
    const v = this.version[i]!;
    const d = decodePacket(bytes.subarray(link.value.offset), v ? { version: (v - 1) as 0 | 1 } : {});
    if (!d.ok) return { ...base, source: '', destination: '', protocol: 'IP?', info: d.error.message, mptcp: [] };
    return { ...base, ...summarizeDecoded(d.value) };
  }

  /** Takes a frame apart; `file` as for `rows` (its bytes from offset `base` on). */
  dissect(frame: number, file: Uint8Array, base = 0): (FrameDissection & { frame: number; bytes: Uint8Array; time: number }) | null {
    const i = frame - 1;
    if (i < 0 || i >= this.count) return null;
    const bytes = this.frameBytes(i, file, base);
    const v = this.version[i]!;
    const d = dissectFrame(this.linkType[i]!, bytes, this.origLen[i]!, v ? { version: (v - 1) as 0 | 1 } : {});
    applyVerdicts(d.layers, this.verdicts.get(frame) ?? []);
    return { layers: d.layers, problems: d.problems, cut: d.cut, frame, bytes: bytes.slice(), time: this.time[i]! };
  }
}
