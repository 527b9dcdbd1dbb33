import { parseArgs } from 'node:util';
import { BUILTIN_SCENARIOS, HOST_MITIGATIONS, LIMITS, SWITCH_PROTOCOLS, estimateRun, eventText, exportPcap, exportPcapng, runScenarioSteps, validateScenario, type RunProgress, withSwitches, type HostMitigation, type Protocol, type Scenario, type TraceEventKind, type RunResult, type RunOptions, type RunHandle } from '../../engine/index.ts';
import { UsageError } from '../cli-error.ts';
import { ScenarioLoadError, scenarioFrom } from '../load-scenario.ts';
import type { CliIo, Command } from './command.ts';
import { checkWritable, writeOutput } from '../output-file.ts';

/** The host decisions the summary lists. */
const NOTABLE: ReadonlySet<TraceEventKind> = new Set<TraceEventKind>([
  'mptcp-join-rejected',
  'mptcp-add-addr-ignored',
  'mptcp-mpc-ignored',
  'mptcp-data-ack-ignored',
  'mptcp-fastclose-ignored',
  'mptcp-remove-addr-unknown',
  'mptcp-fallback',
  'tcp-reset',
  'mptcp-subflow-reset',
  'mptcp-tcprst-received',
  'mptcp-fastclose-sent',
  'mptcp-fastclose-accepted',
  'tcp-refused',
  'mptcp-join-accepted',
  'mptcp-join-stateless-accepted',
  'mptcp-add-addr-received',
  'mptcp-remove-addr',
  'mptcp-remove-addr-probe',
  'mptcp-remove-addr-kept',
  'mptcp-remove-addr-sent',
  'mptcp-remove-addr-unsent',
  'mptcp-prio-sent',
  'mptcp-prio-received',
  'mptcp-subflow-stale',
  'mptcp-subflow-active',
  'link-down',
  'link-up',
  'app-abort',
]);

/** "2s", "150ms", "300us" or a bare number of microseconds. */
export function parseDuration(text: string, option: string): number {
  const m = /^(\d+(?:\.\d+)?)(s|ms|us|µs)?$/.exec(text.trim());
  if (!m) throw new UsageError(`${option} takes a time such as 2s, 150ms or 300us (bare numbers are microseconds), got "${text}"`);
  const n = Number(m[1]);
  const unit = m[2] ?? 'us';
  return Math.round(unit === 's' ? n * 1e6 : unit === 'ms' ? n * 1e3 : n);
}

/** Breaks a comma-separated list into lines of at most 76 characters; the first line starts after `indent` characters. */
function wrap(list: string, indent: number): string {
  const lines: string[] = [];
  let line = '';
  let room = 76 - indent;
  for (const word of list.split(' ')) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
      room = 76;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].join('\n');
}

function summary(r: RunResult, title: string): string {
  const lines = [
    `${r.scenario}: ${title}`,
    `  ${r.finished ? 'finished' : 'stopped'} at ${(r.endUs / 1e6).toFixed(6)} s simulated${r.stopped ? ` by ${r.stopped.by === 'until' ? '--until' : 'the user'}` : ''}, ${r.packetCount} packets on links (${r.bytesOnLinks} bytes), protocol ${r.protocol}, seed ${r.seed}`,
  ];
  for (const a of r.apps) {
    const done = a.completedUs === null ? 'not completed' : `completed at ${(a.completedUs / 1e6).toFixed(6)} s`;
    lines.push(
      `  app ${a.id} (${a.kind}, ${a.client} → ${a.server}): wrote ${a.bytesWritten.client}/${a.bytesWritten.server}, read ${a.bytesRead.server}/${a.bytesRead.client} bytes (server/client), ${a.intact ? 'every byte intact' : `CORRUPTED at ${JSON.stringify(a.firstMismatch)}`}, ${done}; closed: client ${a.closedBy.client ?? 'open'}, server ${a.closedBy.server ?? 'open'}`,
    );
  }
  for (const c of r.connections) {
    lines.push(`  MPTCP v${c.version} ${c.role} at ${c.host}: token ${c.localToken}, ${c.subflows} subflow${c.subflows === 1 ? '' : 's'}${c.fallback ? ', fell back to TCP' : ''}${c.checksums ? ', DSS checksums' : ''}, ${c.state}${c.closedReason ? ` (${c.closedReason})` : ''}`);
  }
  for (const s of r.subflows) {
    lines.push(`  subflow ${s.host} ${s.local} → ${s.remote}: ${s.state}, sent ${s.bytesSentAcked} acked, received ${s.bytesReceived}, ${s.retransmissions} retransmissions, srtt ${s.srttUs === null ? '-' : `${(s.srttUs / 1000).toFixed(1)} ms`}`);
  }
  const notable = r.events.filter((e) => NOTABLE.has(e.kind));
  if (notable.length) {
    lines.push('  host decisions:');
    for (const e of notable.slice(0, 30)) lines.push(`    ${(e.timeUs / 1e6).toFixed(6)} s ${eventText(e)}`);
    if (notable.length > 30) lines.push(`    ... ${notable.length - 30} more (use --json)`);
  }
  for (const a of r.attackers) {
    const where = a.window ? `${a.location} (${a.window.fromUs}–${a.window.toUs} µs)` : a.location;
    lines.push(`  attacker ${a.id}: ${where} ${a.capability} at ${a.at.join(', ')}, attack ${a.attack}; knew ${a.knew.length ? a.knew.join(', ') : 'nothing'}; ${a.injected} packet${a.injected === 1 ? '' : 's'} injected${a.capability === 'active' ? `, ${a.guessesUsed}/${a.guessBudget} guesses` : ''}${a.cutShort ? '; INCOMPLETE: cut short by the stop' : !a.attempted ? '; not attempted' : ''}`);
    const e = a.expectedGuesses;
    if (e) {
      lines.push(`    its blind search needs ${e.guesses.toExponential(2)} guesses on average: ${e.why}`);
      lines.push(`      ${e.formula}; ${a.guessBudget} guesses succeed with probability ${e.successWithinBudget.toPrecision(3)}`);
    }
  }
  if (r.attackers.length) {
    const cut = r.attackers.some((a) => a.cutShort);
    if (r.failures.length === 0) lines.push(cut ? '  security failures: none so far; the run stopped while attacks could still act, so they are incomplete, not defended' : '  security failures: none');
    else if (cut) lines.push('  (the run stopped while attacks could still act: failures after the stop are unknown)');
    for (const f of r.failures) lines.push(`  FAILURE ${f.id} at ${(f.timeUs / 1e6).toFixed(6)} s (${f.mptcpSpecific ? 'MPTCP-specific' : 'inherited: single-path TCP suffers it too'}): ${f.explanation}`);
    if (r.tcpOnly?.length) lines.push(`  spared by MPTCP: single-path TCP with the same attacker suffers ${r.tcpOnly.join(', ')}, this run did not`);
  }
  lines.push(`  trace digest ${r.digest}`);
  return lines.join('\n');
}

/** The app's switches on the command line: the same function applies them, and the result is checked like a file. */
function switched(s: Scenario, protocol: string | undefined, mitigations: string | undefined): Scenario {
  if (protocol !== undefined && !SWITCH_PROTOCOLS.includes(protocol as Protocol)) throw new UsageError(`--protocol takes one of ${SWITCH_PROTOCOLS.join(', ')}, got "${protocol}"`);
  const list = mitigations === undefined ? undefined : mitigations === 'none' || mitigations === '' ? [] : mitigations.split(',').map((m) => m.trim());
  const unknown = (list ?? []).filter((m) => !HOST_MITIGATIONS.includes(m as HostMitigation));
  if (unknown.length) throw new UsageError(`--mitigations: unknown ${unknown.map((m) => `"${m}"`).join(', ')}; expected a comma-separated list of ${HOST_MITIGATIONS.join(', ')}, or none`);
  const out = withSwitches(s, { ...(protocol !== undefined ? { protocol } : {}), ...(list ? { mitigations: list } : {}) });
  // A switch can make a scenario invalid (per-host MPTCP settings under protocol tcp): say where, as for a file.
  const problems = validateScenario(JSON.parse(JSON.stringify(out)));
  if (problems.length) throw new ScenarioLoadError(`${s.id} with ${[protocol !== undefined ? `--protocol ${protocol}` : '', mitigations !== undefined ? `--mitigations ${mitigations}` : ''].filter(Boolean).join(' ')}`, problems);
  return out;
}

/** The CLI's clock: the progress channel's when there is one (tests set it), else the process's. */
const clockOf = (io: CliIo): (() => number) => (io.progress ? () => io.progress!.now() : () => performance.now());

/** Progress once a second through the progress channel, from the first second on (the engine counts events; this side reads the clock). */
function progressReporter(scenario: Scenario, io: CliIo): { onProgress: (p: RunProgress) => void; progressEvery: number } {
  const now = clockOf(io);
  const start = now();
  let next = start + 1000;
  let estimate: string | null = null;
  return {
    progressEvery: 2000,
    onProgress: (p) => {
      if (!io.progress) return;
      const t = now();
      if (t < next) return;
      next = t + 1000;
      if (estimate === null) {
        const e = estimateRun(scenario);
        estimate = `estimated ${formatSeconds(e.seconds)} in all`;
      }
      const what = p.phase === 'run' ? 'run' : 'single-path baseline';
      io.progress.update(`lab run: ${what} at ${(p.simUs / 1e6).toFixed(3)} s simulated, ${p.packets.toLocaleString('en-US')} packets, ${formatSeconds((t - start) / 1000)} elapsed (${estimate})`);
    },
  };
}

/** Wall time between turns of the event loop during a run, so Ctrl-C is heard. */
const TURN_MS = 50;

/**
 * Runs the scenario in batches, turning the event loop between them: Ctrl-C
 * stops the run cleanly at the next batch (the result so far is reported,
 * marked "stopped by the user"); a second Ctrl-C quits at once.
 */
async function runInterruptibly(scenario: Scenario, options: RunOptions, io: CliIo): Promise<RunResult & { handle: RunHandle }> {
  const reporter = progressReporter(scenario, io);
  const now = clockOf(io);
  let interrupted = false;
  const onInterrupt = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    io.progress?.done();
    io.err('lab run: stopping at the next batch of events (Ctrl-C again quits at once)');
  };
  process.on('SIGINT', onInterrupt);
  try {
    const steps = runScenarioSteps(scenario, { ...options, progressEvery: reporter.progressEvery, shouldStop: () => interrupted });
    let turned = now();
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      reporter.onProgress(next.value);
      if (now() - turned >= TURN_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        turned = now();
      }
    }
  } finally {
    process.off('SIGINT', onInterrupt);
    io.progress?.done();
  }
}

function formatSeconds(s: number): string {
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(Math.round(s - m * 60)).padStart(2, '0')} s`;
}

export const runCommand: Command = {
  name: 'run',
  summary: 'run a scenario (a JSON file or a built-in id) and report, export its packets as JSON or pcap',
  usage: `Usage: lab run <scenario.json | builtin-id> [--protocol P] [--mitigations M,...] [--seed N] [--until T] [--json out.json] [--pcap out.pcapng] [--link ID]

Runs a scenario in the deterministic simulator: the same scenario and seed
always give the same packets, byte for byte, and the same trace digest.
Without --json it prints a summary: what each application got, the MPTCP
connections and subflows, notable host decisions and the digest.

Built-ins: ${wrap(BUILTIN_SCENARIOS.map((b) => b.id).join(', '), 'Built-ins: '.length)}.

Options:
  --protocol P     run it with protocol P: ${SWITCH_PROTOCOLS.join(', ')} (the app's
                   protocol switch; its reports print the command with it)
  --mitigations M  run it with exactly these mitigations, comma-separated,
                   or none:
${wrap(HOST_MITIGATIONS.join(', '), 0).split('\n').map((l) => `                   ${l}`).join('\n')}
  --seed N         override the scenario's seed (a 32-bit unsigned integer)
  --until T        stop at simulated time T (2s, 150ms, 300us; bare = µs);
                   the summary says "stopped ... by --until", and attacks
                   that could still act are INCOMPLETE, never "defended";
                   Ctrl-C stops a run the same way ("by the user"), its
                   result so far reported and written; a second one quits
  --json FILE      write the full result as JSON (- for standard output):
                   packets (id, timeUs, link, from, to, summary, hex, fate),
                   host events, applications, subflow and connection
                   statistics, digest
  --pcap FILE      write every packet seen on every link as pcapng, one
                   interface per link (named after it), dropped, modified
                   and injected packets commented; a FILE ending in .pcap
                   is classic pcap, which has no interface: it needs --link
  --link ID        with --pcap: only the packets of this link
  -h, --help       show this help

Output files are checked before the run (their directory exists, they are
not directories, they may be written): a bad one fails at once with
CLI_OUTPUT, naming the path and the reason, as does a write that fails.

A run that takes over a second prints its progress on stderr once a second
(simulated time, packets, the estimate); stdout stays the result alone.

Limits (a scenario over one is invalid, with the limit and the JSON path):
  attackers                 ${LIMITS.attackers}
  guessBudget               ${LIMITS.guessBudget.toLocaleString('en-US')} per attacker, ${LIMITS.guessesTotal.toLocaleString('en-US')} for all attackers
  flood params.count        ${LIMITS.floodPacketsTotal.toLocaleString('en-US')} packets for all attackers
  traffic bytes             ${LIMITS.trafficBytes.toLocaleString('en-US')} (1 GB) per entry and in all
                            (bulk bytes, count × (requestBytes + responseBytes))
  request/response count    ${LIMITS.exchanges.toLocaleString('en-US')} per entry and in all
  durationUs                ${LIMITS.durationUs.toLocaleString('en-US')} (one hour simulated)
At these limits a run takes minutes, not hours, and under 2 GB of memory.

Exit status: 0 after a run, 1 when the scenario is invalid (every problem is
listed with its JSON path) or a file cannot be written, 2 on a usage error.`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { protocol: { type: 'string' }, mitigations: { type: 'string' }, seed: { type: 'string' }, until: { type: 'string' }, json: { type: 'string' }, pcap: { type: 'string' }, link: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'run needs a scenario file or built-in id' : `run takes one scenario, got ${positionals.length}`);
    if (values.link !== undefined && values.pcap === undefined) throw new UsageError('--link only makes sense with --pcap');
    const classic = values.pcap !== undefined && /\.pcap$/i.test(values.pcap);
    if (classic && values.link === undefined) {
      throw new UsageError(
        `--pcap ${values.pcap}: a classic pcap has no interface, so every hop of a packet would look like a retransmission; write a .pcapng (one interface per link) or add --link ID`,
      );
    }
    let scenario = scenarioFrom(positionals[0]!);
    if (values.protocol !== undefined || values.mitigations !== undefined) scenario = switched(scenario, values.protocol, values.mitigations);
    if (values.seed !== undefined) {
      const seed = Number(values.seed);
      if (!/^\d+$/.test(values.seed) || seed > 0xffffffff) throw new UsageError(`--seed takes an integer from 0 to 4294967295, got "${values.seed}"`);
      scenario = { ...scenario, seed };
    }
    const untilUs = values.until === undefined ? undefined : parseDuration(values.until, '--until');
    if (untilUs !== undefined && untilUs < 1) throw new UsageError(`--until takes a time after the start, got "${values.until}"`);
    // Checked before the run: a run may take minutes, and its result must not be lost to a path that cannot be written.
    if (values.pcap !== undefined) checkWritable(values.pcap, '--pcap');
    if (values.json !== undefined && values.json !== '-') checkWritable(values.json, '--json');
    const full = values.json !== undefined || values.pcap !== undefined;
    const r = await runInterruptibly(scenario, { trace: full ? 'full' : 'digest', ...(untilUs !== undefined ? { untilUs } : {}) }, io);
    if (values.pcap !== undefined) {
      const only = values.link !== undefined ? { link: values.link } : {};
      writeOutput(values.pcap, '--pcap', classic ? exportPcap(r.handle.records, only) : exportPcapng(r.handle.records, only));
      io.err(`wrote ${values.pcap}`);
    }
    if (values.json !== undefined) {
      const { handle: _handle, ...result } = r;
      // Each event keeps its fields; its sentence is added for people reading the file.
      const text = JSON.stringify({ ...result, events: r.events.map((e) => ({ ...e, text: eventText(e) })) }, null, 2);
      if (values.json === '-') io.out(text);
      else {
        writeOutput(values.json, '--json', `${text}\n`);
        io.err(`wrote ${values.json}`);
      }
    }
    if (values.json !== '-') io.out(summary(r, scenario.title));
    return 0;
  },
};
