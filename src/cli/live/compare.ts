/**
 * `lab live compare`: every v1 attack built-in, and the matrix's v1 classes
 * and windows for each, run both in the engine and against real Linux
 * hosts (the engine only as routers and attacker), with the failures each
 * found side by side. Only failures the Linux side can judge are compared;
 * the others are listed as not judged there, never as agreement.
 */
import { BUILTIN_SCENARIOS, builtinScenario, matrixScenario, newBaselineCache, planMatrix, runMatrixCell, runScenario, type FailureId, type MatrixCell, type Scenario } from '../../engine/index.ts';
import type { LiveFailureId } from './linux-judge.ts';
import { liveRun, type LiveRunResult } from './live-run.ts';
import { livePhases, liveWindow, type Phases } from './live-windows.ts';

export interface CompareRow {
  /** The attack built-in's id, and the variant's when the matrix has one. */
  attack: string;
  scenario: string;
  /** "built-in" for the scenario's own attacker, else the matrix class: "on-path active", "partial-time-on-path eavesdropper (handshake)", ... */
  attackerClass: string;
  engine: { failures: FailureId[]; attempted: boolean };
  linux: { failures: LiveFailureId[]; attempted: boolean; verdict: string; wallMs: number; error?: string };
  /** Engine failures the Linux side cannot judge (listed, not compared). */
  notJudged: FailureId[];
  /** The scenario's settings the Linux hosts ran without (what-ifs): a disagreement there is expected. */
  notOnLinux: string[];
  agree: boolean;
}

export interface CompareResult {
  kernel: string;
  rows: CompareRow[];
  agreeing: number;
}

export interface CompareOptions {
  /** Also the matrix's v1 classes and windows (default true). */
  classes: boolean;
  /** Only these attacks (ids as in `lab matrix --attacks`). */
  attacks?: readonly string[];
  prefix?: string;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

/** The failures the Linux side judges (linux-judge.ts), when it has a baseline and the server's counters. */
export function judgedOnLinux(): LiveFailureId[] {
  return ['hijack', 'mitm', 'data-injection', 'connection-dos', 'eavesdrop-data', 'key-compromise', 'join-dos', 'resource-exhaustion', 'degradation'];
}

const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)].sort();

function bothHosts(s: Scenario): string[] {
  return uniq(s.traffic.flatMap((t) => [t.from, t.to]));
}

function classOf(cell: MatrixCell): string {
  return `${cell.location} ${cell.capability}${cell.window ? ` (${cell.window})` : ''}`;
}

/** The matrix cell's scenario with its window (and strike time) read off the live attack-free run's phases. */
function liveCellScenario(cell: MatrixCell, engineScenario: Scenario, phases: Phases): Scenario {
  if (!cell.window) return engineScenario;
  const a = engineScenario.attackers[0]!;
  const w = liveWindow(phases, cell.window);
  const own = builtinScenario(cell.scenario)!.attackers[0]!.params.atUs;
  const params = { ...a.params };
  if (typeof own === 'number') {
    if (cell.window === 'data') params.atUs = Math.max(own, w.fromUs + 30_000);
    if (cell.window === 'join') params.atUs = Math.max(own, w.fromUs);
  }
  return { ...engineScenario, attackers: [{ ...a, window: w, params }] };
}

export async function liveCompare(options: CompareOptions): Promise<CompareResult> {
  const log = options.log ?? (() => {});
  const builtins = BUILTIN_SCENARIOS.filter((s) => s.id.startsWith('attack-') && s.protocol === 'mptcp-v1' && s.attackers.length > 0 && (!options.attacks || options.attacks.includes(s.attackers[0]!.attack)));
  const cache = newBaselineCache();
  const rows: CompareRow[] = [];
  let kernel = '';
  const row = async (attack: string, s: Scenario, attackerClass: string, engine: CompareRow['engine'], baseline: LiveRunResult): Promise<CompareRow> => {
    const started = Date.now();
    let notJudged = uniq(engine.failures.filter((f) => !judgedOnLinux().includes(f as LiveFailureId)));
    try {
      const { result } = await liveRun(s, { outside: bothHosts(s), baseline, ...(options.prefix ? { prefix: options.prefix } : {}), ...(options.signal ? { signal: options.signal } : {}) });
      kernel = result.live.kernel;
      const unjudged = new Set<string>(result.notJudged.map((n) => n.id));
      const judged = judgedOnLinux().filter((f) => !unjudged.has(f));
      notJudged = uniq(engine.failures.filter((f) => !judged.includes(f as LiveFailureId)));
      const failures = uniq(result.failures.map((f) => f.id).filter((f) => judged.includes(f)));
      const v = result.verdicts[0];
      const linux = { failures, attempted: result.attackers.some((x) => x.attempted), verdict: v?.verdict ?? 'no attacker', wallMs: Date.now() - started };
      const mine = uniq(engine.failures.filter((f) => judged.includes(f as LiveFailureId)));
      return { attack, scenario: s.id, attackerClass, engine, linux, notJudged, notOnLinux: result.live.notOnLinux, agree: mine.join() === failures.join() };
    } catch (e) {
      return { attack, scenario: s.id, attackerClass, engine, linux: { failures: [], attempted: false, verdict: 'error', wallMs: Date.now() - started, error: e instanceof Error ? e.message : String(e) }, notJudged, notOnLinux: [], agree: false };
    }
  };
  for (const s of builtins) {
    if (options.signal?.aborted) break;
    const attack = s.attackers[0]!.attack;
    // The network under Linux without the attacker: the baseline the judge compares joins and completion with, and the phases for the windows.
    log(`${s.id}: attack-free on Linux`);
    const free = await liveRun({ ...s, attackers: [] }, { outside: bothHosts(s), ...(options.prefix ? { prefix: options.prefix } : {}) });
    const phases = livePhases(free.records, s);
    log(`${s.id}: engine, then Linux`);
    const r = runScenario(s, { trace: 'count' });
    rows.push(await row(attack, s, 'built-in', { failures: uniq(r.failures.map((f) => f.id)), attempted: r.attackers.some((a) => a.attempted) }, free.result));
    if (!options.classes) continue;
    const cells = planMatrix({ attacks: [attack as MatrixCell['attack']], protocols: ['v1'], mitigations: [] }).filter((c) => c.scenario === s.id);
    for (const cell of cells) {
      if (options.signal?.aborted) break;
      const name = cell.variant ? `${attack}:${cell.variant}` : attack;
      log(`${name} ${classOf(cell)}`);
      const e = runMatrixCell(cell, cache, () => 0);
      rows.push(await row(name, liveCellScenario(cell, matrixScenario(cell, cache), phases), classOf(cell), { failures: uniq(e.failures), attempted: e.attempted }, free.result));
    }
  }
  return { kernel, rows, agreeing: rows.filter((r) => r.agree).length };
}

const list = (xs: readonly string[]) => (xs.length ? xs.join(', ') : 'none');

export function compareText(c: CompareResult): string {
  const head = ['attack', 'attacker', 'engine', `Linux ${c.kernel}`, 'agree'];
  const body = c.rows.map((r) => [
    r.attack,
    r.attackerClass,
    `${list(r.engine.failures.filter((f) => !r.notJudged.includes(f)))}${r.engine.attempted ? '' : ' (not attempted)'}${r.notJudged.length ? ` [not judged on Linux: ${r.notJudged.join(', ')}]` : ''}`,
    r.linux.error ? `ERROR: ${r.linux.error}` : `${list(r.linux.failures)}${r.linux.attempted ? '' : ' (not attempted)'}`,
    r.agree ? 'yes' : r.notOnLinux.length ? `NO (Linux ran without ${r.notOnLinux.map((x) => x.split(' ')[0]).join(', ')})` : 'NO',
  ]);
  const widths = head.map((h, i) => Math.min(70, Math.max(h.length, ...body.map((b) => b[i]!.length))));
  const line = (cells: string[]) => cells.map((x, i) => x.padEnd(widths[i]!)).join('  ').trimEnd();
  const n = c.rows.length;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line), '', `agreement: ${c.agreeing}/${n} rows${n ? ` (${((100 * c.agreeing) / n).toFixed(0)} %)` : ''}; compared: the failures the Linux side judges (${judgedOnLinux().join(', ')})`].join('\n');
}

/** The comparison as a Markdown table (docs/attacks.md quotes it): the engine's failures and Linux's side by side. */
export function compareMarkdown(c: CompareResult): string {
  const n = c.rows.length;
  const cell = (xs: readonly string[], attempted: boolean) => `${xs.length ? xs.map((x) => `\`${x}\``).join(', ') : 'none'}${attempted ? '' : ' (not attempted)'}`;
  const lines = [
    `| attack | attacker | engine | Linux ${c.kernel} | agree |`,
    '|---|---|---|---|---|',
    ...c.rows.map((r) => {
      const engine = `${cell(r.engine.failures.filter((f) => !r.notJudged.includes(f)), r.engine.attempted)}${r.notJudged.length ? ` (and ${r.notJudged.map((f) => `\`${f}\``).join(', ')}, not judged on Linux)` : ''}`;
      const linux = r.linux.error ? `error: ${r.linux.error}` : cell(r.linux.failures, r.linux.attempted);
      return `| ${r.attack} | ${r.attackerClass} | ${engine} | ${linux} | ${r.agree ? 'yes' : '**no**'} |`;
    }),
    '',
    `Agreement: ${c.agreeing}/${n} rows${n ? ` (${((100 * c.agreeing) / n).toFixed(0)} %)` : ''}.`,
  ];
  return lines.join('\n');
}
