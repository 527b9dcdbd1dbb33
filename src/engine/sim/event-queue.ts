/**
 * The simulator's agenda: a binary min-heap ordered by (time, insertion
 * order), so events at the same microsecond run in the order they were
 * scheduled, which keeps runs deterministic.
 */
export class EventQueue<T> {
  private times: number[] = [];
  private seqs: number[] = [];
  private items: T[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.items.length;
  }

  push(time: number, item: T): void {
    const seq = this.nextSeq++;
    let i = this.items.length;
    this.times.push(time);
    this.seqs.push(seq);
    this.items.push(item);
    // sift up
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(time, seq, p)) break;
      this.move(p, i);
      i = p;
    }
    this.times[i] = time;
    this.seqs[i] = seq;
    this.items[i] = item;
  }

  /** Time of the earliest event, or Infinity. */
  peekTime(): number {
    return this.items.length ? this.times[0]! : Infinity;
  }

  pop(): { time: number; item: T } | undefined {
    const n = this.items.length;
    if (n === 0) return undefined;
    const time = this.times[0]!;
    const item = this.items[0]!;
    const lastTime = this.times.pop()!;
    const lastSeq = this.seqs.pop()!;
    const lastItem = this.items.pop()!;
    if (n > 1) {
      let i = 0;
      const m = n - 1;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= m) break;
        const r = l + 1;
        const c = r < m && this.lt(r, l) ? r : l;
        if (!this.before(this.times[c]!, this.seqs[c]!, -1, lastTime, lastSeq)) break;
        this.move(c, i);
        i = c;
      }
      this.times[i] = lastTime;
      this.seqs[i] = lastSeq;
      this.items[i] = lastItem;
    }
    return { time, item };
  }

  private lt(a: number, b: number): boolean {
    const ta = this.times[a]!;
    const tb = this.times[b]!;
    return ta < tb || (ta === tb && this.seqs[a]! < this.seqs[b]!);
  }

  /** (time, seq) strictly before slot j, or before (t2, s2) when j < 0. */
  private before(time: number, seq: number, j: number, t2 = 0, s2 = 0): boolean {
    const tj = j >= 0 ? this.times[j]! : t2;
    const sj = j >= 0 ? this.seqs[j]! : s2;
    return time < tj || (time === tj && seq < sj);
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from]!;
    this.seqs[to] = this.seqs[from]!;
    this.items[to] = this.items[from]!;
  }
}
