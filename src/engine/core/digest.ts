/**
 * A fast streaming 64-bit digest for determinism checks (same scenario and
 * seed ⇒ same digest, in Node and in the browser). Not cryptographic: it
 * only has to make accidental differences visible, at memory speed.
 */
export class StreamDigest {
  private h1 = 0x243f6a88;
  private h2 = 0x85a308d3;
  private count = 0;

  /** Mixes in one 32-bit value. */
  word(w: number): this {
    let k = Math.imul(w | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    this.h1 ^= k;
    this.h1 = (this.h1 << 13) | (this.h1 >>> 19);
    this.h1 = (Math.imul(this.h1, 5) + 0xe6546b64) | 0;
    this.h2 = Math.imul(this.h2 ^ w, 0x9e3779b1);
    this.h2 = (this.h2 << 11) | (this.h2 >>> 21);
    this.count++;
    return this;
  }

  bytes(b: Uint8Array): this {
    const n = b.length;
    const whole = n & ~3;
    if ((b.byteOffset & 3) === 0) {
      // Aligned (every packet buffer the simulator allocates is): read whole words.
      // Host byte order is fine: the digest only has to agree with itself, and every JS engine is little-endian.
      const words = new Int32Array(b.buffer, b.byteOffset, whole >> 2);
      let h1 = this.h1;
      let h2 = this.h2;
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        let k = Math.imul(w, 0xcc9e2d51);
        k = (k << 15) | (k >>> 17);
        h1 ^= Math.imul(k, 0x1b873593);
        h1 = (h1 << 13) | (h1 >>> 19);
        h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
        h2 = Math.imul(h2 ^ w, 0x9e3779b1);
        h2 = (h2 << 11) | (h2 >>> 21);
      }
      this.h1 = h1;
      this.h2 = h2;
      this.count += words.length;
    } else {
      for (let i = 0; i < whole; i += 4) this.word((b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) | 0);
    }
    let tail = n;
    for (let i = whole; i < n; i++) tail = (tail << 8) | b[i]!;
    return this.word(tail);
  }

  text(s: string): this {
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
    return this.word(s.length);
  }

  /** 16 hex digits. */
  hex(): string {
    let a = this.h1 ^ this.count;
    let b = this.h2 ^ this.count;
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
    a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
    a ^= a >>> 16;
    b = Math.imul(b ^ (b >>> 15), 0x2c1b3c6d);
    b = Math.imul(b ^ (b >>> 12), 0x297a2d39);
    b ^= b >>> 15;
    b ^= a;
    return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
  }
}
