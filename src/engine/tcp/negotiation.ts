/**
 * What a connection's SYN exchange agreed (RFC 9293 §3.7.1 MSS, RFC 7323
 * window scale and timestamps, RFC 2018 SACK), TS.Recent with the PAWS check
 * it feeds (RFC 7323 §5.3), and the options a segment carries in Linux's
 * order. The endpoint owns one; nothing here reads a clock: times come in.
 */
import { timestampNotOlder } from '../host/security-checks.ts';
import { TCP_FLAG, type TcpHeader } from '../wire/tcp-header.ts';
import { padOptionsToWord, tcpOptionsByteLength, type SackBlock, type TcpOption } from '../wire/tcp-options.ts';
import type { TcpConfig } from './types.ts';

/** RFC 7323 §5.5: after 24 days without an update TS.Recent is no longer valid for PAWS (Linux TCP_PAWS_24DAYS). */
const PAWS_IDLE_US = 24 * 24 * 3600 * 1_000_000;

/** Bytes of TCP options Linux puts on data segments of a plain connection (NOP NOP timestamps). */
export const TS_OPTION_BYTES = 12;

const NOP: TcpOption = { kind: 'nop' };

export class TcpNegotiation {
  peerMss = 536;
  peerWscale = 0;
  useWscale = false;
  useTimestamps = false;
  sackOk = false;
  tsRecent = 0;
  /** When TS.Recent was last set (RFC 7323 §5.5). */
  private tsRecentAtUs = 0;

  constructor(private readonly config: TcpConfig) {}

  /** The peer's SYN or SYN/ACK: scaling and timestamps only when both sides offer them (RFC 7323). */
  readSyn(h: TcpHeader, nowUs: number): void {
    let wscale: number | null = null;
    let ts = false;
    let sack = false;
    for (const o of h.options) {
      if (o.kind === 'mss') this.peerMss = o.mss;
      else if (o.kind === 'window-scale') wscale = Math.min(o.shift, 14);
      else if (o.kind === 'timestamps') {
        ts = true;
        this.recordTsRecent(o.tsval, nowUs);
      } else if (o.kind === 'sack-permitted') sack = true;
    }
    this.useWscale = wscale !== null && this.config.windowScale > 0;
    this.peerWscale = this.useWscale ? wscale! : 0;
    this.useTimestamps = ts && this.config.timestamps;
    this.sackOk = sack && this.config.sackPermitted;
  }

  /** What a SYN cookie kept of the peer's SYN. */
  restore(o: { mss: number; windowScale: number | null; sack: boolean; tsRecent: number | null }, nowUs: number): void {
    this.peerMss = o.mss;
    this.useWscale = o.windowScale !== null && this.config.windowScale > 0;
    this.peerWscale = this.useWscale ? o.windowScale! : 0;
    this.useTimestamps = o.tsRecent !== null && this.config.timestamps;
    if (o.tsRecent !== null) this.recordTsRecent(o.tsRecent, nowUs);
    this.sackOk = o.sack && this.config.sackPermitted;
  }

  recordTsRecent(tsval: number, nowUs: number): void {
    this.tsRecent = tsval;
    this.tsRecentAtUs = nowUs;
  }

  /** RFC 7323 §5.3 R1: a non-RST segment whose TSval is older than TS.Recent is an old duplicate. */
  pawsRejects(h: TcpHeader, nowUs: number): boolean {
    if (!this.useTimestamps || h.flags & TCP_FLAG.RST) return false;
    const ts = timestampsOf(h);
    if (!ts || timestampNotOlder(ts.tsval, this.tsRecent)) return false;
    // RFC 7323 §5.5: a TS.Recent idle for 24 days is invalid, and checks nothing.
    return nowUs - this.tsRecentAtUs <= PAWS_IDLE_US;
  }

  /**
   * A data or ACK segment's options: the endpoint's and the upper layer's,
   * then timestamps first unless they would not fit beside a long MPTCP
   * option (Linux drops them for an IPv6 ADD_ADDR with port), then SACK
   * blocks in what room is left (RFC 2018 §3: at most 3 beside timestamps).
   */
  segmentOptions(own: readonly TcpOption[], upper: readonly TcpOption[], tsval: number, sackBlocks: ((max: number) => SackBlock[]) | null): TcpOption[] {
    let options = padOptionsToWord([...own, ...upper]);
    if (this.useTimestamps && tcpOptionsByteLength(options) <= 40 - TS_OPTION_BYTES) {
      options = [NOP, NOP, { kind: 'timestamps', tsval, tsecr: this.tsRecent }, ...options];
    }
    if (this.sackOk && sackBlocks) {
      const room = 40 - tcpOptionsByteLength(options) - 4;
      const blocks = sackBlocks(Math.min(4, Math.floor(room / 8)));
      if (blocks.length > 0) {
        const at = this.useTimestamps && options[2]?.kind === 'timestamps' ? 3 : 0;
        options.splice(at, 0, NOP, NOP, { kind: 'sack', blocks });
      }
    }
    return options;
  }
}

export function timestampsOf(h: TcpHeader): { tsval: number; tsecr: number } | undefined {
  for (const o of h.options) if (o.kind === 'timestamps') return o;
  return undefined;
}

/**
 * A SYN's or SYN/ACK's own options in Linux's order: MSS, SACK-permitted,
 * timestamps, NOP, window scale; without timestamps SACK-permitted is
 * preceded by two NOPs.
 */
export function synOptions(o: { mss: number; sack: boolean; timestamps: { tsval: number; tsecr: number } | null; windowScale: number | null }): TcpOption[] {
  const out: TcpOption[] = [{ kind: 'mss', mss: o.mss }];
  if (o.timestamps) {
    if (o.sack) out.push({ kind: 'sack-permitted' });
    out.push({ kind: 'timestamps', ...o.timestamps });
  } else if (o.sack) out.push(NOP, NOP, { kind: 'sack-permitted' });
  if (o.windowScale !== null) out.push(NOP, { kind: 'window-scale', shift: o.windowScale });
  return out;
}
