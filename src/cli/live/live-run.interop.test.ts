/**
 * The engine against the real Linux kernel (`lab live run`): a two-path
 * MPTCP v1 transfer between the engine and a Linux host in a network
 * namespace, both ways round, with the capture's keys and HMACs verified
 * and the namespaces gone afterwards. Runs only as root on a kernel with
 * MPTCP; elsewhere it is skipped with the reason.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { builtinScenario, type Scenario } from '../../engine/index.ts';
import { liveRun } from './live-run.ts';
import { deleteNamespace, listNamespaces } from './namespace.ts';
import { liveUnavailable } from './preflight.ts';

const skipReason = liveUnavailable();
if (skipReason) console.warn(`live interop skipped: ${skipReason}`);
const PREFIX = `mlab-t${process.pid}-`;

describe.skipIf(skipReason !== null)(`lab live run against Linux (skipped unless root with MPTCP${skipReason ? `: ${skipReason}` : ''})`, () => {
  afterAll(async () => {
    for (const ns of await listNamespaces(PREFIX)) await deleteNamespace(ns);
  });

  const twoPath = builtinScenario('two-path-v1')!;

  it('engine client ↔ Linux server: a two-path transfer, every byte intact, every HMAC verified on the wire', async () => {
    const { result } = await liveRun(twoPath, { outside: ['server'], prefix: PREFIX });
    const app = result.apps[0]!;
    expect([app.bytesWritten.client, app.bytesRead.server, app.intact]).toEqual([300_000, 300_000, true]);
    expect(app.closedBy).toEqual({ client: 'fin', server: 'fin' });
    const engine = result.connections[0]!;
    expect([engine.subflows, engine.fallback]).toEqual([2, false]);
    // The join to the address the server announced: a second subflow over path 2 (how much data it carries depends on timing).
    expect(result.subflows.map((s) => `${s.local.split(':')[0]} → ${s.remote}`)).toEqual(['198.18.1.1 → 198.18.1.2:8080', '198.18.2.1 → 198.18.2.2:8080']);
    const linux = result.live.linux[0]!;
    expect(linux.apps[0]!.mptcp?.token).toBe(engine.remoteToken);
    expect(linux.monitor.map((e) => e.type)).toEqual(expect.arrayContaining(['created', 'established', 'sf_established', 'closed']));
    expect(linux.monitor.find((e) => e.type === 'sf_established')?.daddr).toBe('198.18.2.1');
    const check = result.wire;
    expect([check.ok, check.idsn.verified, check.joinHmac.verified, check.addAddrHmac.verified]).toEqual([true, 2, 1, 1]);
    expect(await listNamespaces(PREFIX)).toEqual([]);
  }, 30_000);

  it('Linux client ↔ engine server: the Linux client joins the address the engine announces', async () => {
    const { result } = await liveRun(twoPath, { outside: ['client'], prefix: PREFIX });
    const app = result.apps[0]!;
    expect([app.bytesWritten.client, app.bytesRead.server, app.intact]).toEqual([300_000, 300_000, true]);
    const engine = result.connections[0]!;
    expect([engine.role, engine.subflows]).toEqual(['server', 2]);
    expect(result.live.linux[0]!.apps[0]!.mptcp?.addAddrAccepted).toBe(1);
    const check = result.wire;
    expect([check.ok, check.joinHmac.verified, check.addAddrHmac.verified]).toEqual([true, 1, 1]);
    expect(await listNamespaces(PREFIX)).toEqual([]);
  }, 30_000);

  /** two-path-v1 with a longer transfer, during which the server makes its announced address a backup (MP_PRIO), then deletes it (REMOVE_ADDR). */
  function pathChanges(): Scenario {
    const s: Scenario = structuredClone(twoPath);
    s.traffic[0] = { ...s.traffic[0]!, bytes: 3_000_000 } as Scenario['traffic'][number];
    for (const l of s.links) l.bandwidthBps = 20_000_000;
    s.actions = [
      { atUs: 300_000, kind: 'endpoint-backup', host: 'server', address: '198.18.2.2', backup: true },
      { atUs: 600_000, kind: 'endpoint-remove', host: 'server', address: '198.18.2.2' },
    ];
    return s;
  }

  it('MP_PRIO and REMOVE_ADDR from a Linux server reach the engine client, and from the engine server a Linux client', async () => {
    const fromLinux = (await liveRun(pathChanges(), { outside: ['server'], prefix: PREFIX })).result;
    expect(fromLinux.live.linux[0]!.actions.map((a) => [a.command, a.error])).toEqual([
      ['ip mptcp endpoint change id 1 backup', undefined],
      ['ip mptcp endpoint delete id 1', undefined],
    ]);
    expect(fromLinux.events.filter((e) => e.host === 'client' && (e.kind === 'mptcp-prio-received' || e.kind === 'mptcp-remove-addr')).map((e) => e.kind)).toEqual(['mptcp-prio-received', 'mptcp-remove-addr']);
    expect(fromLinux.apps[0]!.intact && fromLinux.apps[0]!.bytesRead.server).toBe(3_000_000);

    const toLinux = (await liveRun(pathChanges(), { outside: ['client'], prefix: PREFIX })).result;
    const seen = toLinux.live.linux[0]!.monitor.map((e) => e.type);
    expect(seen).toEqual(expect.arrayContaining(['announced', 'sf_established', 'sf_prio', 'removed']));
    expect(seen.indexOf('sf_prio')).toBeLessThan(seen.indexOf('removed'));
    expect(toLinux.apps[0]!.intact && toLinux.apps[0]!.bytesRead.server).toBe(3_000_000);
    expect(await listNamespaces(PREFIX)).toEqual([]);
  }, 60_000);

  it('MP_FASTCLOSE from a Linux application that aborts reaches the engine client, and from the engine server a Linux client', async () => {
    const fastclose = builtinScenario('fastclose-v1')!;
    const fromLinux = (await liveRun(fastclose, { outside: ['server'], prefix: PREFIX })).result;
    const linuxServer = fromLinux.live.linux[0]!;
    expect(linuxServer.actions.map((a) => a.command)).toEqual([expect.stringContaining('SO_LINGER 0')]);
    expect(linuxServer.apps[0]!.end).toBe('aborted');
    // The engine accepted it: the key it carries is the engine client's own (security-checks fastcloseKeyValid).
    expect(fromLinux.events.filter((e) => e.host === 'client' && e.kind.startsWith('mptcp-fastclose')).map((e) => e.kind)).toEqual(['mptcp-fastclose-accepted']);
    expect(fromLinux.apps[0]!.closedBy).toEqual({ client: 'fastclose', server: 'aborted' });
    expect(fromLinux.apps[0]!.intact).toBe(true);
    expect([fromLinux.wire.ok, fromLinux.wire.fastcloseKey.mismatch]).toEqual([true, 0]);
    expect(fromLinux.wire.fastcloseKey.verified).toBeGreaterThanOrEqual(1);
    expect(fromLinux.failures).toEqual([]);

    const toLinux = (await liveRun(fastclose, { outside: ['client'], prefix: PREFIX })).result;
    expect(toLinux.events.filter((e) => e.host === 'server' && e.kind === 'mptcp-fastclose-sent')).toHaveLength(1);
    // Linux checked the key and reset the connection: its application's read or write failed with ECONNRESET.
    expect(toLinux.live.linux[0]!.apps[0]!.end).toBe('reset');
    expect(toLinux.apps[0]!.closedBy).toEqual({ client: 'reset-received', server: 'aborted' });
    expect([toLinux.wire.ok, toLinux.wire.fastcloseKey.mismatch]).toEqual([true, 0]);
    expect(toLinux.wire.fastcloseKey.verified).toBeGreaterThanOrEqual(1);
    expect(await listNamespaces(PREFIX)).toEqual([]);
  }, 60_000);

  it('removes what it made even when the run fails, and refuses addresses outside the lab blocks', async () => {
    const s: Scenario = structuredClone(twoPath);
    s.hosts[1]!.interfaces[1]!.addresses = ['192.0.2.2/24'];
    await expect(liveRun(s, { outside: ['server'], prefix: PREFIX })).rejects.toThrow(/192\.0\.2\.2\/24 is outside 198\.18\.0\.0\/15 and 2001:db8::\/32/);
    expect(await listNamespaces(PREFIX)).toEqual([]);
  }, 30_000);
});
