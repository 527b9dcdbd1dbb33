/**
 * A sans-IO protocol object's timers as a table of deadlines (quinn-proto's
 * TimerTable): the owner sets and clears them with the time it was given,
 * its caller reads the earliest with `next()` and calls back at that time.
 * Nothing here reads a clock.
 */
export class TimerTable<T extends string> {
  // A plain record with fixed keys: read on every event the simulator runs, so kept to property loads.
  private readonly at = {} as Record<T, number>;

  constructor(private readonly names: readonly T[]) {
    for (const n of names) this.at[n] = Infinity;
  }

  set(t: T, atUs: number): void {
    this.at[t] = atUs;
  }

  clear(t: T): void {
    this.at[t] = Infinity;
  }

  clearAll(): void {
    for (const n of this.names) this.at[n] = Infinity;
  }

  isSet(t: T): boolean {
    return this.at[t] !== Infinity;
  }

  /** The earliest deadline, Infinity when none is set. */
  next(): number {
    let min = Infinity;
    for (const n of this.names) if (this.at[n] < min) min = this.at[n];
    return min;
  }

  /** Whether `t` is due at `nowUs`; a due timer is cleared, so it fires once. */
  take(t: T, nowUs: number): boolean {
    if (this.at[t] > nowUs) return false;
    this.at[t] = Infinity;
    return true;
  }
}
