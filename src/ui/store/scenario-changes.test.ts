import { describe, expect, it } from 'vitest';
import { builtinScenario, findingKey, loadScenario, type ReviewDecision, type Scenario } from '../../engine/index.ts';
import { makeStore } from '../testing/harness.tsx';
import { lockRefusal } from './lesson-model.ts';
import { applyChange, applyChanges, changesRun, describeChanges, freshLinkId, freshNodeId, type ScenarioChange } from './scenario-changes.ts';

const base = builtinScenario('attack-add-addr-hijack-v0')!;

describe('scenario change objects', () => {
  it('change only what they name, leaving the input as it was', () => {
    const before = JSON.stringify(base);
    const s = applyChanges(base, [
      { kind: 'set-protocol', protocol: 'mptcp-v1' },
      { kind: 'set-link', id: base.links[0]!.id, patch: { delayUs: 12_000 } },
      { kind: 'move-node', id: 'client', x: 10.4, y: 20.6 },
    ]);
    expect(JSON.stringify(base)).toBe(before);
    expect(s.protocol).toBe('mptcp-v1');
    expect(s.links[0]!.delayUs).toBe(12_000);
    expect(s.links[1]).toBe(base.links[1]);
    expect(s.ui).toMatchObject({ positions: { client: { x: 10, y: 21 } } });
  });

  it('place, update, window and remove an attacker', () => {
    const mallory = base.attackers[0]!;
    let s = applyChange(base, { kind: 'set-window', id: mallory.id, window: null });
    expect(s.attackers[0]).toMatchObject({ location: 'on-path' });
    expect(s.attackers[0]!.window).toBeUndefined();
    s = applyChange(s, { kind: 'set-window', id: mallory.id, window: { fromUs: 1000.4, toUs: 5000 } });
    expect(s.attackers[0]).toMatchObject({ location: 'partial-time-on-path', window: { fromUs: 1000, toUs: 5000 } });
    s = applyChange(s, { kind: 'place-attacker', attacker: { id: 'eve', location: 'on-path', capability: 'eavesdropper', at: [base.links[0]!.id], attack: 'passive-eavesdrop', params: {}, guessBudget: 1 } });
    expect(s.attackers.map((a) => a.id)).toEqual([mallory.id, 'eve']);
    s = applyChange(s, { kind: 'update-attacker', id: 'eve', patch: { label: 'Eve' } });
    expect(s.attackers[1]!.label).toBe('Eve');
    s = applyChange(s, { kind: 'remove-attacker', id: mallory.id });
    expect(s.attackers.map((a) => a.id)).toEqual(['eve']);
    expect(describeChanges([{ kind: 'remove-attacker', id: mallory.id }])).toBe(`remove attacker ${mallory.id}`);
  });
});

const twoPath = builtinScenario('two-path-v1')!;
const ifaces = (s: Scenario, node: string) =>
  [...s.hosts, ...s.routers].find((n) => n.id === node)!.interfaces.map((i) => `${i.id} ${i.addresses.join(' ')}`);
const loads = (s: Scenario) => loadScenario(s).ok;
const problemPaths = (s: Scenario) => {
  const r = loadScenario(s);
  return r.ok ? [] : r.problems.map((p) => p.path);
};

describe('topology change objects', () => {
  it('pick fresh node and link ids', () => {
    expect(freshNodeId(twoPath, 'host')).toBe('host-1');
    expect(freshNodeId(twoPath, 'router')).toBe('router-1');
    const s = applyChange(twoPath, { kind: 'add-node', node: 'router', id: 'router-1', x: 0, y: 0 });
    expect(freshNodeId(s, 'router')).toBe('router-2');
    expect(freshLinkId(twoPath, 'r1', 'client')).toBe('r1-client');
    expect(freshLinkId(twoPath, 'client', 'r1')).toBe('client-r1-2');
    const twice = applyChange(twoPath, { kind: 'add-link', id: 'client-r1-2', a: 'client', b: 'r1' });
    expect(freshLinkId(twice, 'client', 'r1')).toBe('client-r1-3');
  });

  it('add a router with no interfaces at a position; connected to r1 and the server, the engine takes it', () => {
    const before = JSON.stringify(twoPath);
    const added = applyChange(twoPath, { kind: 'add-node', node: 'router', id: 'router-1', x: 260.4, y: 9.6 });
    expect(JSON.stringify(twoPath)).toBe(before);
    expect(added.routers.map((r) => r.id)).toEqual(['r1', 'r2', 'router-1']);
    expect(added.routers[2]).toEqual({ id: 'router-1', interfaces: [] });
    expect(added.ui).toEqual({ positions: { 'router-1': { x: 260, y: 10 } } });
    // No interface yet: the engine refuses it, naming the router.
    expect(problemPaths(added)).toEqual(['$.routers[2].interfaces']);

    const one = applyChange(added, { kind: 'add-link', id: 'router-1-r1', a: 'router-1', b: 'r1' });
    // 198.18.0.0/24 is the first network no interface uses.
    expect(ifaces(one, 'router-1')).toEqual(['eth0 198.18.0.1/24']);
    expect(ifaces(one, 'r1')).toEqual(['eth0 198.18.1.254/24', 'eth1 198.18.1.253/24', 'eth2 198.18.0.2/24']);
    expect(one.links[4]).toEqual({ id: 'router-1-r1', a: 'router-1.eth0', b: 'r1.eth2', delayUs: 5000, bandwidthBps: 10_000_000, lossRate: 0, queuePackets: 100, mtuBytes: 1500 });
    expect(loads(one)).toBe(true);

    const two = applyChange(one, { kind: 'add-link', id: 'router-1-server', a: 'router-1', b: 'server' });
    expect(ifaces(two, 'router-1')).toEqual(['eth0 198.18.0.1/24', 'eth1 198.18.3.1/24']);
    expect(ifaces(two, 'server')).toEqual(['eth0 198.18.1.2/24', 'eth1 198.18.2.2/24', 'eth2 198.18.3.2/24']);
    expect(two.links.map((l) => `${l.id} ${l.a} ${l.b}`).slice(4)).toEqual(['router-1-r1 router-1.eth0 r1.eth2', 'router-1-server router-1.eth1 server.eth2']);
    expect(loads(two)).toBe(true);
  });

  it('add a host', () => {
    const s = applyChange(twoPath, { kind: 'add-node', node: 'host', id: 'host-1', x: -5, y: 7 });
    expect(s.hosts.map((h) => h.id)).toEqual(['client', 'server', 'host-1']);
    expect(s.hosts[2]).toEqual({ id: 'host-1', interfaces: [] });
    const linked = applyChange(s, { kind: 'add-link', id: 'host-1-r2', a: 'host-1', b: 'r2' });
    expect(ifaces(linked, 'host-1')).toEqual(['eth0 198.18.0.1/24']);
    expect(ifaces(linked, 'r2')).toEqual(['eth0 198.18.2.254/24', 'eth1 198.18.2.253/24', 'eth2 198.18.0.2/24']);
    expect(loads(linked)).toBe(true);
  });

  it('leave the scenario as it is for an add-link they cannot make', () => {
    const nat = builtinScenario('nat-client')!;
    expect(applyChange(nat, { kind: 'add-link', id: 'x', a: 'nat', b: 'r1' })).toBe(nat);
    expect(applyChange(twoPath, { kind: 'add-link', id: 'x', a: 'r1', b: 'r1' })).toBe(twoPath);
    expect(applyChange(twoPath, { kind: 'add-link', id: 'x', a: 'r1', b: 'nobody' })).toBe(twoPath);
    expect(applyChange(twoPath, { kind: 'add-link', id: 'client-r1', a: 'r1', b: 'r2' })).toBe(twoPath);
    expect(applyChange(twoPath, { kind: 'add-node', node: 'host', id: 'r1', x: 0, y: 0 })).toBe(twoPath);
  });

  it('skip networks attackers and NATs use', () => {
    const hijack = builtinScenario('attack-add-addr-hijack-v0')!;
    // 198.18.66.6 is Mallory's: 66 is never handed out.
    const used = [0, 1, 2, ...Array.from({ length: 63 }, (_, i) => i + 3)];
    const full = { ...hijack, routers: [...hijack.routers, { id: 'filler', interfaces: used.map((k) => ({ id: `e${k}`, addresses: [`198.18.${k}.9/24`] })) }] };
    const s = applyChange(full, { kind: 'add-link', id: 'r1-r2', a: 'r1', b: 'r2' });
    expect(s.links.at(-1)).toMatchObject({ a: 'r1.eth2', b: 'r2.eth2' });
    expect(ifaces(s, 'r1').at(-1)).toBe('eth2 198.18.67.1/24');
  });

  it('remove a link with the interfaces only it used, and the server endpoint on them', () => {
    const s = applyChange(twoPath, { kind: 'remove-link', id: 'r2-server' });
    expect(s.links.map((l) => l.id)).toEqual(['client-r1', 'r1-server', 'client-r2']);
    expect(ifaces(s, 'r2')).toEqual(['eth0 198.18.2.254/24']);
    expect(ifaces(s, 'server')).toEqual(['eth0 198.18.1.2/24']);
    expect(s.hosts[1]!.pathManager!.endpoints).toEqual([]);
    expect(loads(s)).toBe(true);
    // A freed name is reused.
    const again = applyChange(s, { kind: 'add-link', id: 'r2-server', a: 'r2', b: 'server' });
    expect(again.links.at(-1)).toMatchObject({ a: 'r2.eth1', b: 'server.eth1' });
    expect(ifaces(again, 'server')).toEqual(['eth0 198.18.1.2/24', 'eth1 198.18.0.2/24']);
    expect(applyChange(twoPath, { kind: 'remove-link', id: 'nope' })).toBe(twoPath);
  });

  it('keep an interface another link still uses', () => {
    const shared = { ...twoPath, links: [...twoPath.links, { ...twoPath.links[0]!, id: 'spare' }] };
    const s = applyChange(shared, { kind: 'remove-link', id: 'spare' });
    expect(s.links.map((l) => l.id)).toEqual(['client-r1', 'r1-server', 'client-r2', 'r2-server']);
    expect(ifaces(s, 'client')).toEqual(ifaces(twoPath, 'client'));
    expect(ifaces(s, 'r1')).toEqual(ifaces(twoPath, 'r1'));
  });

  it('drop a removed link from attackers, and attackers left with no place', () => {
    const hijack = builtinScenario('attack-add-addr-hijack-v0')!;
    const eve = { id: 'eve', location: 'on-path', capability: 'eavesdropper', at: ['client-r1', 'r2'], attack: 'passive-eavesdrop', params: {}, guessBudget: 1 } as const;
    const s = applyChanges(hijack, [
      { kind: 'place-attacker', attacker: { ...eve, at: [...eve.at] } },
      { kind: 'remove-link', id: 'client-r1' },
    ]);
    expect(s.attackers.map((a) => [a.id, a.at])).toEqual([['eve', ['r2']]]);
  });

  it('drop the actions naming a removed link or address', () => {
    const wifi = builtinScenario('wifi-handover')!;
    const s = applyChange(wifi, { kind: 'remove-link', id: 'wifi' });
    expect(s.actions).toEqual([{ atUs: 3_500_000, kind: 'endpoint-backup', host: 'phone', address: '198.18.2.1', backup: false }]);
    expect(ifaces(s, 'phone')).toEqual(['lte0 198.18.2.1/24']);
    expect(ifaces(s, 'internet')).toEqual(['eth1 198.18.2.254/24', 'eth2 198.18.10.254/24']);
    expect(loads(s)).toBe(true);
  });

  it('remove a router with its links, its position and the attackers at it', () => {
    const blind = builtinScenario('attack-blind-reset')!;
    const moved = applyChange(blind, { kind: 'move-node', id: 'r1', x: 1, y: 2 });
    const s = applyChange(moved, { kind: 'remove-node', id: 'r1' });
    expect(s.routers.map((r) => r.id)).toEqual(['r2']);
    expect(s.links.map((l) => l.id)).toEqual(['client-r2', 'r2-server']);
    expect(ifaces(s, 'client')).toEqual(['eth1 198.18.2.1/24']);
    expect(ifaces(s, 'server')).toEqual(['eth1 198.18.2.2/24']);
    expect(s.attackers).toEqual([]);
    expect(s.ui).toEqual({ positions: {} });
  });

  it('remove a host: its traffic stays, and the engine names it', () => {
    const s = applyChange(twoPath, { kind: 'remove-node', id: 'server' });
    expect(s.hosts.map((h) => h.id)).toEqual(['client']);
    expect(s.links.map((l) => l.id)).toEqual(['client-r1', 'client-r2']);
    expect(ifaces(s, 'r1')).toEqual(['eth0 198.18.1.254/24']);
    expect(s.traffic[0]!.to).toBe('server');
    expect(problemPaths(s)).toContain('$.traffic[0].to');
  });

  it('remove a NAT and a middlebox', () => {
    const nat = builtinScenario('nat-client')!;
    const s = applyChange(nat, { kind: 'remove-node', id: 'nat' });
    expect(s.nats).toEqual([]);
    expect(s.links.every((l) => !l.a.startsWith('nat.') && !l.b.startsWith('nat.'))).toBe(true);
    const mb = builtinScenario('middlebox-strip')!;
    const t = applyChange(mb, { kind: 'remove-node', id: 'mb' });
    expect(t.middleboxes).toEqual([]);
    expect(t.links).toEqual([]);
    expect(ifaces(t, 'client')).toEqual([]);
  });

  it('say what they do, and all but move-node change the run', () => {
    const changes: ScenarioChange[] = [
      { kind: 'add-node', node: 'router', id: 'router-1', x: 0, y: 0 },
      { kind: 'add-link', id: 'router-1-r1', a: 'router-1', b: 'r1' },
      { kind: 'remove-link', id: 'client-r1' },
      { kind: 'remove-node', id: 'r2' },
    ];
    expect(changes.map((c) => describeChanges([c]))).toEqual(['add router router-1', 'connect router-1 and r1', 'remove link client-r1', 'remove r2']);
    expect(changes.map(changesRun)).toEqual([true, true, true, true]);
    expect(changesRun({ kind: 'move-node', id: 'r1', x: 0, y: 0 })).toBe(false);
  });
});

describe('review change objects', () => {
  const s = builtinScenario('two-path-v1')!;
  const decision = (over: Partial<ReviewDecision> = {}): ReviewDecision => ({ attack: 'blind-reset:remove-addr', place: 'r1', location: 'on-path', capability: 'active', window: null, failure: 'connection-dos', status: 'open', severity: 'low', owner: '', comment: '', ...over });
  const keyOf = findingKey(decision());
  const other = findingKey(decision({ place: 'client-r1' }));
  const reviewChanges: ScenarioChange[] = [
    { kind: 'set-review-decision', decision: decision(), findings: [] },
    { kind: 'remove-review-decision', key: keyOf },
    { kind: 'mark-reviewed', findings: [keyOf] },
  ];

  it('add a decision, recording the findings on screen as reviewed (sorted, once each); the engine loads the result', () => {
    const before = JSON.stringify(s);
    const t = applyChange(s, { kind: 'set-review-decision', decision: decision(), findings: [other, keyOf, other] });
    expect(JSON.stringify(s)).toBe(before);
    expect(t.review).toEqual({ decisions: [decision()], reviewed: [keyOf, other].sort() });
    expect(t.links).toBe(s.links);
    const loaded = loadScenario(t);
    expect(loaded.ok && loaded.scenario.review).toEqual(t.review);
  });

  it('replace a decision with the same key in its place, keeping the others', () => {
    let t = applyChanges(s, [
      { kind: 'set-review-decision', decision: decision(), findings: [keyOf] },
      { kind: 'set-review-decision', decision: decision({ place: 'client-r1' }), findings: [other] },
    ]);
    t = applyChange(t, { kind: 'set-review-decision', decision: decision({ status: 'accepted', owner: 'ana', comment: 'on-path resets are inherited from TCP' }), findings: [keyOf] });
    expect(t.review!.decisions.map((d) => [d.place, d.status, d.owner])).toEqual([
      ['r1', 'accepted', 'ana'],
      ['client-r1', 'open', ''],
    ]);
    expect(t.review!.reviewed).toEqual([keyOf, other].sort());
  });

  it('remove a decision by key, keeping what was reviewed; an unknown key changes nothing', () => {
    const t = applyChange(s, { kind: 'set-review-decision', decision: decision(), findings: [keyOf, other] });
    const u = applyChange(t, { kind: 'remove-review-decision', key: keyOf });
    expect(u.review).toEqual({ decisions: [], reviewed: [keyOf, other].sort() });
    expect(applyChange(u, { kind: 'remove-review-decision', key: keyOf })).toBe(u);
    expect(applyChange(s, { kind: 'remove-review-decision', key: keyOf })).toBe(s);
  });

  it('mark findings reviewed without deciding; marking them again changes nothing', () => {
    const t = applyChange(s, { kind: 'mark-reviewed', findings: [other, keyOf] });
    expect(t.review).toEqual({ decisions: [], reviewed: [keyOf, other].sort() });
    expect(applyChange(t, { kind: 'mark-reviewed', findings: [keyOf] })).toBe(t);
  });

  it('never change the run, and say what they do', () => {
    expect(reviewChanges.map(changesRun)).toEqual([false, false, false]);
    expect(reviewChanges.map((c) => describeChanges([c]))).toEqual(['review of connection-dos (blind-reset:remove-addr at r1)', 'remove a review decision', 'mark findings reviewed']);
  });

  it('undo and redo through the store without re-running, and a lesson lock never refuses them', () => {
    const store = makeStore();
    let runs = 0;
    store.setState({ draft: s, run: { scenario: s, timeline: null }, runDraft: async () => void runs++ });
    store.getState().edit({ kind: 'set-review-decision', decision: decision({ status: 'mitigated' }), findings: [keyOf] });
    expect(store.getState().draft!.review!.decisions[0]!.status).toBe('mitigated');
    store.getState().undo();
    expect(store.getState().draft).toBe(s);
    store.getState().redo();
    expect(store.getState().draft!.review!.decisions[0]!.status).toBe('mitigated');
    expect(runs).toBe(0);
    // An edit the engine does not ignore still re-runs when undone.
    store.getState().edit({ kind: 'set-protocol', protocol: 'mptcp-v0' });
    store.getState().undo();
    expect(runs).toBe(2);
    expect(lockRefusal({ topology: true, protocol: true, mitigations: true, attackers: true }, reviewChanges)).toBeNull();
  });
});
