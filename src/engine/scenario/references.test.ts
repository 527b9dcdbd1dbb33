import { describe, expect, it } from 'vitest';
import type { ScenarioProblem } from './types.ts';
import { edited, minimalDocument, type Editable } from './test-documents.ts';
import { validateScenario } from './validate.ts';

const ifc = (id: string, ...addresses: string[]) => ({ id, addresses });
const link = (id: string, a: string, b: string) => ({ id, a, b, delayUs: 1000, bandwidthBps: 1_000_000 });

/** Client — r1 — server instead of the direct link. */
function viaRouter(d: Editable) {
  d.routers = [{ id: 'r1', interfaces: [ifc('eth0', '198.18.1.254/24'), ifc('eth1', '198.18.1.253/24')] }];
  d.links = [link('l1', 'client.eth0', 'r1.eth0'), link('l2', 'r1.eth1', 'server.eth0')];
}

/** Each document and exactly the problems it must give: [path, code, message]. */
const cases: [string, (d: Editable) => void, [string, ScenarioProblem['code'], string][]][] = [
  ['a router with a host\'s id', (d) => (d.routers = [{ id: 'client', interfaces: [ifc('eth0', '198.18.9.1/24')] }]), [
    ['$.routers[0].id', 'SCENARIO_DUPLICATE', '"client" is already the id of a host ($.hosts[0]); node ids are unique across hosts, routers, NATs and middleboxes'],
  ]],
  ['an interface id twice on one node', (d) => d.hosts[0].interfaces.push(ifc('eth0', '198.18.2.1/24')), [
    ['$.hosts[0].interfaces[1].id', 'SCENARIO_DUPLICATE', '"eth0" is already an interface of client ($.hosts[0].interfaces[0])'],
  ]],
  ['an address twice', (d) => (d.hosts[1].interfaces[0].addresses = ['198.18.1.1/16']), [
    ['$.hosts[1].interfaces[0].addresses[0]', 'SCENARIO_DUPLICATE', '198.18.1.1 is already an address of client.eth0 ($.hosts[0].interfaces[0].addresses[0]); addresses are unique across the scenario'],
  ]],
  ['an IPv6 address twice, spelt differently', (d) => {
    d.hosts[0].interfaces[0].addresses.push('2001:db8::1/64');
    d.hosts[1].interfaces[0].addresses.push('2001:DB8:0::1/48');
  }, [['$.hosts[1].interfaces[0].addresses[1]', 'SCENARIO_DUPLICATE', '2001:DB8:0::1 is already an address of client.eth0 ($.hosts[0].interfaces[0].addresses[1]); addresses are unique across the scenario']]],
  ['a link to a node that does not exist', (d) => (d.links[0].b = 'sever.eth0'), [
    ['$.links[0].b', 'SCENARIO_REFERENCE', '"sever.eth0" names no node "sever": expected one of client, server (did you mean "server"?)'],
  ]],
  ['a link to an interface that does not exist', (d) => (d.links[0].b = 'server.eth9'), [
    ['$.links[0].b', 'SCENARIO_REFERENCE', '"server.eth9" names no interface "eth9" of server: expected one of eth0 (did you mean "eth0"?)'],
  ]],
  ['a link from an interface to itself', (d) => (d.links[0].b = 'client.eth0'), [
    ['$.links[0].b', 'SCENARIO_REFERENCE', 'a link needs two different interfaces, got "client.eth0" at both ends'],
  ]],
  ['an interface on two links', (d) => {
    d.hosts[1].interfaces.push(ifc('eth1', '198.18.2.2/24'));
    d.links.push(link('l2', 'client.eth0', 'server.eth1'));
  }, [['$.links[1].a', 'SCENARIO_DUPLICATE', 'client.eth0 is already an end of another link ($.links[0].a); an interface joins at most one link']]],
  ['a link id twice', (d) => {
    d.hosts[0].interfaces.push(ifc('eth1', '198.18.2.1/24'));
    d.hosts[1].interfaces.push(ifc('eth1', '198.18.2.2/24'));
    d.links.push(link('l1', 'client.eth1', 'server.eth1'));
  }, [['$.links[1].id', 'SCENARIO_DUPLICATE', '"l1" is already the id of another link ($.links[0])']]],
  ['an IPv6 link with MTU 1000', (d) => {
    d.hosts[1].interfaces[0].addresses.push('2001:db8::2/64');
    d.links[0].mtuBytes = 1000;
  }, [['$.links[0].mtuBytes', 'SCENARIO_RANGE', 'must be at least 1280 bytes because server.eth0 has an IPv6 address (RFC 8200 §5), got 1000']]],
  ['traffic from a router', (d) => {
    viaRouter(d);
    d.traffic[0].from = 'r1';
  }, [['$.traffic[0].from', 'SCENARIO_REFERENCE', '"r1" is not a host; it is a router: expected one of client, server']]],
  ['traffic to a host that does not exist', (d) => (d.traffic[0].to = 'hostz'), [
    ['$.traffic[0].to', 'SCENARIO_REFERENCE', '"hostz" is not a host: expected one of client, server'],
  ]],
  ['traffic from a host to itself', (d) => (d.traffic[0].to = 'client'), [
    ['$.traffic[0].to', 'SCENARIO_REFERENCE', 'a connection needs two different hosts, got "client" as both from and to'],
  ]],
  ['a destination address of another host', (d) => (d.traffic[0].toAddress = '198.18.1.1'), [
    ['$.traffic[0].toAddress', 'SCENARIO_REFERENCE', '198.18.1.1 is not an address of server: expected one of 198.18.1.2'],
  ]],
  ['an IPv6 destination for an IPv4-only client', (d) => {
    d.hosts[1].interfaces[0].addresses.push('2001:db8::2/64');
    d.traffic[0].toAddress = '2001:db8::2';
  }, [['$.traffic[0].from', 'SCENARIO_REFERENCE', 'client has no IPv6 address, so it cannot connect to 2001:db8::2']]],
  ['traffic id twice', (d) => d.traffic.push({ ...d.traffic[0] }), [
    ['$.traffic[1].id', 'SCENARIO_DUPLICATE', '"t" is already the id of other traffic ($.traffic[0])'],
  ]],
  ['an endpoint on another host\'s address', (d) => (d.hosts[0].pathManager = { endpoints: [{ address: '198.18.1.2', flags: ['subflow'] }] }), [
    ['$.hosts[0].pathManager.endpoints[0].address', 'SCENARIO_REFERENCE', '198.18.1.2 is not an address of client: expected one of 198.18.1.1'],
  ]],
  ['a port on a subflow endpoint', (d) => (d.hosts[1].pathManager = { endpoints: [{ address: '198.18.1.2', port: 8443, flags: ['signal', 'subflow'] }] }), [
    ['$.hosts[1].pathManager.endpoints[0].port', 'SCENARIO_REFERENCE', 'a port is allowed only with flags ["signal"] (ip mptcp endpoint add ADDR port P signal), got flags ["signal","subflow"]'],
  ]],
  ['signal with fullmesh', (d) => (d.hosts[0].pathManager = { endpoints: [{ address: '198.18.1.1', flags: ['signal', 'fullmesh'] }] }), [
    ['$.hosts[0].pathManager.endpoints[0].flags', 'SCENARIO_REFERENCE', '"signal" and "fullmesh" cannot be combined (Linux refuses the endpoint)'],
  ]],
  ['two endpoints with one address ID', (d) => {
    d.hosts[0].interfaces.push(ifc('eth1', '198.18.2.1/24'));
    d.hosts[0].pathManager = { endpoints: [{ address: '198.18.1.1', flags: ['signal'], id: 3 }, { address: '198.18.2.1', flags: ['signal'], id: 3 }] };
  }, [['$.hosts[0].pathManager.endpoints[1].id', 'SCENARIO_DUPLICATE', 'address ID 3 is already used by $.hosts[0].pathManager.endpoints[0]']]],
  ['one address as two endpoints', (d) => (d.hosts[0].pathManager = { endpoints: [{ address: '198.18.1.1', flags: ['signal'] }, { address: '198.18.1.1', flags: ['subflow'] }] }), [
    ['$.hosts[0].pathManager.endpoints[1].address', 'SCENARIO_DUPLICATE', '198.18.1.1 already has an endpoint ($.hosts[0].pathManager.endpoints[0])'],
  ]],
  ['rewrite-payload without its texts', (d) => {
    d.middleboxes = [{ id: 'alg', kind: 'rewrite-payload', interfaces: [ifc('eth0', '198.18.1.252/24'), ifc('eth1', '198.18.1.253/24')] }];
  }, [
    ['$.middleboxes[0].match', 'SCENARIO_REQUIRED', 'missing "match": a rewrite-payload middlebox needs the text to find'],
    ['$.middleboxes[0].replace', 'SCENARIO_REQUIRED', 'missing "replace": a rewrite-payload middlebox needs the replacement text'],
  ]],
  ['rewrite-payload texts of different lengths', (d) => {
    d.middleboxes = [{ id: 'alg', kind: 'rewrite-payload', match: 'hello', replace: 'goodbye', interfaces: [ifc('eth0', '198.18.1.252/24'), ifc('eth1', '198.18.1.253/24')] }];
  }, [['$.middleboxes[0].replace', 'SCENARIO_RANGE', 'must be as long as "match" (5 characters) so sequence numbers stay valid, got 7 characters']]],
  ['stripData on a rewrite-payload middlebox', (d) => {
    d.middleboxes = [{ id: 'alg', kind: 'rewrite-payload', match: 'a', replace: 'b', stripData: { fromUs: 0, direction: 'a-to-b' }, interfaces: [ifc('eth0', '198.18.1.252/24'), ifc('eth1', '198.18.1.253/24')] }];
  }, [['$.middleboxes[0].stripData', 'SCENARIO_RANGE', '"stripData" is for a strip-mptcp middlebox; a rewrite-payload one strips nothing']]],
  ['stripOnly on a drop-handshake middlebox', (d) => {
    d.middleboxes = [{ id: 'mb', kind: 'drop-handshake', drop: ['syn'], stripOnly: 'syn-ack', interfaces: [ifc('eth0', '198.18.1.252/24'), ifc('eth1', '198.18.1.253/24')] }];
  }, [['$.middleboxes[0].stripOnly', 'SCENARIO_RANGE', '"stripOnly" is for a strip-mptcp middlebox; a drop-handshake one strips nothing']]],
  ['drop-handshake without drop', (d) => {
    d.middleboxes = [{ id: 'mb', kind: 'drop-handshake', interfaces: [ifc('eth0', '198.18.1.252/24'), ifc('eth1', '198.18.1.253/24')] }];
  }, [['$.middleboxes[0].drop', 'SCENARIO_REQUIRED', 'missing "drop": a drop-handshake middlebox needs the segments to lose ("syn", "syn-ack", "third-ack")']]],
  ['split-segments without splitAtBytes', (d) => {
    d.middleboxes = [{ id: 'tso', kind: 'split-segments', interfaces: [ifc('eth0', '198.18.1.252/24'), ifc('eth1', '198.18.1.253/24')] }];
  }, [['$.middleboxes[0].splitAtBytes', 'SCENARIO_REQUIRED', 'missing "splitAtBytes": a split-segments middlebox needs the most payload bytes a segment may leave with']]],
  ['coalesce-segments without coalesceWithinUs, with splitAtBytes', (d) => {
    d.middleboxes = [{ id: 'gro', kind: 'coalesce-segments', splitAtBytes: 500, interfaces: [ifc('eth0', '198.18.1.252/24'), ifc('eth1', '198.18.1.253/24')] }];
  }, [
    ['$.middleboxes[0].splitAtBytes', 'SCENARIO_RANGE', '"splitAtBytes" is for a split-segments middlebox; a coalesce-segments one splits nothing'],
    ['$.middleboxes[0].coalesceWithinUs', 'SCENARIO_REQUIRED', 'missing "coalesceWithinUs": a coalesce-segments middlebox needs how long a segment waits for the next ones to merge'],
  ]],
  ['coalesceWithinUs on a strip-mptcp middlebox', (d) => {
    d.middleboxes = [{ id: 'mb', kind: 'strip-mptcp', coalesceWithinUs: 1000, interfaces: [ifc('eth0', '198.18.1.252/24'), ifc('eth1', '198.18.1.253/24')] }];
  }, [['$.middleboxes[0].coalesceWithinUs', 'SCENARIO_RANGE', '"coalesceWithinUs" is for a coalesce-segments middlebox; a strip-mptcp one merges nothing']]],
  ['a NAT claiming a host\'s address', (d) => {
    d.nats = [{ id: 'nat', inside: ifc('in', '198.18.5.1/24'), outside: ifc('out', '198.18.6.1/24'), publicAddress: '198.18.1.2' }];
  }, [['$.nats[0].publicAddress', 'SCENARIO_REFERENCE', "198.18.1.2 is an address of server.eth0; a NAT's public address cannot belong to another node"]]],
  ['hosts with no link between them', (d) => (d.links = []), [
    ['$.traffic[0]', 'SCENARIO_REFERENCE', 'client cannot reach server: no chain of links, routers, NATs or middleboxes joins client to server.eth0 (198.18.1.2)'],
  ]],
  ['a destination interface that is not linked', (d) => {
    d.hosts[1].interfaces.push(ifc('eth1', '198.18.2.2/24'));
    d.traffic[0].toAddress = '198.18.2.2';
  }, [['$.traffic[0]', 'SCENARIO_REFERENCE', 'client cannot reach server: no chain of links, routers, NATs or middleboxes joins client to server.eth1 (198.18.2.2)']]],
  ['a host does not forward', (d) => {
    d.hosts.push({ id: 'relay', interfaces: [ifc('eth0', '198.18.1.3/24'), ifc('eth1', '198.18.2.3/24')] });
    d.links = [link('l1', 'client.eth0', 'relay.eth0'), link('l2', 'relay.eth1', 'server.eth0')];
  }, [['$.traffic[0]', 'SCENARIO_REFERENCE', 'client cannot reach server: no chain of links, routers, NATs or middleboxes joins client to server.eth0 (198.18.1.2)']]],
  ['a connection into a NAT from outside', (d) => {
    d.nats = [{ id: 'nat', inside: ifc('in', '198.18.2.254/24'), outside: ifc('out', '198.18.3.1/24') }];
    d.links = [link('l1', 'server.eth0', 'nat.in'), link('l2', 'nat.out', 'client.eth0')];
  }, [['$.traffic[0]', 'SCENARIO_REFERENCE', 'client cannot reach server: every path to server.eth0 (198.18.1.2) enters a NAT from its outside, and a NAT lets in only replies']]],
  ['host MPTCP versions in a plain TCP scenario', (d) => {
    d.protocol = 'tcp';
    d.hosts[1].mptcp = { versions: ['v0'], allowJoinInitialAddrPort: false };
  }, [
    ['$.hosts[1].mptcp.versions', 'SCENARIO_CONFLICT', 'the protocol is "tcp", so server speaks no MPTCP: set protocol to "mptcp-v0" or "mptcp-v1", or remove "versions"'],
    ['$.hosts[1].mptcp.allowJoinInitialAddrPort', 'SCENARIO_CONFLICT', 'the protocol is "tcp", so server speaks no MPTCP: set protocol to "mptcp-v0" or "mptcp-v1", or remove "allowJoinInitialAddrPort"'],
  ]],
  ['an action on a link that does not exist', (d) => (d.actions = [{ atUs: 1000, kind: 'link-down', link: 'l2' }]), [
    ['$.actions[0].link', 'SCENARIO_REFERENCE', '"l2" is not a link: expected one of l1 (did you mean "l1"?)'],
  ]],
  ['an action after the end of the run', (d) => {
    d.durationUs = 1_000_000;
    d.actions = [{ atUs: 2_000_000, kind: 'link-up', link: 'l1' }];
  }, [['$.actions[0].atUs', 'SCENARIO_RANGE', '2000000 µs is after the end of the run (durationUs 1000000): the action would never happen']]],
  ['an endpoint action on a router', (d) => {
    viaRouter(d);
    d.actions = [{ atUs: 0, kind: 'endpoint-remove', host: 'r1', address: '198.18.1.254' }];
  }, [['$.actions[0].host', 'SCENARIO_REFERENCE', '"r1" is not a host; it is a router: expected one of client, server']]],
  ['an endpoint action for another host\'s address', (d) => (d.actions = [{ atUs: 0, kind: 'endpoint-backup', host: 'client', address: '198.18.1.2', backup: true }]), [
    ['$.actions[0].address', 'SCENARIO_REFERENCE', '198.18.1.2 is not an address of client: expected one of 198.18.1.1'],
  ]],
  ['an off-path eavesdropper', (d) => (d.attackers = [{ id: 'eve', location: 'off-path', capability: 'eavesdropper', at: ['l1'], attack: 'passive-eavesdrop' }]), [
    ['$.attackers[0].capability', 'SCENARIO_CONFLICT', 'an off-path attacker sees no packets, so as an eavesdropper it could never learn or do anything: an off-path attacker can only act blindly. Use capability "active", or place it on the path (location "on-path" or "partial-time-on-path")'],
  ]],
  ['a partial-time attacker without a window, on a link that does not exist', (d) => (d.attackers = [{ id: 'eve', location: 'partial-time-on-path', capability: 'eavesdropper', at: ['l7'], attack: 'passive-eavesdrop' }]), [
    ['$.attackers[0].window', 'SCENARIO_REQUIRED', 'missing "window": a partial-time on-path attacker holds its place only for a time, { "fromUs": ..., "toUs": ... }'],
    ['$.attackers[0].at[0]', 'SCENARIO_REFERENCE', '"l7" is not a link or a router: expected one of l1 (did you mean "l1"?)'],
  ]],
  ['an on-path attacker with a window, sitting in a host', (d) => (d.attackers = [{ id: 'eve', location: 'on-path', capability: 'eavesdropper', at: ['client'], window: { fromUs: 0, toUs: 5 }, attack: 'passive-eavesdrop' }]), [
    ['$.attackers[0].window', 'SCENARIO_CONFLICT', 'only a partial-time on-path attacker has a window; an on-path attacker holds its place for the whole run'],
    ['$.attackers[0].at[0]', 'SCENARIO_REFERENCE', '"client" is not a link or a router; it is a host, and an attacker sits on links or routers, not in an endpoint: expected one of l1'],
  ]],
  ['an eavesdropper following an attack that sends', (d) => (d.attackers = [{ id: 'eve', location: 'on-path', capability: 'eavesdropper', at: ['l1'], attack: 'blind-reset' }]), [
    ['$.attackers[0].attack', 'SCENARIO_CONFLICT', '"blind-reset" (Reset injection) sends packets, which an eavesdropper never does: use capability "active"'],
  ]],
  ['blind-reset with a method it does not know', (d) => (d.attackers = [{ id: 'm', location: 'off-path', capability: 'active', at: ['l1'], attack: 'blind-reset', params: { method: 'rst-storm' } }]), [
    ['$.attackers[0].params.method', 'SCENARIO_ENUM', '"rst-storm" is not a reset method: expected one of rst, mp-tcprst, mp-fastclose, remove-addr (did you mean "rst"?)'],
  ]],
  ['an attacker address that is taken, with no router to reach it', (d) => (d.attackers = [{ id: 'eve', location: 'on-path', capability: 'active', at: ['l1'], attack: 'passive-eavesdrop', address: '198.18.1.2' }]), [
    ['$.attackers[0].address', 'SCENARIO_DUPLICATE', "198.18.1.2 is already an address of server.eth0 ($.hosts[1].interfaces[0].addresses[0]); the attacker's address must be its own"],
    ['$.attackers[0].address', 'SCENARIO_CONFLICT', 'an attacker with its own address must sit at a router, or on a link with a router at one end, so that packets to 198.18.1.2 reach it'],
  ]],
  ['an endpoint action with plain TCP', (d) => {
    d.protocol = 'tcp';
    d.actions = [{ atUs: 0, kind: 'endpoint-remove', host: 'client', address: '198.18.1.1' }];
  }, [['$.actions[0].kind', 'SCENARIO_REFERENCE', '"endpoint-remove" changes an MPTCP path-manager endpoint, but the protocol is "tcp": use "mptcp-v0" or "mptcp-v1"']]],
];

const valid: [string, (d: Editable) => void][] = [
  ['through a router', viaRouter],
  ['out through a NAT', (d) => {
    d.nats = [{ id: 'nat', inside: ifc('in', '198.18.2.254/24'), outside: ifc('out', '198.18.3.1/24'), publicAddress: '198.18.3.1' }];
    d.links = [link('l1', 'client.eth0', 'nat.in'), link('l2', 'nat.out', 'server.eth0')];
  }],
  ['through a middlebox', (d) => {
    d.middleboxes = [{ id: 'alg', kind: 'rewrite-payload', match: 'hello', replace: 'HELLO', interfaces: [ifc('eth0', '198.18.1.252/24'), ifc('eth1', '198.18.1.253/24')] }];
    d.links = [link('l1', 'client.eth0', 'alg.eth0'), link('l2', 'alg.eth1', 'server.eth0')];
  }],
  ['MPTCP settings with plain TCP (ignored)', (d) => {
    d.protocol = 'tcp';
    d.mptcp = { scheduler: 'redundant', checksums: true };
    d.hosts[1].pathManager = { endpoints: [{ address: '198.18.1.2', port: 8443, flags: ['signal'] }] };
  }],
  ['a link failing and coming back, an endpoint changed and removed', (d) => {
    d.actions = [
      { atUs: 0, kind: 'link-down', link: 'l1' },
      { atUs: 10, kind: 'link-up', link: 'l1' },
      { atUs: 20, kind: 'endpoint-backup', host: 'client', address: '198.18.1.1', backup: true },
      { atUs: 30, kind: 'endpoint-remove', host: 'server', address: '198.18.1.2' },
    ];
  }],
  ['attackers of every location, one with its own address behind a router', (d) => {
    viaRouter(d);
    d.attackers = [
      { id: 'a', location: 'on-path', capability: 'eavesdropper', at: ['l1'], attack: 'passive-eavesdrop' },
      { id: 'b', location: 'partial-time-on-path', capability: 'active', at: ['r1'], window: { fromUs: 0, toUs: 10 }, attack: 'passive-eavesdrop', address: '198.18.66.1' },
      { id: 'c', location: 'off-path', capability: 'active', at: ['l2'], attack: 'passive-eavesdrop', guessBudget: 10 },
    ];
  }],
  ['IPv6 only, MTU 1280', (d) => {
    d.hosts[0].interfaces[0].addresses = ['2001:db8:1::1/64'];
    d.hosts[1].interfaces[0].addresses = ['2001:db8:1::2/64'];
    d.links[0].mtuBytes = 1280;
  }],
];

describe('references between parts of a scenario', () => {
  for (const [name, edit, expected] of cases) {
    it(name, () => {
      const problems = validateScenario(edited(minimalDocument(), edit));
      expect(problems.map((p) => [p.path, p.code, p.message])).toEqual(expected);
    });
  }
  for (const [name, edit] of valid) {
    it(`valid: ${name}`, () => expect(validateScenario(edited(minimalDocument(), edit))).toEqual([]));
  }
  it('reports independent reference problems together', () => {
    const doc = edited(minimalDocument(), (d) => {
      d.routers = [{ id: 'server', interfaces: [ifc('eth0', '198.18.9.1/24')] }];
      d.hosts[0].pathManager = { endpoints: [{ address: '198.18.7.7', flags: ['signal'] }] };
      d.traffic.push({ ...d.traffic[0], id: 'u', to: 'hostz' });
    });
    expect(validateScenario(doc).map((p) => p.path)).toEqual(['$.routers[0].id', '$.hosts[0].pathManager.endpoints[0].address', '$.traffic[1].to']);
  });
});
