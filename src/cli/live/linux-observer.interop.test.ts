/**
 * The Linux view against the real kernel: two namespaces joined by two veth
 * links, a Python MPTCP transfer (fixtures/tiny_mptcp.py) whose server
 * signals its second address, and the observers watching both hosts. Runs
 * only as root with MPTCP enabled and `ip mptcp` available; namespaces are
 * removed in afterAll whatever happens. Addresses: 198.18.0.0/15 only.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveUnavailable } from './preflight.ts';
import { snapshotSs, startMptcpMonitor, type MptcpMonitor, type TimedMonitorEvent } from './linux-observer.ts';

const APP = fileURLToPath(new URL('./fixtures/tiny_mptcp.py', import.meta.url));
const CLI = `mlab-lvcli-${process.pid}`;
const SRV = `mlab-lvsrv-${process.pid}`;

const skipReason = liveUnavailable();
if (skipReason) console.warn(`live interop skipped: ${skipReason}`);

const ip = (...args: string[]): void => {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 5_000 });
};

function deleteNamespaces(): void {
  for (const ns of [CLI, SRV]) {
    try {
      ip('netns', 'del', ns);
    } catch {
      // not created (or already gone)
    }
  }
}

/** Two hosts as in scripts/capture-linux-mptcp.sh: server signals 198.18.2.2, client accepts one ADD_ADDR. */
async function createTopology(): Promise<void> {
  ip('netns', 'add', CLI);
  ip('netns', 'add', SRV);
  for (const ns of [CLI, SRV]) {
    ip('-n', ns, 'link', 'set', 'lo', 'up');
    ip('netns', 'exec', ns, 'sysctl', '-qw', 'net.mptcp.enabled=1', 'net.ipv4.conf.all.rp_filter=0', 'net.ipv4.conf.default.rp_filter=0');
  }
  ip('link', 'add', 'c1', 'netns', CLI, 'type', 'veth', 'peer', 'name', 's1', 'netns', SRV);
  ip('link', 'add', 'c2', 'netns', CLI, 'type', 'veth', 'peer', 'name', 's2', 'netns', SRV);
  ip('-n', CLI, 'addr', 'add', '198.18.1.1/24', 'dev', 'c1');
  ip('-n', CLI, 'addr', 'add', '198.18.2.1/24', 'dev', 'c2');
  ip('-n', SRV, 'addr', 'add', '198.18.1.2/24', 'dev', 's1');
  ip('-n', SRV, 'addr', 'add', '198.18.2.2/24', 'dev', 's2');
  for (const [ns, devs] of [[CLI, ['c1', 'c2']], [SRV, ['s1', 's2']]] as const) {
    for (const dev of devs) ip('-n', ns, 'link', 'set', dev, 'up');
  }
  // client: source routing keeps each address on its own link; no default route anywhere
  ip('-n', CLI, 'rule', 'add', 'from', '198.18.1.1', 'table', '101', 'pref', '1001');
  ip('-n', CLI, 'rule', 'add', 'from', '198.18.2.1', 'table', '102', 'pref', '1002');
  ip('-n', CLI, 'route', 'add', '198.18.0.0/15', 'via', '198.18.1.2', 'dev', 'c1', 'table', '101');
  ip('-n', CLI, 'route', 'add', '198.18.0.0/15', 'via', '198.18.2.2', 'dev', 'c2', 'table', '102');
  ip('-n', SRV, 'mptcp', 'limits', 'set', 'subflows', '2', 'add_addr_accepted', '0');
  ip('-n', SRV, 'mptcp', 'endpoint', 'add', '198.18.2.2', 'id', '1', 'signal');
  ip('-n', CLI, 'mptcp', 'limits', 'set', 'subflows', '2', 'add_addr_accepted', '1');
  // veth carrier comes up asynchronously
  for (let i = 0; i < 100; i++) {
    const up = [[CLI, 'c1'], [CLI, 'c2'], [SRV, 's1'], [SRV, 's2']].every(([ns, dev]) =>
      execFileSync('ip', ['-n', ns ?? '', '-o', 'link', 'show', 'dev', dev ?? ''], { encoding: 'utf8' }).includes('state UP'));
    if (up) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('veth links did not come up');
}

/** Starts tiny_mptcp.py in a namespace; resolves with the process once a stdout line starts with `prefix`. */
function startApp(ns: string, args: string[], prefix: string): Promise<{ proc: ChildProcessWithoutNullStreams; line: string; out: () => string }> {
  const proc = spawn('ip', ['netns', 'exec', ns, 'python3', APP, ...args]);
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0] ?? ''}: no "${prefix}" line in 10 s: ${err}`)), 10_000);
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith(prefix));
      if (line !== undefined) {
        clearTimeout(timer);
        resolve({ proc, line, out: () => out });
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args[0] ?? ''} exited (${String(code)}) early: ${err}`));
    });
  });
}

const exitCode = (proc: ChildProcessWithoutNullStreams): Promise<number | null> =>
  proc.exitCode !== null ? Promise.resolve(proc.exitCode) : new Promise((r) => proc.on('exit', (c) => r(c)));

const types = (events: TimedMonitorEvent[]): string[] => events.map((e) => e.type);

describe.skipIf(skipReason !== null)('Linux view of a real two-subflow MPTCP transfer (skipped unless root with MPTCP)', () => {
  const procs: ChildProcessWithoutNullStreams[] = [];
  const monitors: MptcpMonitor[] = [];

  beforeAll(async () => {
    deleteNamespaces();
    await createTopology();
  });

  afterAll(async () => {
    for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL');
    await Promise.allSettled(monitors.map((m) => m.stop()));
    deleteNamespaces();
  });

  it('sees both subflows in ss and the path-manager events in both monitors', async () => {
    const t0 = Date.now();
    const cliMon = await startMptcpMonitor(CLI);
    const srvMon = await startMptcpMonitor(SRV, { now: () => Date.now() });
    const capped = await startMptcpMonitor(CLI, { maxEvents: 2 });
    monitors.push(cliMon, srvMon, capped);

    const server = await startApp(SRV, ['server', '8080'], 'listening');
    procs.push(server.proc);
    const client = await startApp(CLI, ['client', '198.18.1.2', '8080', '1'], 'ready');
    procs.push(client.proc);
    const info = JSON.parse(client.line.slice('ready '.length)) as { subflows: number; token: string; fallback: boolean };
    expect(info).toMatchObject({ subflows: 1, fallback: false });

    // the connection is held open until the client reads a line
    const srvSs = await snapshotSs(SRV);
    const cliSs = await snapshotSs(CLI);
    client.proc.stdin.end('close\n');
    expect(await exitCode(client.proc)).toBe(0);
    expect(await exitCode(server.proc)).toBe(0);

    expect(srvSs.mptcp).toHaveLength(1);
    const conn = srvSs.mptcp[0];
    expect(conn).toMatchObject({ state: 'ESTAB', local: { address: '198.18.1.2', port: 8080 }, addAddrSignal: 1, fallback: false });
    expect(conn?.subflows).toBeGreaterThanOrEqual(1);
    for (const [side, snap, token] of [['server', srvSs, conn?.token], ['client', cliSs, info.token]] as const) {
      const sf = snap.subflows.filter((s) => s.mptcp && s.state === 'ESTAB');
      expect(sf, `${side} subflows:\n${snap.raw.tcp}`).toHaveLength(2);
      expect(sf.map((s) => s.token)).toEqual([token, token]);
    }
    expect(cliSs.mptcp[0]).toMatchObject({ token: info.token, addAddrAccepted: 1 });
    expect(cliSs.subflows.map((s) => s.local.address).sort()).toEqual(['198.18.1.1', '198.18.2.1']);

    // CLOSED comes when the kernel releases the connection, a little after the apps exit
    expect(await cliMon.waitFor((e) => e.type === 'closed' && e.token === info.token, 5_000)).toBeDefined();
    expect(await srvMon.waitFor((e) => e.type === 'closed' && e.token === conn?.token, 5_000), `token ${String(conn?.token)}: ${srvMon.events().map((e) => e.line).join(" / ")}`).toBeDefined();
    const cliEv = await cliMon.stop();
    const srvEv = await srvMon.stop();
    await capped.stop();

    const order = (events: TimedMonitorEvent[], wanted: string[]): number[] => wanted.map((t) => types(events).indexOf(t));
    const cliOrder = order(cliEv, ['created', 'established', 'announced', 'sf_established', 'closed']);
    expect(cliOrder.every((i, k) => i >= 0 && (k === 0 || i > (cliOrder[k - 1] ?? -1))), types(cliEv).join(' ')).toBe(true);
    expect(cliEv.find((e) => e.type === 'announced')).toMatchObject({ token: info.token, remoteId: 1, daddr: '198.18.2.2', dport: 8080 });
    expect(cliEv.find((e) => e.type === 'sf_established')).toMatchObject({ saddr: '198.18.2.1', daddr: '198.18.2.2', backup: false });
    const srvOrder = order(srvEv, ['created', 'established', 'sf_established', 'closed']);
    expect(srvOrder.every((i, k) => i >= 0 && (k === 0 || i > (srvOrder[k - 1] ?? -1))), types(srvEv).join(' ')).toBe(true);
    expect(srvEv.find((e) => e.type === 'created')).toMatchObject({ token: conn?.token, serverSide: true, saddr: '198.18.1.2', daddr: '198.18.1.1' });
    // the server itself never receives an ADD_ADDR here
    expect(types(srvEv)).not.toContain('announced');

    // atMs comes from the clock given (Date.now here), in order
    for (const e of srvEv) expect(e.atMs).toBeGreaterThanOrEqual(t0);
    expect(srvEv.map((e) => e.atMs)).toEqual([...srvEv.map((e) => e.atMs)].sort((a, b) => a - b));
    expect(capped.events()).toHaveLength(2);
    expect(capped.dropped).toBe(cliEv.length - 2);
    // stop() twice is harmless
    expect(await cliMon.stop()).toEqual(cliEv);
  });

  it('names the command and the namespace when the namespace does not exist', async () => {
    const missing = `mlab-missing-${process.pid}`;
    await expect(startMptcpMonitor(missing)).rejects.toThrow(new RegExp(`ip -n ${missing} mptcp monitor: .*namespace ${missing}`));
    await expect(snapshotSs(missing)).rejects.toThrow(new RegExp(`ss -N ${missing} -MniH: .*namespace ${missing}`));
  });
});

describe('Linux observer errors', () => {
  it('names the command and the namespace when the tool is missing', async () => {
    await expect(startMptcpMonitor('mlab-x-1', { ip: '/nonexistent/ip' })).rejects.toThrow('/nonexistent/ip -n mlab-x-1 mptcp monitor: /nonexistent/ip not found (namespace mlab-x-1)');
    await expect(snapshotSs('mlab-x-1', { ss: '/nonexistent/ss' })).rejects.toThrow('/nonexistent/ss -N mlab-x-1 -MniH: /nonexistent/ss not found (namespace mlab-x-1)');
  });

  it('refuses a namespace name that could be read as an option or a path', async () => {
    await expect(startMptcpMonitor('-all')).rejects.toThrow(/invalid namespace name "-all"/);
    await expect(snapshotSs('../etc')).rejects.toThrow(/invalid namespace name/);
  });
});
