/**
 * `lab merge`: shards of one sweep (shard.ts) put back together. Lines are
 * checked as they come, each problem a CLI_MERGE error naming the file and
 * line; at the end every shard K of N must have come exactly once with
 * every row of its share, each row exactly once. The output is what the
 * unsharded `--json` prints, built from the headers and rows alone.
 */
import { assembleSurfaceFrom, FAILURES, LabError, type SurfaceRow } from '../engine/index.ts';
import { matrixJson } from './commands/matrix.ts';
import { surfaceJson } from './commands/surface.ts';
import { SHARD_FORMAT, type ShardHeader, type SurfaceShardHeader } from './shard.ts';

type Json = Record<string, unknown>;

const KINDS = ['lab-surface-shard', 'lab-matrix-shard'];
const PLACE_KINDS = ['link', 'router', 'off-path'];
const FAILURE_IDS = new Set<string>(FAILURES.map((f) => f.id));

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** What is wrong with a header line, or null. */
function headerProblem(v: Json): string | null {
  if (typeof v.kind !== 'string' || !KINDS.includes(v.kind)) return `"kind" is ${JSON.stringify(v.kind)}, not one of ${KINDS.join(', ')}`;
  if (v.format !== SHARD_FORMAT) return `shard format ${JSON.stringify(v.format)}; this lab reads format ${SHARD_FORMAT} (shards from another version of the lab?)`;
  const shard = v.shard;
  if (!isObject(shard) || !isCount(shard.k) || !isCount(shard.n) || shard.n < 1 || shard.k >= shard.n) return `"shard" is ${JSON.stringify(shard)}, not {"k": K, "n": N} with 0 ≤ K < N`;
  if (!isCount(v.rows)) return `"rows" is ${JSON.stringify(v.rows)}, not a row count`;
  if (typeof v.plan !== 'string') return '"plan" is not a plan digest';
  if (v.kind === 'lab-surface-shard') {
    const h = v.head;
    if (!isObject(h) || typeof h.scenario !== 'string' || typeof h.version !== 'string' || typeof h.protocol !== 'string' || !isStrings(h.mitigations) || typeof h.macAlgorithm !== 'string') return '"head" is not a surface result\'s head (scenario, version, protocol, mitigations, macAlgorithm)';
    if (!Array.isArray(v.places) || !v.places.every((p) => isObject(p) && typeof p.id === 'string' && PLACE_KINDS.includes(p.kind as string))) return '"places" is not a list of places ({"id", "kind"})';
    if (!Array.isArray(v.skipped) || !v.skipped.every((x) => isObject(x) && isObject(x.cell) && typeof x.reason === 'string')) return '"skipped" is not a list of skipped cells ({"cell", "reason"})';
  }
  return null;
}

/** What is wrong with a row for a header, or null: what the merge reads of it (the rest is passed through). */
function rowProblem(row: unknown, header: ShardHeader): string | null {
  if (!isObject(row)) return 'is not an object';
  const failures = (k: string) => (Array.isArray(row[k]) && (row[k] as unknown[]).every((f) => FAILURE_IDS.has(f as string)) ? null : `its "${k}" is not a list of failure ids`);
  const problem = failures('failures') ?? failures('mptcpSpecific') ?? (typeof row.attempted === 'boolean' ? null : 'its "attempted" is not true or false');
  if (problem) return problem;
  if (header.kind === 'lab-surface-shard' && !header.places.some((p) => p.id === row.place)) return `its place ${JSON.stringify(row.place)} is not one of the header's places`;
  return null;
}

interface Seen {
  where: string;
}

export class ShardMerge {
  private first: { header: ShardHeader; where: string; rest: string } | null = null;
  private readonly shards = new Map<number, { where: string; name: string; rows: number }>();
  private readonly rows = new Map<number, Seen & { row: unknown }>();
  /** The header the current input's rows belong to. */
  private current: { header: ShardHeader; k: number } | null = null;

  /** A new input (file or stdin): its first line must be a header. */
  startInput(): void {
    this.current = null;
  }

  line(name: string, line: number, text: string): void {
    if (text.trim() === '') return;
    const where = `${name} line ${line}`;
    const fail = (message: string) => new LabError('CLI_MERGE', `${where}: ${message}`);
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      throw fail(`not a JSON line (${(e as Error).message})`);
    }
    if (!isObject(v)) throw fail('not a shard header or row (a JSON object)');
    if ('kind' in v) {
      const problem = headerProblem(v);
      if (problem) throw fail(problem);
      this.header(v as unknown as ShardHeader, name, where);
      return;
    }
    if (!('index' in v) || !('row' in v)) throw fail('neither a shard header (with "kind") nor a row (with "index" and "row")');
    if (!this.current) throw fail('a row before any shard header (a shard starts with its header line)');
    const { header, k } = this.current;
    const index = v.index;
    if (!isCount(index) || index >= header.rows) throw fail(`row index ${JSON.stringify(index)} is not one of the plan's ${header.rows} rows (0 to ${header.rows - 1})`);
    if (index % header.shard.n !== k) throw fail(`row ${index} does not belong to shard ${k}/${header.shard.n} (${index} % ${header.shard.n} = ${index % header.shard.n})`);
    const problem = rowProblem(v.row, header);
    if (problem) throw fail(`row ${index} ${problem}`);
    const prev = this.rows.get(index);
    if (prev) throw new LabError('CLI_MERGE', `row ${index} appears in both ${prev.where} and ${where}`);
    this.rows.set(index, { where, row: v.row });
    this.shards.get(k)!.rows++;
  }

  private header(h: ShardHeader, name: string, where: string): void {
    const fail = (message: string) => new LabError('CLI_MERGE', `${where}: ${message}`);
    const { shard, ...restOf } = h;
    const rest = JSON.stringify(restOf);
    const first = this.first;
    if (!first) this.first = { header: h, where, rest };
    else if (rest !== first.rest) {
      const f = first.header;
      if (h.kind !== f.kind) throw fail(`a ${h.kind} header, but ${first.where} is a ${f.kind}: the shards of one sweep are all of lab surface or all of lab matrix`);
      if (h.kind === 'lab-surface-shard') {
        const fh = (f as SurfaceShardHeader).head;
        if (h.head.scenario !== fh.scenario || h.head.version !== fh.version) throw fail(`scenario ${h.head.scenario} version ${h.head.version}, but ${first.where} has ${fh.scenario} version ${fh.version}: shards of different scenarios, or of a scenario changed between shards, do not merge`);
      }
      if (h.rows !== f.rows || h.plan !== f.plan) throw fail(`a plan of ${h.rows} rows (digest ${h.plan}), but ${first.where} has ${f.rows} rows (digest ${f.plan}): the shards were run with different options`);
      throw fail(`its header differs from ${first.where} (the places, the skipped cells or the result's head)`);
    }
    const n = this.first!.header.shard.n;
    if (shard.n !== n) throw fail(`shard ${shard.k}/${shard.n}, but ${this.first!.where} is shard ${this.first!.header.shard.k}/${n}: all shards of a sweep are split the same number of ways`);
    const prev = this.shards.get(shard.k);
    if (prev) throw new LabError('CLI_MERGE', `shard ${shard.k}/${n} appears in both ${prev.where} and ${where}`);
    this.shards.set(shard.k, { where, name, rows: 0 });
    this.current = { header: h, k: shard.k };
  }

  /** Every shard and row present: the unsharded `--json` output. */
  finish(): string {
    const first = this.first;
    if (!first) throw new LabError('CLI_MERGE', 'no shard in the input: a shard file starts with a header line from lab surface or lab matrix --shard K/N');
    const { header } = first;
    const n = header.shard.n;
    for (let k = 0; k < n; k++) {
      const got = this.shards.get(k);
      if (!got) {
        const have = [...this.shards.keys()].sort((a, b) => a - b).map((x) => `${x}/${n}`);
        const listed = have.length > 10 ? `${have.slice(0, 10).join(', ')} and ${have.length - 10} more` : have.join(', ');
        throw new LabError('CLI_MERGE', `missing shard ${k}/${n} (the input has ${listed})`);
      }
      const expected = k < header.rows ? Math.ceil((header.rows - k) / n) : 0;
      if (got.rows < expected) {
        let i = k;
        while (this.rows.has(i)) i += n;
        throw new LabError('CLI_MERGE', `${got.name}: shard ${k}/${n} has ${got.rows} of its ${expected} rows; row ${i} is missing (was the shard cut short?)`);
      }
    }
    const rows = Array.from({ length: header.rows }, (_, i) => this.rows.get(i)!.row);
    if (header.kind === 'lab-matrix-shard') return matrixJson(rows as Parameters<typeof matrixJson>[0]);
    return surfaceJson(assembleSurfaceFrom(header.head, header.places, rows as SurfaceRow[], header.skipped));
  }
}
