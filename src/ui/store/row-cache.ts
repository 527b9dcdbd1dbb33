/**
 * Packet rows fetched in pages and kept outside React state (DESIGN §6: big
 * data stays out of the store; the store keeps a version counter). Rows are
 * keyed by frame, so a filtered and an unfiltered view share them.
 */
import type { PacketRow } from '../../engine/index.ts';

export const ROW_PAGE = 256;
const MAX_ROWS = 50_000;

export class RowCache {
  private readonly rows = new Map<number, PacketRow>();
  private readonly inFlight = new Set<string>();

  get(frame: number): PacketRow | undefined {
    return this.rows.get(frame);
  }

  /** The pages covering positions [start, start + count). */
  static pages(start: number, count: number, length: number): number[] {
    const first = Math.max(0, Math.floor(start / ROW_PAGE));
    const last = Math.min(Math.ceil(length / ROW_PAGE) - 1, Math.floor((start + Math.max(count, 1) - 1) / ROW_PAGE));
    const out: number[] = [];
    for (let p = first; p <= last; p++) out.push(p);
    return out;
  }

  /** Marks a page as requested; false if it already was. */
  claim(key: string): boolean {
    if (this.inFlight.has(key)) return false;
    this.inFlight.add(key);
    return true;
  }

  release(key: string): void {
    this.inFlight.delete(key);
  }

  put(rows: PacketRow[]): void {
    if (this.rows.size + rows.length > MAX_ROWS) this.rows.clear();
    for (const r of rows) this.rows.set(r.frame, r);
  }

  clear(): void {
    this.rows.clear();
    this.inFlight.clear();
  }
}
