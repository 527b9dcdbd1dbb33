/**
 * The scenario action `app-abort`: an application tears its connection
 * down mid-transfer. Under MPTCP v1 that is MP_FASTCLOSE carrying the
 * receiver's key on every subflow's RST (RFC 8684 §3.5), under v0 on an ACK
 * that the peer answers with RSTs (RFC 6824 §3.5), under plain TCP a RST;
 * the peer's application sees the connection end either way.
 */
import { describe, expect, it } from 'vitest';
import { fromHex } from '../core/hex.ts';
import { validateScenario } from '../scenario/validate.ts';
import type { AppAbortAction, Scenario } from '../scenario/types.ts';
import { twoPathScenario } from '../testing/scenarios.ts';
import { decodePacket } from '../wire/packet.ts';
import type { MptcpOption } from '../wire/mptcp/types.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import { runScenario, type RunResult } from './run-scenario.ts';

const abort = (side: 'client' | 'server', atUs = 200_000): AppAbortAction => ({ atUs, kind: 'app-abort', traffic: 'bulk', side });
const scenario = (protocol: Scenario['protocol'], a: AppAbortAction): Scenario => ({ ...twoPathScenario(protocol), actions: [a] });

/** Decoded TCP packets that left their sender (the first link they were put on). */
function sent(r: RunResult) {
  const seen = new Set<string>();
  return r.packets.flatMap((p) => {
    const d = decodePacket(fromHex(p.hex));
    if (!d.ok || !d.value.tcp || seen.has(p.hex)) return [];
    seen.add(p.hex);
    const fastclose = d.value.tcp.header.options.find((o): o is Extract<MptcpOption, { kind: 'mp-fastclose' }> => o.kind === 'mp-fastclose');
    return [{ from: p.from, timeUs: p.timeUs, flags: d.value.tcp.header.flags, fastclose }];
  });
}

const keyOf = (r: RunResult, host: string) => r.connections.find((c) => c.host === host)!.localKey;

describe('app-abort', () => {
  it('v1, the client aborts: MP_FASTCLOSE with the server key on a RST on every subflow; the server application sees "fastclose"', () => {
    const r = runScenario(scenario('mptcp-v1', abort('client')));
    const app = r.apps[0]!;
    expect(r.events.find((e) => e.kind === 'app-abort')).toMatchObject({ host: 'client', traffic: 'bulk', side: 'client', open: true, timeUs: 200_000 });
    const fc = sent(r).filter((p) => p.fastclose && p.from === 'client');
    expect(fc.length).toBe(2); // one per subflow
    for (const p of fc) {
      expect(p.flags & TCP_FLAG.RST).toBeTruthy();
      expect(p.fastclose!.receiverKey.toString(16).padStart(16, '0')).toBe(keyOf(r, 'server'));
    }
    expect(app.closedBy).toEqual({ client: 'aborted', server: 'fastclose' });
    expect(app.completedUs).toBeNull();
    expect(app.bytesRead.server).toBeLessThan(500_000);
    expect(app.intact).toBe(true);
  });

  it('v1, the server aborts with unread data: the client application sees "fastclose"', () => {
    const r = runScenario(scenario('mptcp-v1', abort('server')));
    expect(sent(r).filter((p) => p.fastclose && p.from === 'server').length).toBe(2);
    expect(r.apps[0]!.closedBy).toEqual({ client: 'fastclose', server: 'aborted' });
  });

  it('v0: MP_FASTCLOSE on an ACK, answered with a RST', () => {
    const r = runScenario(scenario('mptcp-v0', abort('client')));
    const fc = sent(r).filter((p) => p.fastclose && p.from === 'client');
    expect(fc.length).toBeGreaterThanOrEqual(1);
    expect(fc[0]!.flags & TCP_FLAG.RST).toBe(0);
    expect(sent(r).some((p) => p.from === 'server' && p.flags & TCP_FLAG.RST && p.timeUs > fc[0]!.timeUs)).toBe(true);
    expect(r.apps[0]!.closedBy.server).toBe('fastclose');
  });

  it('plain TCP: a RST, and the server application sees it', () => {
    const r = runScenario(scenario('tcp', abort('client')));
    expect(sent(r).some((p) => p.from === 'client' && p.flags & TCP_FLAG.RST && !p.fastclose)).toBe(true);
    expect(r.apps[0]!.closedBy).toEqual({ client: 'reset-sent', server: 'reset-received' });
  });

  it('before the connection opens there is nothing to abort: recorded, and the transfer runs', () => {
    const s = scenario('mptcp-v1', abort('server', 100));
    const r = runScenario(s);
    expect(r.events.find((e) => e.kind === 'app-abort')).toMatchObject({ open: false });
    expect(r.apps[0]!.completedUs).not.toBeNull();
  });

  it('the document must name a traffic entry', () => {
    const s = { ...twoPathScenario('mptcp-v1'), actions: [{ ...abort('client'), traffic: 'bluk' }] };
    expect(validateScenario(s)).toContainEqual(expect.objectContaining({ path: '$.actions[0].traffic', code: 'SCENARIO_REFERENCE', message: expect.stringContaining('"bluk" is not a traffic entry') }));
  });
});
