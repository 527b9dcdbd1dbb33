/**
 * Connection-level reassembly: data that arrived above the next expected
 * DSN, kept sorted until the hole below it fills. Chunks arrive mostly in
 * increasing order from each subflow, so inserts are near the end and
 * taking from the front is O(1).
 */
interface Held {
  dsn: bigint;
  bytes: Uint8Array;
}

export class DataReassembly {
  private items: Held[] = [];
  private head = 0;
  bytesHeld = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  /**
   * Keeps a copy of `bytes` at `dsn` (above the next expected DSN). Two
   * chunks starting at the same DSN keep the longer (the one held stays
   * when it covers the new one), as Linux's out-of-order queue does.
   */
  insert(dsn: bigint, bytes: Uint8Array): void {
    const items = this.items;
    let i = items.length;
    while (i > this.head && items[i - 1]!.dsn > dsn) i--;
    if (i > this.head && items[i - 1]!.dsn === dsn) {
      const held = items[i - 1]!;
      if (bytes.length <= held.bytes.length) return; // everything is there already
      this.bytesHeld += bytes.length - held.bytes.length;
      held.bytes = bytes.slice();
      return;
    }
    const held = { dsn, bytes: bytes.slice() };
    if (i === items.length) items.push(held);
    else items.splice(i, 0, held);
    this.bytesHeld += bytes.length;
  }

  /** The next held chunk that reaches `next`, trimmed to start there; copies wholly below are dropped. */
  take(next: bigint): Uint8Array | null {
    while (this.head < this.items.length) {
      const h = this.items[this.head]!;
      if (h.dsn > next) return null;
      this.head++;
      this.bytesHeld -= h.bytes.length;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      const end = h.dsn + BigInt(h.bytes.length);
      if (end > next) return h.bytes.subarray(Number(next - h.dsn));
    }
    return null;
  }
}
