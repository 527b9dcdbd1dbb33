import { parseArgs } from 'node:util';
import { ATTACKS, LabError, isLabError, type Scenario } from '../../engine/index.ts';
import { UsageError } from '../cli-error.ts';
import { scenarioFrom } from '../load-scenario.ts';
import { checkWritable, writeOutput } from '../output-file.ts';
import { checkLiveScenario, liveRun, type LiveRunResult } from '../live/live-run.ts';
import { deleteNamespace, listNamespaces } from '../live/namespace.ts';
import { liveUnavailable } from '../live/preflight.ts';
import type { WireCheck } from '../live/wire-check.ts';
import { compareMarkdown, compareText, liveCompare } from '../live/compare.ts';
import { listOption } from '../list-option.ts';
import type { CliIo, Command } from './command.ts';

const USAGE = `Usage: lab live run <scenario.json | builtin-id> [--linux server|client|both|HOST,...] [--json FILE] [--pcap FILE]
       lab live compare [--quick] [--attacks ID,...] [--json | --markdown]
       lab live clean

Runs a scenario against the real Linux kernel: the hosts named by --linux
become Linux hosts in network namespaces of their own, with real MPTCP
sockets (IPPROTO_MPTCP = 262) and the in-kernel path manager configured
from the scenario (ip mptcp endpoint / limits); each of their interfaces
is a TUN device whose packets cross the engine's links. The rest of the
scenario (the other hosts, routers, links with their delay, bandwidth and
loss) runs in the engine, paced by the wall clock.

  --linux WHO   server (default without attackers): an engine client talks
                to a Linux server; client: the reverse; both: two Linux
                hosts with the engine's routers between them (the default
                for scenarios with attackers); or host ids, comma-separated
  --json FILE   write the result as JSON (- for standard output): lab run's
                fields plus "live" (the kernel, each Linux host's
                application report, the driver's figures) and "wire" (the
                capture's keys, IDSNs and HMACs, verified by lab analyze)
  --pcap FILE   write every packet on every link as pcapng (lab analyze
                reads it; so does Wireshark)

lab live compare runs every v1 attack built-in, and (unless --quick) the
attack matrix's v1 classes and windows for each, once in the engine and once
with both hosts real Linux hosts and the engine as routers and attacker,
and prints the failures each found, row by row, and whether they agree.
Only the failures the Linux side judges are compared; the rest are listed as
not judged there. The windows of the Linux rows are the same protocol phases,
read off an attack-free live run (Linux's phases fall a few ms elsewhere).
--json prints the rows as JSON, --markdown as the table docs/attacks.md
quotes. It takes a few minutes (--quick, the built-ins only: about one).

lab live clean removes network namespaces a killed live run left behind
(their names start with "mlab-").

Needs: Linux, root, /dev/net/tun, a kernel with MPTCP (net.mptcp.enabled=1),
iproute2 with 'ip mptcp' and ss, and python3. Only the scenario's
addresses are used, and they must be in 198.18.0.0/15 or 2001:db8::/32;
the namespaces have no default route. Everything a run makes is removed
when it ends, also after an error or Ctrl-C.

Exit status: 0 when every application got every byte intact and the wire
check found no mismatch, 1 otherwise or on an error, 2 on a usage error.`;

function whoIsLinux(s: Scenario, linux: string | undefined): string[] {
  const traffic = s.traffic[0];
  if (!traffic) throw new UsageError(`${s.id} has no traffic to run live`);
  const choice = linux ?? (s.attackers.length ? 'both' : 'server');
  if (choice === 'server') return [traffic.to];
  if (choice === 'client') return [traffic.from];
  if (choice === 'both') return [...new Set([traffic.from, traffic.to])];
  const ids = choice.split(',').map((x) => x.trim()).filter(Boolean);
  for (const id of ids) if (!s.hosts.some((h) => h.id === id)) throw new UsageError(`--linux ${choice}: no host "${id}" in ${s.id} (hosts: ${s.hosts.map((h) => h.id).join(', ')})`);
  return ids;
}

const tallyText = (t: WireCheck['idsn']) => `${t.verified} verified${t.mismatch ? `, ${t.mismatch} MISMATCHED` : ''}${t.notCheckable ? `, ${t.notCheckable} not checkable` : ''}`;

export function liveSummary(r: LiveRunResult, wire: WireCheck, title: string): string {
  const linuxHosts = new Set(r.live.linux.map((l) => l.host));
  const lines = [
    `${r.scenario}: ${title}`,
    `  live against Linux ${r.live.kernel}: ${[...linuxHosts].join(', ')} real, the rest in the engine; ${(r.live.wallMs / 1000).toFixed(2)} s wall, ${r.packetCount} packets on links, ${r.live.driver.injected} from Linux${r.live.driver.ignored ? ` (${r.live.driver.ignored} non-TCP left out)` : ''}; ended: ${r.live.driver.ended}`,
  ];
  if (r.live.notOnLinux.length) lines.push(`  the Linux hosts ran without: ${r.live.notOnLinux.join('; ')}`);
  for (const a of r.apps) {
    const who = (side: 'client' | 'server') => `${side === 'client' ? a.client : a.server}${linuxHosts.has(side === 'client' ? a.client : a.server) ? ' (Linux)' : ' (engine)'}`;
    lines.push(
      `  app ${a.id} (${a.kind}, ${who('client')} → ${who('server')}): wrote ${a.bytesWritten.client}/${a.bytesWritten.server}, read ${a.bytesRead.server}/${a.bytesRead.client} bytes (server/client), ${a.intact ? 'every byte intact' : `CORRUPTED at ${JSON.stringify(a.firstMismatch)}`}; closed: client ${a.closedBy.client ?? 'open'}, server ${a.closedBy.server ?? 'open'}`,
    );
  }
  for (const c of r.connections) {
    lines.push(`  engine ${c.role} at ${c.host}: MPTCP v${c.version}, key ${c.localKey}, peer's key ${c.remoteKey ?? '-'}, token ${c.localToken}, ${c.subflows} subflow${c.subflows === 1 ? '' : 's'}${c.fallback ? ', fell back to TCP' : ''}, ${c.state}${c.closedReason ? ` (${c.closedReason})` : ''}`);
  }
  for (const s of r.subflows) lines.push(`  engine subflow ${s.host} ${s.local} → ${s.remote}: ${s.state}, sent ${s.bytesSentAcked} acked, received ${s.bytesReceived}`);
  for (const l of r.live.linux) {
    for (const a of l.apps) {
      const m = a.mptcp;
      lines.push(
        `  Linux ${a.role} at ${l.host} (${l.namespace}): ${a.error ? `ERROR ${a.error}` : `read ${a.bytesRead}, wrote ${a.bytesWritten} bytes, ended ${a.end ?? 'open'}`}${m ? `; MPTCP token ${m.token}, ${a.mostSubflows} extra subflow${a.mostSubflows === 1 ? '' : 's'} at most, ${m.addAddrSignal} ADD_ADDR sent, ${m.addAddrAccepted} accepted${m.fallback ? ', FELL BACK to TCP' : ''}` : '; no MPTCP info (not MPTCP)'}`,
      );
    }
  }
  for (const l of r.live.linux) {
    for (const a of l.actions) lines.push(`  Linux ${l.host} at ${(a.atUs / 1e6).toFixed(3)} s: ${a.command}${a.error ? ` FAILED: ${a.error}` : ''}`);
    const seen = l.monitor.filter((e) => !e.type.startsWith('listener')).map((e) => `${e.type}${e.daddr && e.type !== 'created' && e.type !== 'established' ? ` ${e.daddr}` : ''} @${(e.atUs / 1e6).toFixed(3)}`);
    if (seen.length) lines.push(`  Linux ${l.host} ip mptcp monitor: ${seen.slice(0, 12).join(', ')}${seen.length > 12 ? `, … ${seen.length - 12} more (--json)` : ''}`);
  }
  lines.push(`  wire (lab analyze on the capture): ${wire.connections} MPTCP connection${wire.connections === 1 ? '' : 's'}; IDSNs ${tallyText(wire.idsn)}; MP_JOIN HMACs ${tallyText(wire.joinHmac)}; ADD_ADDR HMACs ${tallyText(wire.addAddrHmac)}${wire.fastcloseKey.verified + wire.fastcloseKey.mismatch + wire.fastcloseKey.notCheckable ? `; MP_FASTCLOSE keys ${tallyText(wire.fastcloseKey)}` : ''}`);
  // The verdict from the Linux side (linux-judge.ts): each attacker's outcome, then each failure with its evidence.
  for (const v of r.verdicts ?? []) {
    const a = r.attackers.find((x) => x.id === v.id);
    lines.push(`  attacker ${v.id} (${a ? `${a.location} ${a.capability} at ${a.at.join(', ')}, ${a.attack}; injected ${a.injected}, touched ${a.touched}` : '?'}): ${v.verdict.toUpperCase()}${v.failures.length ? ` (${v.failures.join(', ')})` : ''}`);
  }
  for (const f of r.failures ?? []) {
    const ev = [f.evidence.packets.length ? `packets ${f.evidence.packets.slice(0, 6).join(', ')}${f.evidence.packets.length > 6 ? ', ...' : ''}` : '', ...f.evidence.monitor.slice(0, 2).map((m) => `monitor "${m.replace(/\s+/g, ' ').trim()}"`), f.evidence.app ? `app ${f.evidence.app.traffic} ${f.evidence.app.side}: ${f.evidence.app.detail}` : ''].filter(Boolean);
    lines.push(`  FAILURE ${f.id} at ${f.host} (Linux): ${f.summary}${ev.length ? ` [${ev.join('; ')}]` : ''}`);
  }
  return lines.join('\n');
}

async function runLive(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { linux: { type: 'string' }, json: { type: 'string' }, pcap: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('lab live run takes one scenario (a JSON file or a built-in id)');
  const scenario = scenarioFrom(positionals[0]!);
  const outside = whoIsLinux(scenario, values.linux);
  try {
    checkLiveScenario(scenario, outside);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.pcap !== undefined) checkWritable(values.pcap, '--pcap');
  if (values.json !== undefined && values.json !== '-') checkWritable(values.json, '--json');
  const run = await interruptibly(io, 'lab live: stopping; removing the namespaces', (signal) => liveRun(scenario, { outside, signal, log: (l) => io.err(`lab live: ${l}`) }));
  const check = run.result.wire;
  if (values.pcap !== undefined) {
    writeOutput(values.pcap, '--pcap', run.pcapng);
    io.err(`wrote ${values.pcap}`);
  }
  if (values.json !== undefined) {
    const text = JSON.stringify(run.result, null, 1);
    if (values.json === '-') io.out(text);
    else {
      writeOutput(values.json, '--json', `${text}\n`);
      io.err(`wrote ${values.json}`);
    }
  }
  if (values.json !== '-') io.out(liveSummary(run.result, check, scenario.title));
  const intact = run.result.apps.every((a) => a.intact && a.closedBy.client !== null && a.closedBy.server !== null);
  return intact && check.ok ? 0 : 1;
}

async function compare(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { quick: { type: 'boolean' }, attacks: { type: 'string' }, json: { type: 'boolean' }, markdown: { type: 'boolean' } } });
  if (values.json && values.markdown) throw new UsageError('--json and --markdown: pick one');
  if (positionals.length) throw new UsageError(`lab live compare takes no scenario (it runs the attack built-ins); got "${positionals[0]}"`);
  const attacks = listOption(values.attacks, ATTACKS.map((a) => a.id), '--attacks');
  const started = Date.now();
  const result = await interruptibly(io, 'lab live compare: stopping after this row; removing the namespaces', (signal) =>
    liveCompare({ classes: !values.quick, ...(attacks ? { attacks } : {}), signal, log: (l) => io.err(`lab live compare: ${l} (${((Date.now() - started) / 1000).toFixed(0)} s)`) }),
  );
  io.out(values.json ? JSON.stringify(result, null, 1) : values.markdown ? compareMarkdown(result) : compareText(result));
  return result.rows.every((r) => r.agree) ? 0 : 1;
}

/**
 * Runs live work once the machine can, with Ctrl-C stopping it cleanly (its
 * namespaces are still removed) and any failure as a coded CLI_LIVE error.
 */
async function interruptibly<T>(io: CliIo, stopping: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const missing = liveUnavailable();
  if (missing) throw new LabError('CLI_LIVE_UNAVAILABLE', missing);
  const stop = new AbortController();
  const onInterrupt = () => {
    io.err(stopping);
    stop.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    return await work(stop.signal);
  } catch (e) {
    throw isLabError(e) ? e : new LabError('CLI_LIVE', e instanceof Error ? e.message : String(e));
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

async function clean(io: CliIo): Promise<number> {
  const left = await listNamespaces('mlab-');
  for (const ns of left) await deleteNamespace(ns);
  io.out(left.length ? `removed ${left.length} namespace${left.length === 1 ? '' : 's'}: ${left.join(', ')}` : 'no live-run namespaces left behind');
  return 0;
}

export const liveCommand: Command = {
  name: 'live',
  summary: 'run a scenario against the real Linux kernel (namespaces, TUN devices, real MPTCP sockets)',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'run') return runLive(rest, io);
    if (sub === 'compare') return compare(rest, io);
    if (sub === 'clean') return clean(io);
    throw new UsageError(sub === undefined ? 'lab live needs a subcommand: run, compare or clean' : `unknown subcommand "live ${sub}" (subcommands: run, compare, clean)`);
  },
};
