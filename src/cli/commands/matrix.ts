import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  ATTACKS,
  LIMITS,
  MATRIX_CLASSES,
  MATRIX_MITIGATIONS,
  MATRIX_VARIANTS,
  OFF_PATH_GUESS_BUDGET,
  dealMatrixCells,
  matrixWorkerCount,
  matrixAttackKey,
  newBaselineCache,
  planMatrix,
  runMatrixCell,
  type AttackId,
  type FailureId,
  type MatrixCell,
  type MatrixMitigation,
  type MatrixProtocol,
  type MatrixRow,
} from '../../engine/index.ts';
import { UsageError } from '../cli-error.ts';
import { inPlanOrder, parseShard, planDigest, shardCells, shardRowLine, SHARD_FORMAT, type MatrixShardHeader } from '../shard.ts';
import { rowProgress, runInWorkers } from '../row-pool.ts';
import { listOption, workersOption } from '../list-option.ts';
import type { Command } from './command.ts';

const WORKER = fileURLToPath(new URL('../../../bin/matrix-worker.js', import.meta.url));

/** Short names for the table's cells. */
const SHORT: Record<FailureId, string> = {
  hijack: 'HIJ',
  mitm: 'MITM',
  'data-injection': 'INJ',
  'eavesdrop-data': 'EAV',
  'key-compromise': 'KEY',
  'connection-dos': 'DOS',
  'join-dos': 'JDOS',
  'resource-exhaustion': 'RES',
  'third-party-flooding': 'FLOOD',
  degradation: 'DEG',
};

function classLabel(r: Pick<MatrixCell, 'location' | 'capability' | 'window'>): string {
  const where = r.location === 'partial-time-on-path' ? `partial(${r.window})` : r.location;
  return `${where} ${r.capability === 'eavesdropper' ? 'eav' : 'act'}`;
}

/** Attacks as rows, attacker classes as columns, failures in the cells (* = MPTCP-specific), for one protocol's default mitigations. */
function table(rows: MatrixRow[], protocol: MatrixProtocol): string {
  const defaults = rows.filter((r) => r.protocol === protocol && r.mitigations.length === (protocol === 'v1' ? 1 : 0));
  if (defaults.length === 0) return '';
  const classes = MATRIX_CLASSES.map(classLabel);
  const attacks = [...new Set(defaults.map(matrixAttackKey))];
  const cell = (attack: string, cls: string) => {
    const r = defaults.find((x) => matrixAttackKey(x) === attack && classLabel(x) === cls);
    if (!r) return '·';
    const order = Object.keys(SHORT);
    const sorted = [...r.failures].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const spared = r.tcpOnly.map((f) => `(${SHORT[f]})`);
    // "Not attempted" has its own mark: it must never read like "defended".
    const idle = r.attempted ? [] : ['○'];
    return r.failures.length || spared.length ? [...sorted.map((f) => `${SHORT[f]}${r.mptcpSpecific.includes(f) ? '*' : ''}`), ...spared, ...idle].join(' ') : r.attempted ? '—' : '○';
  };
  const grid = [['attack', ...classes], ...attacks.map((a) => [a, ...classes.map((c) => cell(a, c))])];
  const widths = grid[0]!.map((_, j) => Math.max(...grid.map((row) => row[j]!.length)));
  const line = (row: string[]) => row.map((x, j) => x.padEnd(widths[j]!)).join(' │ ');
  const out = [`MPTCP ${protocol}, the version's default mitigations${protocol === 'v1' ? ' (add-addr-hmac)' : ''}`, line(grid[0]!), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...grid.slice(1).map(line)];
  return out.join('\n');
}

/** For each extra mitigation: the failures it took away from, and added to, the default runs. */
function mitigationSummary(rows: MatrixRow[]): string {
  const key = (r: MatrixRow) => `${matrixAttackKey(r)}|${r.protocol}|${classLabel(r)}`;
  const defaults = new Map(rows.filter((r) => r.mitigations.length === (r.protocol === 'v1' ? 1 : 0)).map((r) => [key(r), r]));
  const lines = ['What each mitigation changes against the defaults (cells where a failure disappears / appears):'];
  const tried = new Set(rows.flatMap((r) => r.mitigations.filter((x) => !(r.protocol === 'v1' && x === 'add-addr-hmac'))));
  for (const m of MATRIX_MITIGATIONS.filter((x) => tried.has(x))) {
    const gone = new Map<FailureId, number>();
    const added = new Map<FailureId, number>();
    for (const r of rows) {
      const extra = r.mitigations.filter((x) => !(r.protocol === 'v1' && x === 'add-addr-hmac'));
      if (extra.length !== 1 || extra[0] !== m) continue;
      const d = defaults.get(key(r));
      if (!d) continue;
      for (const f of d.failures) if (!r.failures.includes(f)) gone.set(f, (gone.get(f) ?? 0) + 1);
      for (const f of r.failures) if (!d.failures.includes(f)) added.set(f, (added.get(f) ?? 0) + 1);
    }
    const fmt = (mp: Map<FailureId, number>) => [...mp].map(([f, n]) => `${f} ×${n}`).join(', ') || 'nothing';
    lines.push(`  ${m.padEnd(24)} removes ${fmt(gone)}; adds ${fmt(added)}`);
  }
  return lines.join('\n');
}

/** What `lab matrix` prints without --json: a table per protocol, the legend, what each mitigation changes. */
export function matrixText(rows: MatrixRow[]): string {
  const parts = [table(rows, 'v0'), table(rows, 'v1')].filter(Boolean);
  parts.push(`Failures: ${Object.entries(SHORT)
    .map(([f, s]) => `${s} = ${f}`)
    .join(', ')}; * = MPTCP-specific (plain TCP with the same attacker does not suffer it); (X) = plain TCP with the same attacker suffers X, MPTCP was spared; — = the attacker acted and nothing failed; ○ = not attempted (the attacker did not act: nothing in its window, no guess budget, or nothing it needed), which is not "defended"; · = not run.`);
  if (rows.some((r) => r.mitigations.length > (r.protocol === 'v1' ? 1 : 0))) parts.push(mitigationSummary(rows));
  return parts.join('\n\n');
}

/** A row as `--json`, a shard and `lab merge` print it: without its wall time (stderr has the timing), so the same sweep prints the same bytes. */
export function matrixJsonRow(row: MatrixRow): Omit<MatrixRow, 'runMs'> {
  const { runMs: _runMs, ...rest } = row;
  return rest;
}

/** What `lab matrix --json` prints, and `lab merge` of its shards. */
export function matrixJson(rows: readonly Omit<MatrixRow, 'runMs'>[]): string {
  return JSON.stringify({ rows }, null, 2);
}

export const matrixCommand: Command = {
  name: 'matrix',
  summary: 'run every attack against every attacker class, for v0 and v1, with each mitigation, and tabulate the security failures',
  usage: `Usage: lab matrix [--json] [--attacks A,B] [--protocols v0,v1] [--mitigations M,N] [--guess-budget N] [--workers N] [--shard K/N]

Runs the attack matrix: every attack of the security model against every
attacker class that can follow it (off-path active; partial-time on-path,
eavesdropper or active, with a window over each protocol phase: the
MP_CAPABLE handshake, the first MP_JOIN exchange, the data transfer;
on-path eavesdropper or active), for MPTCP v0 and v1, with the version's
default mitigations, each extra mitigation alone, and all of them. Each row
runs the attack's built-in scenario (attack-<id>); a few attacks also run
with other parameters (${MATRIX_VARIANTS.map((v) => `${v.attack}:${v.id}`).join(', ')}), with the
defaults and the mitigations that speak to them alone. Each reports the failures
the monitors found, which of them plain TCP would not suffer (judged by a
single-path baseline that really runs the TCP equivalent of the attack),
which plain TCP would suffer and MPTCP was spared, whether the attacker
acted at all, the guesses a blind attacker sent and would need, the
measured amplification of each failure that has one, and what the attacker
knew by the end. docs/attacks.md reads the result against RFC 7430 and
RFC 6181.

Without --json it prints one table per protocol (attacks as rows, attacker
classes as columns, failures in the cells, * = MPTCP-specific, (X) =
suffered by plain TCP only, ○ = not attempted), then what each mitigation
changes. --json prints the rows without their wall time (stderr has the
timing), so the same sweep prints the same bytes on any machine.

With --shard K/N it runs only the rows whose index i in the plan has
i % N == K and prints JSON Lines (a header, then one {"index", "row"} line
per row); "lab merge" puts N such shards together into exactly what one
run with --json prints (the README shows GNU parallel and a Kubernetes
Indexed Job doing it).

Options:
  --json              print { "rows": [...] } instead of the tables
  --attacks LIST      only these attacks (${ATTACKS.map((a) => a.id).join(', ')})
  --protocols LIST    v0, v1 or both (default both)
  --mitigations LIST  only these extra mitigations (${MATRIX_MITIGATIONS.join(', ')})
  --guess-budget N    guessed packets each off-path attacker sends (default ${OFF_PATH_GUESS_BUDGET};
                      the sweep's time grows with it, the chance of success barely;
                      at most the scenario limit, ${LIMITS.guessBudget})
  --workers N         run rows in up to N worker threads (default 1; no more than the cores and the attacks)
  --shard K/N         run only rows K, K+N, K+2N, … (0 ≤ K < N) and print them as JSON Lines for lab merge
  -h, --help          show this help

Failures: ${Object.entries(SHORT)
    .map(([f, s]) => `${s} ${f}`)
    .join(', ')}.`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, attacks: { type: 'string' }, protocols: { type: 'string' }, mitigations: { type: 'string' }, workers: { type: 'string' }, shard: { type: 'string' }, 'guess-budget': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length) throw new UsageError(`lab matrix takes no arguments, got "${positionals[0]}"`);
    const attacks = listOption<AttackId>(values.attacks, ATTACKS.map((a) => a.id), '--attacks');
    const protocols = listOption<MatrixProtocol>(values.protocols, ['v0', 'v1'], '--protocols');
    const mitigations = listOption<MatrixMitigation>(values.mitigations, MATRIX_MITIGATIONS, '--mitigations');
    const asked = workersOption(values.workers);
    const shard = parseShard(values.shard);
    const budgetText = values['guess-budget'];
    const guessBudget = budgetText === undefined ? undefined : Number(budgetText);
    // The scenario limit (a scenario file could not ask for more either).
    if (guessBudget !== undefined && (!/^\d+$/.test(budgetText!) || guessBudget > LIMITS.guessBudget)) throw new UsageError(`--guess-budget must be a whole number from 0 to ${LIMITS.guessBudget} (the scenario limit), got "${budgetText}"`);
    const plan = planMatrix({ ...(attacks ? { attacks } : {}), ...(protocols ? { protocols } : {}), ...(mitigations ? { mitigations } : {}), ...(guessBudget !== undefined ? { guessBudget } : {}) });
    const picked = shardCells(plan, shard);
    const cells = picked.map((x) => x.cell);
    const sharded = values.shard !== undefined;
    const workers = matrixWorkerCount(asked, cells, availableParallelism());
    const capped = workers < asked ? ` (--workers ${asked} capped by ${new Set(cells.map((c) => c.attack)).size} attack group(s) and ${availableParallelism()} core(s))` : '';
    io.err(`lab matrix: ${cells.length} rows${sharded ? ` (shard ${shard.k}/${shard.n} of ${plan.length})` : ''}${workers > 1 ? ` in ${workers} workers` : ''}${capped}`);
    if (sharded) {
      const header: MatrixShardHeader = { kind: 'lab-matrix-shard', format: SHARD_FORMAT, shard, rows: plan.length, plan: planDigest(plan) };
      io.out(JSON.stringify(header));
    }
    const rows: MatrixRow[] = new Array(cells.length);
    const progress = rowProgress(io, 'matrix', cells.length, 100);
    const emit = inPlanOrder<MatrixRow>(
      picked.map((x) => x.index),
      (index, row) => io.out(shardRowLine(index, matrixJsonRow(row))),
    );
    const done = (local: number, row: MatrixRow) => {
      progress.tick();
      if (sharded) emit(picked[local]!.index, row);
      else rows[local] = row;
    };
    if (workers === 1) {
      const cache = newBaselineCache();
      cells.forEach((c, i) => done(i, runMatrixCell(c, cache, () => performance.now())));
    } else await runInWorkers<MatrixRow>(WORKER, dealMatrixCells(cells, workers), {}, done);
    progress.finish();
    if (sharded) return 0;
    io.out(values.json ? matrixJson(rows.map(matrixJsonRow)) : matrixText(rows));
    return 0;
  },
};
