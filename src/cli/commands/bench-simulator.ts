/**
 * `lab bench`: how fast the simulator runs, measured (never asserted):
 * bulk-100mb's packet rate, wall time and peak memory, every other
 * built-in's median time, and optionally ns-3 on the same work in the same
 * session.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BUILTIN_SCENARIOS, LabError, builtinScenario, runScenario } from '../../engine/index.ts';
import { median } from '../measure-process.ts';
import type { CliIo } from './command.ts';

interface Ns3Figures {
  program: string;
  packets: number;
  medianWallMs: number;
  packetsPerSecond: number;
}

function runNs3(path: string, runs: number, io: CliIo): Ns3Figures {
  if (!existsSync(path)) throw new LabError('CLI_FILE', `ns-3 program "${path}" not found (build it as ../shared/anchors/README.md says)`);
  const walls: number[] = [];
  const rates: number[] = [];
  let packets = 0;
  for (let i = 0; i < runs; i++) {
    io.err(`ns-3 run ${i + 1}/${runs}`);
    const out = execFileSync(path, ['--bytes=100000000'], { encoding: 'utf8' }).trim().split(/\s+/);
    packets = Number(out[1]);
    walls.push(Number(out[2]) * 1000);
    rates.push(Number(out[3]));
  }
  return { program: path, packets, medianWallMs: Math.round(median(walls)), packetsPerSecond: Math.round(median(rates)) };
}

export async function benchSimulator(io: CliIo, o: { runs: number; json: boolean; ns3: string | undefined }): Promise<number> {
  const bulk = builtinScenario('bulk-100mb')!;
  const walls: number[] = [];
  let packets = 0;
  let intact = true;
  for (let i = 0; i < o.runs; i++) {
    io.err(`bulk-100mb run ${i + 1}/${o.runs}`);
    const t = performance.now();
    const r = runScenario(bulk, { trace: 'digest' });
    walls.push(performance.now() - t);
    packets = r.packetCount;
    intact &&= r.finished && r.apps.every((a) => a.intact && a.bytesRead.server === 100_000_000);
  }
  const wallMs = median(walls);
  const builtins: Record<string, { medianMs: number; packets: number }> = {};
  for (const s of BUILTIN_SCENARIOS) {
    if (s.id === 'bulk-100mb') continue;
    runScenario(s, { trace: 'digest' }); // warm-up
    const times: number[] = [];
    let n = 0;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      n = runScenario(s, { trace: 'digest' }).packetCount;
      times.push(performance.now() - t);
    }
    builtins[s.id] = { medianMs: Number(median(times).toFixed(2)), packets: n };
  }
  const ns3 = o.ns3 ? runNs3(o.ns3, o.runs, io) : null;
  const pps = Math.round(packets / (wallMs / 1000));
  const result = {
    scenario: 'bulk-100mb',
    runs: o.runs,
    packets,
    transferIntact: intact,
    wallMs: Math.round(wallMs),
    wallMsRuns: walls.map(Math.round),
    packetsPerSecond: pps,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    builtins,
    ns3,
    /** Our packet rate over ns-3's, both measured in this session. */
    ratioToNs3: ns3 ? Number((pps / ns3.packetsPerSecond).toFixed(2)) : null,
  };
  if (o.json) {
    io.out(JSON.stringify(result, null, 2));
    return 0;
  }
  io.out(`bulk-100mb: ${packets} packets, median ${result.wallMs} ms over ${o.runs} runs (${result.wallMsRuns.join(', ')} ms) = ${pps} simulated packets per second${intact ? ', every byte delivered' : ', TRANSFER INCOMPLETE'}`);
  io.out(`  peak RSS ${(result.peakRssBytes / 1048576).toFixed(0)} MiB`);
  if (ns3) io.out(`  ns-3 (${ns3.program}): ${ns3.packets} packets, median ${ns3.medianWallMs} ms = ${ns3.packetsPerSecond} packets per second → ratio ${result.ratioToNs3}×`);
  io.out('other built-ins (median of 5 runs after a warm-up):');
  const width = Math.max(...Object.keys(builtins).map((id) => id.length));
  for (const [id, b] of Object.entries(builtins)) io.out(`  ${id.padEnd(width)} ${b.medianMs.toFixed(2).padStart(8)} ms  (${b.packets} packets)`);
  return 0;
}
