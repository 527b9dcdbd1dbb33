/**
 * The dimensions a blind attacker searches, each the smallest set of
 * candidates that surely holds a value the hosts accept, given the checks
 * the engine's hosts enforce (tcp/tcp-endpoint.ts, mptcp/*.ts) and what
 * it assumes of them (Linux defaults) unless its prior knowledge
 * (`AttackerSpec.prior`) says more:
 *
 * - a sequence number in the receive window, RCV.NXT ≤ SEG.SEQ <
 *   RCV.NXT + RCV.WND (RFC 9293 §3.10.7.4): one guess per window, each at
 *   the top of its slice of the range, so some guess lies in the window
 *   wherever RCV.NXT is in the range (RFC 7430 §2);
 * - the exact RCV.NXT for a RST (RFC 5961 §3.2): every value;
 * - an ACK within [SND.UNA − MAX.SND.WND, SND.NXT] (RFC 5961 §5.2): one
 *   guess every MAX.SND.WND, which that range always holds (it is at least
 *   MAX.SND.WND + 1 wide; RFC 7430 counts 2 × MAX.SND.WND, assuming a
 *   bulk sender with a full window in flight, which a guess cannot rely on);
 * - a 32-bit DSN in the connection's receive window: the receiver expands
 *   it against the DSN it expects (RFC 8684 §3.3.1), so one guess per window
 *   of the 2^32 low bits, whatever the 64-bit value;
 * - tokens, HMACs and keys: every value.
 */
import { DEFAULT_TCP_CONFIG } from '../tcp/types.ts';
import { formatIp, parseIp, type IpAddress } from '../wire/ip-address.ts';
import { countText, type Dimension } from './blind-search.ts';
import type { AttackContext, PublicService } from './strategy.ts';
import type { SeqRange } from '../scenario/types.ts';

/** Linux's net.ipv4.ip_local_port_range. */
export const EPHEMERAL_LOW = 32768;
export const EPHEMERAL_HIGH = 60999;
export const EPHEMERAL_COUNT = EPHEMERAL_HIGH - EPHEMERAL_LOW + 1;
/** The receive window a Linux host advertises with the engine's defaults (6 MiB). */
export const LINUX_WINDOW = DEFAULT_TCP_CONFIG.receiveBufferBytes;

const TWO32 = 1n << 32n;
const KNOWN = 'known before the run';

/** RCV.WND it assumes of the victim. */
export function windowOf(ctx: AttackContext): number {
  return ctx.spec.prior?.windowBytes ?? LINUX_WINDOW;
}

/** MAX.SND.WND it assumes of the victim: the peer's receive window. */
export function maxSendWindowOf(ctx: AttackContext): number {
  return ctx.spec.prior?.maxSendWindowBytes ?? windowOf(ctx);
}

/** The service a blind attacker aims at (who talks to which address and port is public): the first one. */
export function blindService(ctx: AttackContext): PublicService | null {
  return ctx.services[0] ?? null;
}

/** Values from `from` up to `to`, wrapping at 2^32: how many. */
function rangeLength(r: SeqRange): bigint {
  return BigInt((r.to - r.from) >>> 0) + 1n;
}

const u32 = (x: bigint): number => Number(BigInt.asUintN(32, x));

/** "683 sequence numbers", "1 sequence number". */
function many(count: bigint, noun: string): string {
  return `${countText(count)} ${noun}${count === 1n ? '' : 's'}`;
}

export function fixed<V>(value: V, label: string): Dimension<V> {
  return { label, count: 1n, valueAt: () => value };
}

export function clientAddressDim(ctx: AttackContext, service: PublicService): Dimension<IpAddress> {
  const known = ctx.spec.prior?.clientAddress;
  const parsed = known === undefined ? null : parseIp(known);
  if (parsed) return fixed(parsed, `client address ${known} (${KNOWN})`);
  const all = service.clientAddresses.filter((a) => a.family === service.server.family);
  const list = all.length > 0 ? all : service.clientAddresses;
  return { label: `${list.length} client address${list.length === 1 ? '' : 'es'} (${list.map(formatIp).join(', ')})`, count: BigInt(list.length), valueAt: (i) => list[Number(i)]! };
}

export function clientPortDim(ctx: AttackContext): Dimension<number> {
  const known = ctx.spec.prior?.clientPort;
  if (known !== undefined) return fixed(known, `client port ${known} (${KNOWN})`);
  return { label: `${EPHEMERAL_COUNT} client ports (Linux's ${EPHEMERAL_LOW}–${EPHEMERAL_HIGH})`, count: BigInt(EPHEMERAL_COUNT), valueAt: (i) => EPHEMERAL_LOW + Number(i) };
}

/**
 * Candidates one `step` apart that surely come within `step` above any
 * value of the range: the top of each slice, downward. Without a range,
 * the whole 32-bit circle from a random start.
 */
function stepped(ctx: AttackContext, range: SeqRange | undefined, step: number, what: string, why: string): Dimension<number> {
  const s = BigInt(step);
  if (range) {
    const count = (rangeLength(range) - 1n) / s + 1n;
    return { label: `${many(count, what)} (a ${countText(rangeLength(range))}-value range ${KNOWN} / ${step}-byte ${why})`, count, valueAt: (i) => u32(BigInt(range.to) - i * s) };
  }
  const count = (TWO32 + s - 1n) / s;
  const base = BigInt(ctx.rng.u32());
  return { label: `${many(count, what)} (2^32 / ${step}-byte ${why})`, count, valueAt: (i) => u32(base + i * s) };
}

/** A sequence number the victim finds in its receive window. */
export function inWindowSeqDim(ctx: AttackContext): Dimension<number> {
  return stepped(ctx, ctx.spec.prior?.seq, windowOf(ctx), 'sequence number', 'receive window, RFC 7430 §2');
}

/** Exactly RCV.NXT: what a RST needs since RFC 5961 §3.2. */
export function exactSeqDim(ctx: AttackContext): Dimension<number> {
  const r = ctx.spec.prior?.seq;
  if (r) return { label: `${many(rangeLength(r), 'sequence number')} (a range ${KNOWN}; a RST must hit RCV.NXT exactly, RFC 5961 §3.2)`, count: rangeLength(r), valueAt: (i) => u32(BigInt(r.from) + i) };
  const base = BigInt(ctx.rng.u32());
  return { label: '2^32 sequence numbers (a RST must hit RCV.NXT exactly, RFC 5961 §3.2)', count: TWO32, valueAt: (i) => u32(base + i) };
}

/**
 * An ACK within [SND.UNA − MAX.SND.WND, SND.NXT] (RFC 5961 §5.2): from the
 * bottom of the range where SND.UNA lies, one every MAX.SND.WND.
 */
export function acceptableAckDim(ctx: AttackContext): Dimension<number> {
  const step = maxSendWindowOf(ctx);
  const r = ctx.spec.prior?.ack;
  if (r) {
    const count = (rangeLength(r) - 1n) / BigInt(step) + 1n;
    return { label: `${many(count, 'ACK number')} (a ${countText(rangeLength(r))}-value range ${KNOWN} / ${step}-byte MAX.SND.WND, RFC 5961 §5.2)`, count, valueAt: (i) => u32(BigInt(r.from) + i * BigInt(step)) };
  }
  return stepped(ctx, undefined, step, 'ACK number', 'MAX.SND.WND, RFC 5961 §5.2');
}

/** The relative subflow sequence number of the forged bytes: a mapping must cover them exactly (RFC 8684 §3.3.1). */
export function ssnDim(ctx: AttackContext): Dimension<number> {
  const r = ctx.spec.prior?.ssn;
  if (r) return { label: `${many(rangeLength(r), 'subflow sequence number')} (a range ${KNOWN})`, count: rangeLength(r), valueAt: (i) => u32(BigInt(r.from) + i) };
  const base = BigInt(ctx.rng.u32());
  return { label: '2^32 subflow sequence numbers (relative to an ISN it never saw, RFC 8684 §3.3.1)', count: TWO32, valueAt: (i) => u32(base + i) };
}

/** A data sequence number: the 32 bits the mapping carries, and all 64 when the prior gives them (for the DSS checksum). */
export interface DsnGuess {
  low32: number;
  full: bigint | null;
}

/** A DSN the victim finds in its connection-level receive window (the window of its buffer). */
export function dsnDim(ctx: AttackContext): Dimension<DsnGuess> {
  const step = BigInt(windowOf(ctx));
  const r = ctx.spec.prior?.dsn;
  if (r) {
    const from = BigInt(r.from);
    const to = BigInt(r.to);
    const length = BigInt.asUintN(64, to - from) + 1n;
    const count = (length - 1n) / step + 1n;
    return {
      label: `${many(count, 'data sequence number')} (a ${countText(length)}-value range ${KNOWN} / ${step}-byte window)`,
      count,
      valueAt: (i) => {
        const full = BigInt.asUintN(64, to - i * step);
        return { low32: u32(full), full };
      },
    };
  }
  const count = (TWO32 + step - 1n) / step;
  const base = BigInt(ctx.rng.u32());
  return {
    label: `${countText(count)} data sequence numbers (32-bit DSNs the receiver expands against the one it expects, 2^32 / ${step}-byte window, RFC 8684 §3.3.1)`,
    count,
    valueAt: (i) => ({ low32: u32(base + i * step), full: null }),
  };
}

/** Every `bits`-bit value, from a random start. */
export function allValues(ctx: AttackContext, bits: number, label: string): Dimension<bigint> {
  const size = 1n << BigInt(bits);
  let base = 0n;
  for (let b = 0; b < bits; b += 32) base = (base << 32n) | BigInt(ctx.rng.u32());
  base %= size;
  return { label: `2^${bits} ${label}`, count: size, valueAt: (i) => (base + i) % size };
}

/** The server connection's token: the prior's candidates, or every 32-bit value. */
export function tokenDim(ctx: AttackContext): Dimension<number> {
  const list = ctx.spec.prior?.tokens;
  if (list && list.length > 0) return { label: `${many(BigInt(list.length), 'token')} (${KNOWN})`, count: BigInt(list.length), valueAt: (i) => parseInt(list[Number(i)]!, 16) >>> 0 };
  const d = allValues(ctx, 32, 'tokens');
  return { label: d.label, count: d.count, valueAt: (i) => Number(d.valueAt(i)) };
}

/** 160 bits as the third ACK carries them. */
export function bytes160(x: bigint): Uint8Array {
  const out = new Uint8Array(20);
  for (let i = 19; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}
