/**
 * The bytes applications write, without holding them when they need not be
 * held: a source knows how to produce any range of itself. A bulk transfer
 * of 100 MB is a pattern source of 100 MB that costs 64 KB of memory.
 */

export interface ByteSource {
  readonly length: number;
  /** Writes bytes [offset, offset + len) of the source at buf[at...]. */
  fill(buf: Uint8Array, at: number, offset: number, len: number): void;
}

const PERIOD = 251; // prime, so the pattern does not line up with segment sizes
const TABLE_LENGTH = PERIOD + 65536 + PERIOD;
const patternAt = (i: number) => (((i % PERIOD) * 167 + 13) & 0xff) ^ 0x5a;
const TABLE = Uint8Array.from({ length: TABLE_LENGTH }, (_, i) => patternAt(i));
/** The table again, shifted by 0..3 bytes, so a comparison can always read aligned 32-bit words on both sides. */
const SHIFTED = [0, 1, 2, 3].map((pad) => {
  const t = new Uint8Array(TABLE_LENGTH + 4);
  t.set(TABLE, pad);
  return t;
});

/** The byte a pattern source with `phase` has at `offset`. */
export function patternByte(phase: number, offset: number): number {
  return TABLE[(offset + phase) % PERIOD]!;
}

/** Deterministic filler for bulk transfers; receivers can check every byte. */
export class PatternSource implements ByteSource {
  constructor(
    readonly length: number,
    readonly phase: number,
  ) {}

  fill(buf: Uint8Array, at: number, offset: number, len: number): void {
    let done = 0;
    while (done < len) {
      const n = Math.min(len - done, 65536);
      const start = (offset + done + this.phase) % PERIOD;
      buf.set(TABLE.subarray(start, start + n), at + done);
      done += n;
    }
  }
}

/** Counts how many bytes of a stream match the pattern, from where it left off. */
export class PatternChecker {
  private offset = 0;
  /** Offset of the first byte that did not match, or null. */
  firstMismatch: number | null = null;

  constructor(readonly phase: number) {}

  check(bytes: Uint8Array): void {
    if (this.firstMismatch === null) {
      for (let done = 0; done < bytes.length; done += 65536) {
        const part = bytes.subarray(done, Math.min(bytes.length, done + 65536));
        const bad = firstDifference(part, (this.offset + done + this.phase) % PERIOD);
        if (bad >= 0) {
          this.firstMismatch = this.offset + done + bad;
          break;
        }
      }
    }
    this.offset += bytes.length;
  }

  get bytesChecked(): number {
    return this.offset;
  }
}

/** Index of the first byte of `b` that differs from TABLE[start...], or -1. Compares words where it can. */
function firstDifference(b: Uint8Array, start: number): number {
  const n = b.length;
  const head = (4 - (b.byteOffset & 3)) & 3;
  // A table copy whose bytes sit at the same alignment as `b`'s.
  const pad = (((b.byteOffset - start) % 4) + 4) % 4;
  const t = SHIFTED[pad]!;
  const ts = start + pad;
  let i = 0;
  for (; i < Math.min(head, n); i++) if (b[i] !== t[ts + i]) return i;
  const words = (n - i) >> 2;
  if (words > 0) {
    const bw = new Int32Array(b.buffer, b.byteOffset + i, words);
    const tw = new Int32Array(t.buffer, t.byteOffset + ts + i, words);
    for (let k = 0; k < words; k++) {
      if (bw[k] !== tw[k]) {
        i += k * 4;
        for (let j = 0; j < 4; j++) if (b[i + j] !== t[ts + i + j]) return i + j;
      }
    }
    i += words * 4;
  }
  for (; i < n; i++) if (b[i] !== t[ts + i]) return i;
  return -1;
}

export class BytesSource implements ByteSource {
  constructor(readonly bytes: Uint8Array) {}

  get length(): number {
    return this.bytes.length;
  }

  fill(buf: Uint8Array, at: number, offset: number, len: number): void {
    buf.set(this.bytes.subarray(offset, offset + len), at);
  }
}

/**
 * What an application wrote and the transport has not yet taken: a queue
 * of sources read front to back. `take` hands out chunks that can produce
 * their bytes later (for each transmission) without copying now.
 */
export class OutStream {
  private readonly sources: { source: ByteSource; start: number }[] = [];
  /** Stream offsets: everything before `taken` was handed to the transport. */
  private written = 0;
  private taken = 0;
  private head = 0;
  closed = false;

  write(source: ByteSource): void {
    if (source.length === 0) return;
    this.sources.push({ source, start: this.written });
    this.written += source.length;
  }

  get available(): number {
    return this.written - this.taken;
  }

  get totalWritten(): number {
    return this.written;
  }

  get totalTaken(): number {
    return this.taken;
  }

  /** Takes up to `maxLen` bytes; returns the stream offset and a filler for them. */
  take(maxLen: number): { offset: number; len: number; fill: (buf: Uint8Array, at: number) => void } | null {
    const len = Math.min(maxLen, this.available);
    if (len <= 0) return null;
    const offset = this.taken;
    this.taken += len;
    return { offset, len, fill: (buf, at) => this.fillRange(buf, at, offset, len) };
  }

  /** Writes stream bytes [offset, offset + len) at buf[at]. */
  fillRange(buf: Uint8Array, at: number, offset: number, len: number): void {
    // Sources before the head are fully taken; retransmissions may still need them, so search from the start when needed.
    let i = this.head;
    while (i > 0 && this.sources[i]!.start > offset) i--;
    let done = 0;
    while (done < len) {
      const s = this.sources[i]!;
      const within = offset + done - s.start;
      if (within >= s.source.length) {
        i++;
        continue;
      }
      const n = Math.min(len - done, s.source.length - within);
      s.source.fill(buf, at + done, within, n);
      done += n;
    }
    while (this.head + 1 < this.sources.length && this.sources[this.head + 1]!.start <= this.taken) this.head++;
  }
}

/** Where each byte value stands in the pattern's period (−1: never in it). The pattern's bytes are all distinct. */
const PATTERN_POSITION = (() => {
  const at = new Int16Array(256).fill(-1);
  for (let i = 0; i < PERIOD; i++) at[TABLE[i]!] = i;
  return at;
})();

/**
 * The first run of at least `min` bytes in `bytes` that an application
 * wrote (the applications here write only pattern streams), or null. A
 * TLS record or a forged text almost never holds 16 bytes in a row of it:
 * the chance is 251 × 256^−16 per offset.
 */
export function applicationRun(bytes: Uint8Array, min = 16): { at: number; length: number } | null {
  for (let i = 0; i + min <= bytes.length; ) {
    const k = PATTERN_POSITION[bytes[i]!]!;
    if (k < 0) {
      i++;
      continue;
    }
    let n = 1;
    while (i + n < bytes.length && bytes[i + n] === TABLE[(k + n) % PERIOD]) n++;
    if (n >= min) return { at: i, length: n };
    i += n;
  }
  return null;
}
