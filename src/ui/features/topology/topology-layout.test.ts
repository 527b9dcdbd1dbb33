import { describe, expect, it } from 'vitest';
import { builtinScenario, type Scenario } from '../../../engine/index.ts';
import { linkGeometries, linkLabel, pointOnLink, PARALLEL_GAP } from './link-geometry.ts';
import { topologySummary } from './scenario-graph.ts';
import { COLUMN_GAP, layoutTopology, ROW_GAP } from './topology-layout.ts';

const builtin = (id: string): Scenario => {
  const s = builtinScenario(id);
  if (!s) throw new Error(`no built-in ${id}`);
  return s;
};

describe('layoutTopology', () => {
  it('puts the client left, the two routers one column in, stacked, and the server right', () => {
    const p = layoutTopology(builtin('two-path-v1'));
    expect([...p.keys()].sort()).toEqual(['client', 'r1', 'r2', 'server']);
    expect(p.get('client')).toEqual({ x: 0, y: 0 });
    expect(p.get('r1')).toEqual({ x: COLUMN_GAP, y: -ROW_GAP / 2 });
    expect(p.get('r2')).toEqual({ x: COLUMN_GAP, y: ROW_GAP / 2 });
    expect(p.get('server')).toEqual({ x: 2 * COLUMN_GAP, y: 0 });
  });

  it('places a NAT in the network column beside the router', () => {
    const p = layoutTopology(builtin('nat-client'));
    expect(p.get('client')!.x).toBe(0);
    expect(p.get('r1')!.x).toBe(COLUMN_GAP);
    expect(p.get('nat')!.x).toBe(COLUMN_GAP);
    expect(p.get('nat')!.y).not.toBe(p.get('r1')!.y);
    expect(p.get('server')!.x).toBe(2 * COLUMN_GAP);
  });

  it('keeps servers in the last column even when they are as near as a router', () => {
    // client - r1 - r2 - server, plus a direct client - server link: the server still goes right of r2.
    const s = builtin('two-path-v1');
    const chain: Scenario = {
      ...s,
      links: [
        { ...s.links[0]!, id: 'c-r1', a: 'client.eth0', b: 'r1.eth0' },
        { ...s.links[0]!, id: 'r1-r2', a: 'r1.eth1', b: 'r2.eth0' },
        { ...s.links[0]!, id: 'r2-s', a: 'r2.eth1', b: 'server.eth0' },
        { ...s.links[0]!, id: 'c-s', a: 'client.eth1', b: 'server.eth1' },
      ],
    };
    const p = layoutTopology(chain);
    expect(p.get('r2')!.x).toBe(2 * COLUMN_GAP);
    expect(p.get('server')!.x).toBe(3 * COLUMN_GAP);
  });

  it('lets positions saved in ui.positions win and ignores malformed ones', () => {
    const s = { ...builtin('wifi-lte'), ui: { positions: { internet: { x: 10, y: -20 }, server: { x: 'far', y: 0 }, ghost: { x: 1, y: 1 } } } };
    const p = layoutTopology(s);
    expect(p.get('internet')).toEqual({ x: 10, y: -20 });
    expect(p.get('phone')).toEqual({ x: 0, y: 0 });
    expect(p.get('server')).toEqual({ x: 2 * COLUMN_GAP, y: 0 });
    expect(p.has('ghost')).toBe(false);
  });

  it('places a node no link reaches in a middle column rather than dropping it', () => {
    const s = builtin('two-path-v1');
    const p = layoutTopology({ ...s, routers: [...s.routers, { id: 'island', interfaces: [{ id: 'eth0', addresses: ['10.0.0.1/24'] }] }] });
    expect(p.get('island')!.x).toBe(COLUMN_GAP);
  });
});

describe('link geometry', () => {
  it('bows parallel links apart by PARALLEL_GAP at their midpoints, symmetric about the straight line', () => {
    const s = builtin('wifi-lte');
    const g = linkGeometries(s, layoutTopology(s));
    const wifi = pointOnLink(g.get('wifi')!, 0.5);
    const lte = pointOnLink(g.get('lte')!, 0.5);
    expect(Math.hypot(wifi.x - lte.x, wifi.y - lte.y)).toBeCloseTo(PARALLEL_GAP, 6);
    expect((wifi.y + lte.y) / 2).toBeCloseTo(0, 6);
    // A lone link stays straight.
    const core = g.get('core')!;
    expect(pointOnLink(core, 0.5)).toEqual({ x: (core.p0.x + core.p1.x) / 2, y: (core.p0.y + core.p1.y) / 2 });
  });

  it('labels a link with delay, bandwidth and loss only when lossy', () => {
    const l = builtin('two-path-v1').links[0]!;
    expect(linkLabel(l)).toBe('5 ms · 50 Mbit/s');
    expect(linkLabel({ ...l, delayUs: 2500, bandwidthBps: 1_500_000, lossRate: 0.015 })).toBe('2.5 ms · 1.5 Mbit/s · 1.5% loss');
  });
});

describe('topologySummary', () => {
  it('counts nodes, links and attackers', () => {
    expect(topologySummary(builtin('two-path-v1'))).toBe('2 hosts, 2 routers, 4 links');
    expect(topologySummary(builtin('attack-add-addr-hijack-v0'))).toBe('2 hosts, 2 routers, 4 links, 1 attacker');
    expect(topologySummary(builtin('nat-client'))).toBe('2 hosts, 1 router, 1 NAT, 4 links');
  });
});
