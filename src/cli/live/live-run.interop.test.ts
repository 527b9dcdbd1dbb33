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
import { wireCheck } from './wire-check.ts';

const skipReason = liveUnavailable();
if (skipReason) console.warn(`live interop skipped: ${skipReason}`);
const PREFIX = `mlab-t${process.pid}-`;

describe.skipIf(skipReason !== null)(`lab live run against Linux (skipped unless root with MPTCP${skipReason ? `: ${skipReason}` : ''})`, () => {
  afterAll(async () => {
    for (const ns of await listNamespaces(PREFIX)) await deleteNamespace(ns);
  });

  const twoPath = builtinScenario('two-path-v1')!;

  it('engine client ↔ Linux server: a two-path transfer, every byte intact, every HMAC verified on the wire', async () => {
    const { result, records } = await liveRun(twoPath, { outside: ['server'], prefix: PREFIX });
    const app = result.apps[0]!;
    expect([app.bytesWritten.client, app.bytesRead.server, app.intact]).toEqual([300_000, 300_000, true]);
    expect(app.closedBy).toEqual({ client: 'fin', server: 'fin' });
    const engine = result.connections[0]!;
    expect([engine.subflows, engine.fallback]).toEqual([2, false]);
    // Both subflows carried data: the join to the address the server announced works.
    expect(result.subflows.filter((s) => s.bytesSentAcked > 0).map((s) => s.local.split(':')[0])).toEqual(['198.18.1.1', '198.18.2.1']);
    const linux = result.live.linux[0]!;
    expect(linux.apps[0]!.mptcp?.token).toBe(engine.remoteToken);
    expect(linux.monitor.map((e) => e.type)).toEqual(expect.arrayContaining(['created', 'established', 'sf_established', 'closed']));
    expect(linux.monitor.find((e) => e.type === 'sf_established')?.daddr).toBe('198.18.2.1');
    const { check } = wireCheck(records);
    expect([check.ok, check.idsn.verified, check.joinHmac.verified, check.addAddrHmac.verified]).toEqual([true, 2, 1, 1]);
    expect(await listNamespaces(PREFIX)).toEqual([]);
  }, 30_000);

  it('Linux client ↔ engine server: the Linux client joins the address the engine announces', async () => {
    const { result, records } = await liveRun(twoPath, { outside: ['client'], prefix: PREFIX });
    const app = result.apps[0]!;
    expect([app.bytesWritten.client, app.bytesRead.server, app.intact]).toEqual([300_000, 300_000, true]);
    const engine = result.connections[0]!;
    expect([engine.role, engine.subflows]).toEqual(['server', 2]);
    expect(result.live.linux[0]!.apps[0]!.mptcp?.addAddrAccepted).toBe(1);
    const { check } = wireCheck(records);
    expect([check.ok, check.joinHmac.verified, check.addAddrHmac.verified]).toEqual([true, 1, 1]);
    expect(await listNamespaces(PREFIX)).toEqual([]);
  }, 30_000);

  it('removes what it made even when the run fails, and refuses addresses outside the lab blocks', async () => {
    const s: Scenario = structuredClone(twoPath);
    s.hosts[1]!.interfaces[1]!.addresses = ['192.0.2.2/24'];
    await expect(liveRun(s, { outside: ['server'], prefix: PREFIX })).rejects.toThrow(/192\.0\.2\.2\/24 is outside 198\.18\.0\.0\/15 and 2001:db8::\/32/);
    expect(await listNamespaces(PREFIX)).toEqual([]);
  }, 30_000);
});
