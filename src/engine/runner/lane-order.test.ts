import { describe, expect, it } from 'vitest';
import { laneCrossings, orderLanes, type LaneGraph } from './lane-order.ts';

const nodeOf = (lanes: readonly string[]) => new Map(lanes.map((l) => [l, l.split('.')[0]!]));

function twoPaths(attached: LaneGraph['attached'] = []): LaneGraph {
  const lanes = ['client.eth0', 'client.eth1', 'r1', 'r2', 'server.eth0', 'server.eth1', ...attached.map((a) => a.lane)];
  return {
    lanes,
    hops: [['client.eth0', 'r1'], ['r1', 'server.eth0'], ['client.eth1', 'r2'], ['r2', 'server.eth1']],
    starts: ['client.eth0', 'client.eth1'],
    ends: new Set(['server.eth0', 'server.eth1']),
    nodeOf: nodeOf(lanes),
    attached,
  };
}

describe('lane order', () => {
  it('lays each path contiguous, the second reversed so the server\'s interfaces sit together', () => {
    const g = twoPaths();
    const order = orderLanes(g);
    expect(order).toEqual(['client.eth0', 'r1', 'server.eth0', 'server.eth1', 'r2', 'client.eth1']);
    expect(laneCrossings(order, g.hops)).toBe(0);
    // The default order (hosts, then routers) makes every hop cross lanes.
    expect(laneCrossings(g.lanes, g.hops)).toBeGreaterThan(0);
  });

  it('puts an attacker on a link beside that link\'s ends, splitting no hop', () => {
    const g = twoPaths([{ lane: 'attacker:mallory', near: ['client.eth0', 'r1'] }]);
    const order = orderLanes(g);
    expect(laneCrossings(order, g.hops)).toBe(0);
    const m = order.indexOf('attacker:mallory');
    expect([order[m - 1], order[m + 1]].some((l) => l === 'client.eth0' || l === 'r1')).toBe(true);
  });

  it('puts an attacker at a router beside that router (mid-path, only a hop through her router crosses her lane)', () => {
    const g = twoPaths([{ lane: 'attacker:eve', near: ['r2'] }]);
    const order = orderLanes(g);
    const e = order.indexOf('attacker:eve');
    expect(Math.abs(e - order.indexOf('r2'))).toBe(1);
    expect(laneCrossings(order, g.hops)).toBe(1);
  });

  it('walks a longer path through routers towards the server, and keeps lanes no path reaches', () => {
    const lanes = ['client.eth0', 'r1', 'r2', 'r3', 'server.eth0', 'monitor.eth0'];
    const g: LaneGraph = {
      lanes,
      hops: [['client.eth0', 'r1'], ['r1', 'r3'], ['r3', 'r2'], ['r2', 'server.eth0'], ['r1', 'r2']],
      starts: ['client.eth0'],
      ends: new Set(['server.eth0']),
      nodeOf: nodeOf(lanes),
      attached: [],
    };
    const order = orderLanes(g);
    // The shortest way to the server first (r1, r2), the detour's router after.
    expect(order.slice(0, 4)).toEqual(['client.eth0', 'r1', 'r2', 'server.eth0']);
    expect(order).toHaveLength(lanes.length);
    expect(new Set(order)).toEqual(new Set(lanes));
  });
});
