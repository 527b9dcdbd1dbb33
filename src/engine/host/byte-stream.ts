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
const TABLE = (() => {
  const t = new Uint8Array(PERIOD + 65536 + PERIOD);
  for (let i = 0; i < t.length; i++) t[i] = (((i % PERIOD) * 167 + 13) & 0xff) ^ 0x5a;
  return t;
})();

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
      let idx = (this.offset + this.phase) % PERIOD;
      for (let i = 0; i < bytes.length; i++) {
        if (bytes[i] !== TABLE[idx]) {
          this.firstMismatch = this.offset + i;
          break;
        }
        idx = idx + 1 === PERIOD ? 0 : idx + 1;
      }
    }
    this.offset += bytes.length;
  }

  get bytesChecked(): number {
    return this.offset;
  }
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
