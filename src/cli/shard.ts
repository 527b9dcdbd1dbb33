/**
 * Sweeps split between processes or machines: `lab surface --shard K/N` and
 * `lab matrix --shard K/N` run the rows of the plan whose index i has
 * i % N == K (K from 0, like Kubernetes' JOB_COMPLETION_INDEX) and print
 * JSON Lines: a header, then `{"index": i, "row": {...}}` per row in plan
 * order. `lab merge` (commands/merge.ts) checks the shards make one whole
 * sweep and prints what the unsharded `--json` prints.
 *
 * The header carries everything merge needs, so merging never re-reads the
 * scenario: the kind and format, the shard, the plan's row count and
 * digest (two shards of different plans never merge), and for the surface
 * the result's head (scenario id and version, protocol, mitigations, MAC
 * algorithm), its places and its skipped cells.
 */
import { createHash } from 'node:crypto';
import type { SurfaceHead, SurfacePlace, SurfaceResult } from '../engine/index.ts';
import { UsageError } from './cli-error.ts';

/** The shard files' format; merge refuses any other. */
export const SHARD_FORMAT = 1;

export type ShardKind = 'lab-surface-shard' | 'lab-matrix-shard';

export interface Shard {
  k: number;
  n: number;
}

interface HeaderBase {
  kind: ShardKind;
  format: number;
  shard: Shard;
  /** Rows in the whole plan (every shard's). */
  rows: number;
  /** Digest of the whole plan's cells: shards of the same plan have the same. */
  plan: string;
}

export interface MatrixShardHeader extends HeaderBase {
  kind: 'lab-matrix-shard';
}

export interface SurfaceShardHeader extends HeaderBase {
  kind: 'lab-surface-shard';
  head: SurfaceHead;
  places: SurfacePlace[];
  skipped: SurfaceResult['skipped'];
}

export type ShardHeader = MatrixShardHeader | SurfaceShardHeader;

/** `--shard K/N`; the whole plan (0/1) without it. */
export function parseShard(text: string | undefined): Shard {
  if (text === undefined) return { k: 0, n: 1 };
  const m = /^(\d{1,9})\/(\d{1,9})$/.exec(text);
  const k = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || k >= n) throw new UsageError(`--shard takes K/N with 0 ≤ K < N, like 0/4 (K counts from 0, like JOB_COMPLETION_INDEX), got "${text}"`);
  return { k, n };
}

/** The plan's rows this shard runs, with their indices in the whole plan. */
export function shardCells<C>(cells: readonly C[], shard: Shard): { index: number; cell: C }[] {
  const out: { index: number; cell: C }[] = [];
  for (let index = shard.k; index < cells.length; index += shard.n) out.push({ index, cell: cells[index]! });
  return out;
}

/** A short digest of the whole plan. */
export function planDigest(cells: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(cells)).digest('hex').slice(0, 16);
}

export function shardRowLine(index: number, row: unknown): string {
  return JSON.stringify({ index, row });
}

/**
 * Hands rows on in plan order while they finish in any order (worker
 * threads): each row is held only until those before it have come.
 */
export function inPlanOrder<R>(indices: readonly number[], emit: (index: number, row: R) => void): (index: number, row: R) => void {
  const waiting = new Map<number, R>();
  let next = 0;
  return (index, row) => {
    waiting.set(index, row);
    while (next < indices.length && waiting.has(indices[next]!)) {
      const i = indices[next++]!;
      emit(i, waiting.get(i)!);
      waiting.delete(i);
    }
  };
}
