import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LabError } from '../../engine/index.ts';
import { UsageError } from '../cli-error.ts';
import { measureProcess, median, type ProcessMeasure } from '../measure-process.ts';
import { analyzeFile } from './analyze.ts';
import { benchSimulator } from './bench-simulator.ts';
import type { Command } from './command.ts';

const BIN = fileURLToPath(new URL('../../../bin/mptcp-lab.js', import.meta.url));
const TSHARK = '/usr/bin/tshark';

interface Side {
  wallMs: number[];
  peakRssBytes: number[];
}

async function runSide(cmd: string, args: string[], label: string): Promise<ProcessMeasure> {
  const m = await measureProcess(cmd, args);
  if (m.exitCode !== 0) throw new LabError('INTERNAL', `${label} exited with status ${m.exitCode}: ${m.stderr.trim().split('\n')[0] ?? ''}`);
  return m;
}

function parseRuns(text: string): number {
  const runs = Number(text);
  if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new UsageError(`--runs must be a whole number from 1 to 50, got "${text}"`);
  return runs;
}

export const benchCommand: Command = {
  name: 'bench',
  summary: 'benchmarks: the simulator on bulk-100mb and every built-in (lab bench), or lab analyze against tshark (lab bench analyze)',
  usage: `Usage: lab bench [--runs N] [--ns3 PATH] [--json]
       lab bench analyze <capture> [--runs N] [--no-tshark] [--json]

lab bench runs the bulk-100mb scenario (100 MB over two 1 Gbit/s, 5 ms
links) N times in this process and reports the median wall time, simulated
packets per wall-clock second and the peak resident memory; then it times
every other built-in (median of 5 runs each after one warm-up).
With --ns3 PATH it also runs that ns-3 program (../shared/anchors/ns3-bulk.cc,
built as its README says) N times on the same work and reports the ratio of
the two packet rates, measured in the same session.

Times \`lab analyze <capture> --json\` (a fresh process each run, output
discarded) against \`tshark -o mptcp.analyze_mptcp:TRUE -r <capture>\` writing
to /dev/null, alternating the two, and reports medians of wall time and
peak resident memory, with the ratio of the two times measured in this run.
Make a 100 MB capture with: sudo scripts/capture-linux-mptcp.sh bulk --out /tmp

Options:
  --runs N      runs of each program (default 3)
  --no-tshark   time lab analyze only
  --json        print the figures as JSON
  -h, --help    show this help`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { runs: { type: 'string', default: '3' }, 'no-tshark': { type: 'boolean' }, json: { type: 'boolean' }, ns3: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const [what, file, ...extra] = positionals;
    if (what === undefined) return benchSimulator(io, { runs: parseRuns(values.runs!), json: values.json === true, ns3: values.ns3 });
    if (what !== 'analyze') throw new UsageError(`unknown benchmark "${what}" (lab bench, or lab bench analyze <capture>)`);
    if (!file || extra.length) throw new UsageError('bench analyze takes one capture file');
    if (!existsSync(file)) throw new LabError('CLI_FILE', `cannot read "${file}": no such file`);
    const runs = parseRuns(values.runs!);
    const withTshark = !values['no-tshark'];
    if (withTshark && !existsSync(TSHARK)) throw new LabError('CLI_FILE', `${TSHARK} is missing: install Debian's tshark package, or pass --no-tshark`);

    const bytes = statSync(file).size;
    const report = analyzeFile(file); // warm the page cache, count packets
    const lab: Side = { wallMs: [], peakRssBytes: [] };
    const shark: Side = { wallMs: [], peakRssBytes: [] };
    for (let i = 0; i < runs; i++) {
      io.err(`run ${i + 1}/${runs}: lab analyze`);
      const a = await runSide(process.execPath, [BIN, 'analyze', file, '--json'], 'lab analyze');
      lab.wallMs.push(a.wallMs);
      if (a.peakRssBytes !== null) lab.peakRssBytes.push(a.peakRssBytes);
      if (withTshark) {
        io.err(`run ${i + 1}/${runs}: tshark`);
        const t = await runSide(TSHARK, ['-n', '-o', 'mptcp.analyze_mptcp:TRUE', '-r', file], 'tshark');
        shark.wallMs.push(t.wallMs);
        if (t.peakRssBytes !== null) shark.peakRssBytes.push(t.peakRssBytes);
      }
    }
    const summary = (s: Side) => ({
      medianWallMs: Math.round(median(s.wallMs)),
      wallMs: s.wallMs.map(Math.round),
      medianPeakRssBytes: s.peakRssBytes.length ? median(s.peakRssBytes) : null,
      megabytesPerSecond: Number((bytes / 1e6 / (median(s.wallMs) / 1000)).toFixed(1)),
    });
    const result = {
      benchmark: 'analyze',
      file,
      fileBytes: bytes,
      packets: report.packets,
      runs,
      lab: summary(lab),
      tshark: withTshark ? summary(shark) : null,
      /** tshark's median time over lab's: above 1 means lab analyze is faster. */
      speedupOverTshark: withTshark ? Number((median(shark.wallMs) / median(lab.wallMs)).toFixed(2)) : null,
    };
    if (values.json) {
      io.out(JSON.stringify(result, null, 2));
    } else {
      const mb = (n: number | null) => (n === null ? 'n/a' : `${(n / 1048576).toFixed(0)} MiB`);
      io.out(`${file}: ${(bytes / 1e6).toFixed(1)} MB, ${report.packets} packets, ${runs} runs each (medians)`);
      io.out(`  lab analyze: ${result.lab.medianWallMs} ms (${result.lab.megabytesPerSecond} MB/s), peak RSS ${mb(result.lab.medianPeakRssBytes)}`);
      if (result.tshark) {
        io.out(`  tshark:      ${result.tshark.medianWallMs} ms (${result.tshark.megabytesPerSecond} MB/s), peak RSS ${mb(result.tshark.medianPeakRssBytes)}`);
        io.out(`  lab analyze is ${result.speedupOverTshark}x the speed of tshark on this file`);
      }
    }
    return 0;
  },
};
