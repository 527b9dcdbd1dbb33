import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ATTACKS, assembleSurface, dealSurfaceCells, newBaselineCache, planSurface, runSurfaceCell, surfaceHead, type AttackId, type SurfaceResult, type SurfaceRow } from '../../engine/index.ts';
import { UsageError } from '../cli-error.ts';
import { listOption, workersOption } from '../list-option.ts';
import { scenarioFrom } from '../load-scenario.ts';
import { rowProgress, runInWorkers } from '../row-pool.ts';
import { inPlanOrder, parseShard, planDigest, shardCells, shardRowLine, SHARD_FORMAT, type SurfaceShardHeader } from '../shard.ts';
import { surfaceText } from '../surface-text.ts';
import type { Command } from './command.ts';

const WORKER = fileURLToPath(new URL('../../../bin/surface-worker.js', import.meta.url));

/** What `lab surface --json` prints, and `lab merge` of its shards. */
export function surfaceJson(result: SurfaceResult): string {
  return JSON.stringify(result, null, 2);
}

export const surfaceCommand: Command = {
  name: 'surface',
  summary: 'sweep a scenario\'s attack surface: every place, attacker class and attack on your own network, worst failure per place',
  usage: `Usage: lab surface <scenario.json | builtin-id> [--json] [--attacks A,B] [--workers N] [--shard K/N]

Sweeps the attack surface of your own scenario (the app's surface map): an
attacker at each place, meaning each link, each router (all its links) and
off-path, of every class the security model allows there (on-path or
partial-time on-path over the handshake, join or data phase, eavesdropper
or active; off-path active), following every attack it can. Each row is
your scenario without its own attackers plus that one attacker, with the
phases and the strike time read off the scenario's attacker-free run. The
monitors' verdicts say what failed; nothing is taken from the attacker's log.

It prints a table of the places: the worst failure there (by its default
severity, from STRIDE; * = MPTCP-specific), and how many rows found
failures, ran, and had an attacker that acted. A place where no attacker
acted says "not attempted", which is not "defended". Then, per place, the
rows that found failures; the cells the sweep cannot build, with why; and,
when the scenario has a review section, each finding with its decision,
flagged NEW when the review has not seen it and "no longer found" when a
decision's finding did not show up in this run.

--json prints the whole result ({ scenario, version, protocol, mitigations,
macAlgorithm, places, rows, skipped }). It holds no wall time: the same
scenario prints the same bytes on any machine, in one run or in shards.

With --shard K/N it runs only the rows whose index i in the plan has
i % N == K (0 ≤ K < N, K from 0 like a Kubernetes Indexed Job's
JOB_COMPLETION_INDEX) and prints JSON Lines: a header (the plan and the
result's head), then one {"index", "row"} line per row. "lab merge" puts the
N shards together into exactly what --json prints for the whole sweep.

Progress (rows done, rows per second) goes to stderr; stdout is the result.

Options:
  --json            print the result as JSON instead of the tables
  --attacks LIST    only these attacks (${ATTACKS.map((a) => a.id).join(', ')})
  --workers N       run rows in up to N worker threads (default 1; no more than the cores and the attacks)
  --shard K/N       run only rows K, K+N, K+2N, … and print them as JSON Lines for lab merge
  -h, --help        show this help

Examples:
  lab surface nat-client
  lab surface my-network.json --attacks blind-reset,add-addr-hijack --json
  seq 0 3 | parallel -j4 'lab surface nat-client --shard {}/4 > shard-{}.jsonl' && lab merge shard-*.jsonl`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, attacks: { type: 'string' }, workers: { type: 'string' }, shard: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length === 0) throw new UsageError('surface needs a scenario: a built-in id or a JSON file');
    if (positionals.length > 1) throw new UsageError(`surface takes one scenario, got "${positionals[1]}" too`);
    const attacks = listOption<AttackId>(values.attacks, ATTACKS.map((a) => a.id), '--attacks');
    const asked = workersOption(values.workers);
    const shard = parseShard(values.shard);
    const sharded = values.shard !== undefined;
    const s = scenarioFrom(positionals[0]!);
    const plan = planSurface(s, attacks ? { attacks } : {});
    const picked = shardCells(plan.cells, shard);
    const groups = new Set(picked.map((x) => x.cell.attack)).size;
    const workers = Math.max(1, Math.min(asked, availableParallelism(), groups));
    const capped = workers < asked ? ` (--workers ${asked} capped by ${groups} attack group(s) and ${availableParallelism()} core(s))` : '';
    io.err(`lab surface: ${picked.length} rows of ${s.id}${sharded ? ` (shard ${shard.k}/${shard.n} of ${plan.cells.length})` : ''}, ${plan.skipped.length} cells skipped${workers > 1 ? `, in ${workers} workers` : ''}${capped}`);
    if (sharded) {
      const header: SurfaceShardHeader = { kind: 'lab-surface-shard', format: SHARD_FORMAT, shard, rows: plan.cells.length, plan: planDigest([plan.places, plan.cells, plan.skipped]), head: surfaceHead(s), places: plan.places, skipped: plan.skipped };
      io.out(JSON.stringify(header));
    }
    const rows: SurfaceRow[] = new Array(plan.cells.length);
    const progress = rowProgress(io, 'surface', picked.length, 50);
    const emit = inPlanOrder<SurfaceRow>(
      picked.map((x) => x.index),
      (index, row) => io.out(shardRowLine(index, row)),
    );
    const done = (index: number, row: SurfaceRow) => {
      progress.tick();
      if (sharded) emit(index, row);
      else rows[index] = row;
    };
    if (workers === 1) {
      const cache = newBaselineCache();
      for (const { index, cell } of picked) done(index, runSurfaceCell(s, cell, cache));
    } else await runInWorkers<SurfaceRow>(WORKER, dealSurfaceCells(picked, workers), { scenario: s }, done);
    progress.finish();
    if (sharded) return 0;
    const result = assembleSurface(s, plan.places, rows, plan.skipped);
    io.out(values.json ? surfaceJson(result) : surfaceText(result, s.review));
    return 0;
  },
};
