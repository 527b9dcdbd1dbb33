import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ATTACKS, assembleSurface, computeTradeoffs, dealSurfaceCells, newBaselineCache, openThreatModel, planSurface, runSurfaceCell, surfaceBase, surfaceHead, surfacePhases, threatDragonModel, type AttackId, type SurfaceResult, type SurfaceRow, type TradeoffResult } from '../../engine/index.ts';
import { checkWritable, writeOutput } from '../output-file.ts';
import { tradeoffText } from '../tradeoff-text.ts';
import { UsageError } from '../cli-error.ts';
import { listOption, workersOption } from '../list-option.ts';
import { scenarioFrom } from '../load-scenario.ts';
import { rowProgress, runInWorkers } from '../row-pool.ts';
import { inPlanOrder, parseShard, planDigest, shardCells, shardRowLine, SHARD_FORMAT, type SurfaceShardHeader } from '../shard.ts';
import { surfaceText } from '../surface-text.ts';
import type { Command } from './command.ts';

const WORKER = fileURLToPath(new URL('../../../bin/surface-worker.js', import.meta.url));

/** What `lab surface --json` prints, and `lab merge` of its shards. */
export function surfaceJson(result: SurfaceResult, tradeoffs: TradeoffResult | null = null): string {
  return JSON.stringify(tradeoffs ? { ...result, tradeoffs } : result, null, 2);
}

export const surfaceCommand: Command = {
  name: 'surface',
  summary: 'sweep a scenario\'s attack surface: every place, attacker class and attack on your own network, worst failure per place',
  usage: `Usage: lab surface <scenario.json | builtin-id> [--json] [--attacks A,B] [--workers N] [--shard K/N]
                   [--tradeoffs] [--threat-dragon FILE] [--otm FILE]

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

--tradeoffs then weighs the mitigations: the version's defaults, each
mitigation alone and all of them, each with its cost measured on the
scenario's attacker-free run (hash and cipher work per connection and per
join, half-open state per SYN, bytes on the wire, joins broken, as
address-bound join HMACs break a join through a NAT) and what it stops of
the findings (their rows run again under it); then the cheapest set that
stops every finding some set keeping the joins working stops, found by
searching the combinations in order of cost. With --json it is the
result's "tradeoffs".

--threat-dragon FILE and --otm FILE write the threat model (the scenario's
review decisions included) as OWASP Threat Dragon v2 JSON and as an Open
Threat Model document; with --tradeoffs, each threat names the cheapest set.

Progress (rows done, rows per second) goes to stderr; stdout is the result.

Options:
  --json            print the result as JSON instead of the tables
  --attacks LIST    only these attacks (${ATTACKS.map((a) => a.id).join(', ')})
  --workers N       run rows in up to N worker threads (default 1; no more than the cores and the attacks)
  --shard K/N       run only rows K, K+N, K+2N, … and print them as JSON Lines for lab merge
  --tradeoffs       also measure the mitigation trade-offs and find the cheapest stopping set
  --threat-dragon F write the threat model as OWASP Threat Dragon v2 JSON to F
  --otm F           write the threat model as an Open Threat Model (OTM) document to F
  -h, --help        show this help

Examples:
  lab surface nat-client
  lab surface my-network.json --attacks blind-reset,add-addr-hijack --json
  seq 0 3 | parallel -j4 'lab surface nat-client --shard {}/4 > shard-{}.jsonl' && lab merge shard-*.jsonl`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, attacks: { type: 'string' }, workers: { type: 'string' }, shard: { type: 'string' }, tradeoffs: { type: 'boolean' }, 'threat-dragon': { type: 'string' }, otm: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length === 0) throw new UsageError('surface needs a scenario: a built-in id or a JSON file');
    if (positionals.length > 1) throw new UsageError(`surface takes one scenario, got "${positionals[1]}" too`);
    const attacks = listOption<AttackId>(values.attacks, ATTACKS.map((a) => a.id), '--attacks');
    const asked = workersOption(values.workers);
    const shard = parseShard(values.shard);
    const sharded = values.shard !== undefined;
    const exports = { td: values['threat-dragon'], otm: values.otm };
    if (sharded && (values.tradeoffs || exports.td !== undefined || exports.otm !== undefined)) throw new UsageError('--tradeoffs, --threat-dragon and --otm need the whole sweep: run them without --shard (or on the merged result\'s scenario)');
    // Checked before the sweep: minutes of work should not be lost to a typo in a path.
    if (exports.td !== undefined) checkWritable(exports.td, '--threat-dragon');
    if (exports.otm !== undefined) checkWritable(exports.otm, '--otm');
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
      // The phases come from one attacker-free run: read them once, not once per row.
      const phases = picked.length > 0 ? surfacePhases(surfaceBase(s), cache) : undefined;
      for (const { index, cell } of picked) done(index, runSurfaceCell(s, cell, cache, phases ? { phases } : {}));
    } else await runInWorkers<SurfaceRow>(WORKER, dealSurfaceCells(picked, workers), { scenario: s }, done);
    progress.finish();
    if (sharded) return 0;
    const result = assembleSurface(s, plan.places, rows, plan.skipped);
    let tradeoffs: TradeoffResult | null = null;
    if (values.tradeoffs) {
      const t0 = performance.now();
      let last = 0;
      tradeoffs = computeTradeoffs(s, result, (p) => {
        const now = performance.now();
        if (now - last < 2000) return;
        last = now;
        io.err(`  trade-offs: ${p.phase} ${p.done}/${p.total}`);
      });
      io.err(`lab surface: trade-offs in ${((performance.now() - t0) / 1000).toFixed(2)} s (${tradeoffs.setsSearched} sets searched)`);
    }
    if (exports.td !== undefined) writeOutput(exports.td, '--threat-dragon', JSON.stringify(threatDragonModel(s, result, tradeoffs), null, 2));
    if (exports.otm !== undefined) writeOutput(exports.otm, '--otm', JSON.stringify(openThreatModel(s, result, tradeoffs), null, 2));
    if (values.json) io.out(surfaceJson(result, tradeoffs));
    else io.out([surfaceText(result, s.review), ...(tradeoffs ? [tradeoffText(tradeoffs)] : [])].join('\n\n'));
    return 0;
  },
};
