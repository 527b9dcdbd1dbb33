/**
 * LiveSession with attackers: the scenario's attackers are built and
 * started as in `runScenario`, an injection toward a real (outside) host's
 * address finds that host's link from the scenario's host specs, and the
 * result reports them. No real host here: `deliver` collects what the
 * engine would write to their TUN devices.
 */
import { describe, expect, it } from 'vitest';
import { craftSegment } from '../attacks/craft.ts';
import { buildAttackers } from '../runner/attackers.ts';
import { builtinScenario } from '../scenario/builtin/index.ts';
import { parseIp } from '../wire/ip-address.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import { LiveSession } from './live-session.ts';

const s = builtinScenario('attack-add-addr-hijack')!;
const toClient = craftSegment({ src: parseIp('198.18.1.2')!, dst: parseIp('198.18.1.1')!, srcPort: 8080, dstPort: 40000, seq: 1, ack: 1, flags: TCP_FLAG.ACK });

describe('LiveSession with attackers', () => {
  it("starts the scenario's attackers; an injection toward a real host's address leaves on that host's link", () => {
    const delivered: [string, number][] = [];
    const live = new LiveSession(s, { outside: ['client', 'server'] }, (host, iface) => delivered.push([host, iface]));
    expect(live.attackers.map((a) => a.id)).toEqual(['mallory']);
    const id = live.attackers[0]!.ctx.inject(toClient, 'test');
    expect(id).not.toBeNull();
    live.advanceTo(20_000);
    expect(delivered).toContainEqual(['client', 0]);
    const rec = live.sim.trace.packets.find((p) => p.id === id)!;
    expect([rec.link, rec.from, rec.to, rec.fate]).toEqual(['client-r1', 'r1', 'client', 'injected']);
    const report = live.result([]).attackers[0]!;
    expect([report.id, report.injected, report.attempted]).toEqual(['mallory', 1, true]);
  });

  it("without the real hosts' addresses, the same injection finds no route (what the specs fix)", () => {
    const live = new LiveSession(s, { outside: ['client', 'server'] }, () => {});
    const [blind] = buildAttackers(live.sim, s, live.net);
    expect(blind!.ctx.inject(toClient, 'test')).toBeNull();
    expect(blind!.actions.at(-1)?.kind).toBe('attacker-no-route');
  });

  it('an attacker that never acts is reported as not attempted', () => {
    const live = new LiveSession(s, { outside: ['client', 'server'] }, () => {});
    live.advanceTo(100_000);
    const report = live.result([]).attackers[0]!;
    expect([report.attempted, report.injected]).toEqual([false, 0]);
  });
});
