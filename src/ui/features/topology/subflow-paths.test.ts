import { describe, expect, it } from 'vitest';
import { buildTimeline, builtinScenario, runScenario, type Scenario, type TimelineData } from '../../../engine/index.ts';
import { subflowPaths, tupleAddresses } from './subflow-paths.ts';

function simulate(id: string): { scenario: Scenario; timeline: TimelineData } {
  const scenario = builtinScenario(id)!;
  const r = runScenario(scenario, { baselines: 'none' });
  const attackers = r.attackers.map((a) => ({ id: a.id, label: scenario.attackers.find((x) => x.id === a.id)?.label, sent: a.sent }));
  return { scenario, timeline: buildTimeline(scenario, r.handle.records, attackers, r.endUs) };
}

const hijack = simulate('attack-add-addr-hijack-v0');

describe('subflowPaths', () => {
  it('reads the two addresses of a four-tuple, IPv4 or IPv6', () => {
    expect(tupleAddresses('198.18.1.1:55172 ⇄ 198.18.66.6:8080')).toEqual(['198.18.1.1', '198.18.66.6']);
    expect(tupleAddresses('2001:db8::1:443 ⇄ 2001:db8::2:5000')).toEqual(['2001:db8::1', '2001:db8::2']);
    expect(tupleAddresses('nonsense')).toBeNull();
  });

  it('walks a genuine subflow from its first host to the other, link by link', () => {
    const { scenario, timeline } = simulate('two-path-v1');
    expect(subflowPaths(scenario, timeline)).toEqual([
      {
        subflow: 0,
        attacker: null,
        legs: [
          { kind: 'link', link: 'client-r1', from: 'client', to: 'r1' },
          { kind: 'link', link: 'r1-server', from: 'r1', to: 'server' },
        ],
      },
      {
        subflow: 1,
        attacker: null,
        legs: [
          { kind: 'link', link: 'client-r2', from: 'client', to: 'r2' },
          { kind: 'link', link: 'r2-server', from: 'r2', to: 'server' },
        ],
      },
    ]);
  });

  it("ends each hijacked subflow at Mallory's own address, where she sits, not at the far host", () => {
    const paths = subflowPaths(hijack.scenario, hijack.timeline);
    expect(hijack.timeline.subflows.map((s) => s.label)).toEqual([expect.stringMatching(/^198\.18\.1\.1:\d+ ⇄ 198\.18\.1\.2:8080$/), expect.any(String), expect.stringMatching(/ ⇄ 198\.18\.66\.6:8080$/), expect.stringMatching(/^198\.18\.66\.6:\d+ ⇄ 198\.18\.1\.2:8080$/)]);
    expect(paths[0]!.attacker).toBeNull();
    // client → Mallory: off the client's end of client-r1, the link she sits on.
    expect(paths[2]).toEqual({ subflow: 2, attacker: 'mallory', legs: [{ kind: 'tap', attacker: 'mallory', place: 'client-r1', node: 'client' }] });
    // Mallory → server: from her place to r1, then on to the server.
    expect(paths[3]).toEqual({
      subflow: 3,
      attacker: 'mallory',
      legs: [
        { kind: 'link', link: 'r1-server', from: 'server', to: 'r1' },
        { kind: 'tap', attacker: 'mallory', place: 'client-r1', node: 'r1' },
      ],
    });
  });

  it('steps off at a router when the attacker sits there', () => {
    const atRouter = { ...hijack.scenario, attackers: hijack.scenario.attackers.map((a) => ({ ...a, at: ['r1'] })) };
    expect(subflowPaths(atRouter, hijack.timeline)[2]!.legs).toEqual([
      { kind: 'link', link: 'client-r1', from: 'client', to: 'r1' },
      { kind: 'tap', attacker: 'mallory', place: 'r1', node: 'r1' },
    ]);
  });

  it('is empty without a run', () => {
    expect(subflowPaths(hijack.scenario, null)).toEqual([]);
  });
});
