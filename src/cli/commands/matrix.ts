import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
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
import type { CliIo, Command } from './command.ts';

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

function list<T extends string>(text: string | undefined, allowed: readonly T[], option: string): T[] | undefined {
  if (text === undefined) return undefined;
  const items = text.split(',').map((x) => x.trim()).filter(Boolean);
  for (const x of items) if (!allowed.includes(x as T)) throw new UsageError(`${option}: "${x}" is not one of ${allowed.join(', ')}`);
  if (items.length === 0) throw new UsageError(`${option} needs at least one value`);
  return items as T[];
}

function parseShard(text: string | undefined): { i: number; n: number } {
  if (text === undefined) return { i: 0, n: 1 };
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const i = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || i >= n) throw new UsageError(`--shard takes i/n with 0 ≤ i < n, like 0/4, got "${text}"`);
  return { i, n };
}

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

async function runWithWorkers(cells: MatrixCell[], workers: number, io: CliIo): Promise<MatrixRow[]> {
  const rows: MatrixRow[] = new Array(cells.length);
  let done = 0;
  const shares = dealMatrixCells(cells, workers).map((rows) => ({ rows }));
  await Promise.all(
    shares.map(
      ({ rows: share }) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(WORKER, { workerData: { cells: share } });
          worker.on('message', (m: { index: number; row: MatrixRow } | { done: true }) => {
            if ('done' in m) return;
            rows[m.index] = m.row;
            if (++done % 100 === 0) io.err(`  ${done}/${cells.length} rows`);
          });
          worker.on('error', reject);
          worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a matrix worker exited with status ${code}`))));
        }),
    ),
  );
  return rows;
}

export const matrixCommand: Command = {
  name: 'matrix',
  summary: 'run every attack against every attacker class, for v0 and v1, with each mitigation, and tabulate the security failures',
  usage: `Usage: lab matrix [--json] [--attacks A,B] [--protocols v0,v1] [--mitigations M,N] [--guess-budget N] [--workers N] [--shard i/n]

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
changes.

Options:
  --json              print { "rows": [...] } instead of the tables
  --attacks LIST      only these attacks (${ATTACKS.map((a) => a.id).join(', ')})
  --protocols LIST    v0, v1 or both (default both)
  --mitigations LIST  only these extra mitigations (${MATRIX_MITIGATIONS.join(', ')})
  --guess-budget N    guessed packets each off-path attacker sends (default ${OFF_PATH_GUESS_BUDGET};
                      the sweep's time grows with it, the chance of success barely;
                      at most the scenario limit, ${LIMITS.guessBudget})
  --workers N         run rows in up to N worker threads (default 1; no more than the cores and the attacks)
  --shard i/n         run only rows i, i+n, i+2n, … (to split the sweep between machines)
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
    const attacks = list<AttackId>(values.attacks, ATTACKS.map((a) => a.id), '--attacks');
    const protocols = list<MatrixProtocol>(values.protocols, ['v0', 'v1'], '--protocols');
    const mitigations = list<MatrixMitigation>(values.mitigations, MATRIX_MITIGATIONS, '--mitigations');
    const asked = values.workers === undefined ? 1 : Number(values.workers);
    if (!Number.isInteger(asked) || asked < 1 || asked > 64) throw new UsageError(`--workers must be a whole number from 1 to 64, got "${values.workers}"`);
    const shard = parseShard(values.shard);
    const budgetText = values['guess-budget'];
    const guessBudget = budgetText === undefined ? undefined : Number(budgetText);
    // The scenario limit (a scenario file could not ask for more either).
    if (guessBudget !== undefined && (!/^\d+$/.test(budgetText!) || guessBudget > LIMITS.guessBudget)) throw new UsageError(`--guess-budget must be a whole number from 0 to ${LIMITS.guessBudget} (the scenario limit), got "${budgetText}"`);
    const cells = planMatrix({ ...(attacks ? { attacks } : {}), ...(protocols ? { protocols } : {}), ...(mitigations ? { mitigations } : {}), ...(guessBudget !== undefined ? { guessBudget } : {}) }).filter((_, i) => i % shard.n === shard.i);
    const workers = matrixWorkerCount(asked, cells, availableParallelism());
    const capped = workers < asked ? ` (--workers ${asked} capped by ${new Set(cells.map((c) => c.attack)).size} attack group(s) and ${availableParallelism()} core(s))` : '';
    io.err(`lab matrix: ${cells.length} rows${shard.n > 1 ? ` (shard ${shard.i}/${shard.n})` : ''}${workers > 1 ? ` in ${workers} workers` : ''}${capped}`);
    const t0 = performance.now();
    let rows: MatrixRow[];
    if (workers === 1) {
      const cache = newBaselineCache();
      rows = cells.map((c, i) => {
        if ((i + 1) % 100 === 0) io.err(`  ${i + 1}/${cells.length} rows`);
        return runMatrixCell(c, cache, () => performance.now());
      });
    } else rows = await runWithWorkers(cells, workers, io);
    const seconds = (performance.now() - t0) / 1000;
    io.err(`lab matrix: ${rows.length} rows in ${seconds.toFixed(2)} s (${(rows.length / seconds).toFixed(0)} rows/s)`);
    if (values.json) {
      io.out(JSON.stringify({ rows }, null, 2));
      return 0;
    }
    io.out(matrixText(rows));
    return 0;
  },
};
