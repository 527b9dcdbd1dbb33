import { LabError } from './errors.ts';

/**
 * Bounds-checked big-endian reader over a byte view. Reads never run past the
 * view: an overrun throws a WIRE_TRUNCATED LabError naming the offset, which
 * decoders turn into a Result.
 */
export class ByteReader {
  readonly bytes: Uint8Array;
  private pos: number;

  // No DataView: creating one per packet costs more than reading with shifts.
  constructor(bytes: Uint8Array, offset = 0) {
    this.bytes = bytes;
    this.pos = offset;
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  /** Throws WIRE_TRUNCATED unless `n` more bytes are available. */
  need(n: number, what: string): void {
    if (n > this.bytes.length - this.pos) {
      throw new LabError(
        'WIRE_TRUNCATED',
        `${what}: needs ${n} bytes at offset ${this.pos}, only ${this.remaining} left`,
        this.pos,
      );
    }
  }

  skip(n: number, what = 'skip'): void {
    this.need(n, what);
    this.pos += n;
  }

  u8(what = 'u8'): number {
    if (this.pos >= this.bytes.length) this.need(1, what);
    return this.bytes[this.pos++]!;
  }

  u16(what = 'u16'): number {
    const p = this.pos;
    if (p + 2 > this.bytes.length) this.need(2, what);
    const b = this.bytes;
    this.pos = p + 2;
    return (b[p]! << 8) | b[p + 1]!;
  }

  u32(what = 'u32'): number {
    const p = this.pos;
    if (p + 4 > this.bytes.length) this.need(4, what);
    this.pos = p + 4;
    return readU32(this.bytes, p);
  }

  u64(what = 'u64'): bigint {
    const p = this.pos;
    if (p + 8 > this.bytes.length) this.need(8, what);
    this.pos = p + 8;
    return (BigInt(readU32(this.bytes, p)) << 32n) | BigInt(readU32(this.bytes, p + 4));
  }

  /** A view (not a copy) of the next `n` bytes. */
  bytesView(n: number, what = 'bytes'): Uint8Array {
    this.need(n, what);
    const v = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  /** A copy of the next `n` bytes (for values kept beyond the packet's life). */
  bytesCopy(n: number, what = 'bytes'): Uint8Array {
    this.need(n, what);
    const v = this.bytes.slice(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
}

/** Big-endian unsigned 32-bit read without bounds checks (callers check). */
export function readU32(b: Uint8Array, p: number): number {
  return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
}

export function readU16(b: Uint8Array, p: number): number {
  return (b[p]! << 8) | b[p + 1]!;
}

export function readU64(b: Uint8Array, p: number): bigint {
  return (BigInt(readU32(b, p)) << 32n) | BigInt(readU32(b, p + 4));
}

/** What encoders write to: a growable ByteWriter or a FixedWriter over a buffer. */
export interface Writer {
  readonly length: number;
  u8(v: number): Writer;
  u16(v: number): Writer;
  u32(v: number): Writer;
  u64(v: bigint): Writer;
  bytes(b: Uint8Array): Writer;
  zeros(n: number): Writer;
}

/**
 * Writes big-endian values into a buffer the caller sized exactly (packet
 * building on the simulator's hot path: one allocation per packet, no copy).
 */
export class FixedWriter implements Writer {
  private pos: number;

  constructor(
    readonly buf: Uint8Array,
    offset = 0,
  ) {
    this.pos = offset;
  }

  get length(): number {
    return this.pos;
  }

  u8(v: number): this {
    this.buf[this.pos++] = v & 0xff;
    return this;
  }

  u16(v: number): this {
    const b = this.buf;
    const p = this.pos;
    b[p] = (v >>> 8) & 0xff;
    b[p + 1] = v & 0xff;
    this.pos = p + 2;
    return this;
  }

  u32(v: number): this {
    const b = this.buf;
    const p = this.pos;
    b[p] = (v >>> 24) & 0xff;
    b[p + 1] = (v >>> 16) & 0xff;
    b[p + 2] = (v >>> 8) & 0xff;
    b[p + 3] = v & 0xff;
    this.pos = p + 4;
    return this;
  }

  u64(v: bigint): this {
    const x = BigInt.asUintN(64, v);
    this.u32(Number(x >> 32n));
    return this.u32(Number(x & 0xffffffffn));
  }

  bytes(b: Uint8Array): this {
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  zeros(n: number): this {
    this.buf.fill(0, this.pos, this.pos + n);
    this.pos += n;
    return this;
  }
}

/** Growable big-endian writer. */
export class ByteWriter implements Writer {
  private buf: Uint8Array;
  private view: DataView;
  private pos = 0;

  constructor(initialCapacity = 64) {
    this.buf = new Uint8Array(initialCapacity);
    this.view = new DataView(this.buf.buffer);
  }

  get length(): number {
    return this.pos;
  }

  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.pos + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): this {
    this.reserve(1);
    this.buf[this.pos++] = v & 0xff;
    return this;
  }

  u16(v: number): this {
    this.reserve(2);
    this.view.setUint16(this.pos, v & 0xffff);
    this.pos += 2;
    return this;
  }

  u32(v: number): this {
    this.reserve(4);
    this.view.setUint32(this.pos, v >>> 0);
    this.pos += 4;
    return this;
  }

  u64(v: bigint): this {
    this.reserve(8);
    this.view.setBigUint64(this.pos, BigInt.asUintN(64, v));
    this.pos += 8;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.reserve(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  zeros(n: number): this {
    this.reserve(n);
    this.buf.fill(0, this.pos, this.pos + n);
    this.pos += n;
    return this;
  }

  /** Overwrites a 16-bit value already written (lengths, checksums). */
  patchU16(at: number, v: number): void {
    this.view.setUint16(at, v & 0xffff);
  }

  patchU8(at: number, v: number): void {
    this.buf[at] = v & 0xff;
  }

  /** The written bytes (a copy, so the writer may be reused). */
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

/** Runs `fn`; a LabError it throws becomes a failed Result, anything else is a bug. */
export function catchLab<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: LabError } {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (e instanceof LabError) return { ok: false, error: e };
    throw e;
  }
}
