/**
 * Cross-reference checks of a shape-valid, defaults-applied scenario: what a
 * per-field schema cannot see. Topology here (ids, interfaces, addresses,
 * links, NATs, middleboxes); hosts' path managers and traffic in
 * `host-references.ts`. Every problem carries the path of the field to fix.
 */
import type { Scenario, ScenarioProblem } from './types.ts';
import { addressKey, parseCidr, parseHostAddress } from './addresses.ts';
import { checkActions } from './action-references.ts';
import { checkAttackers } from './attacker-references.ts';
import { checkLimits } from './limits.ts';
import { checkHostMptcp, checkPathManagers, checkTraffic } from './host-references.ts';
import { interfaceRef, listNodes, NODE_KIND_NOUN, splitInterfaceRef, type IndexedInterface, type IndexedNode } from './node-index.ts';
import { childPath, didYouMean, indexPath, listOf, quote } from './problem-text.ts';

/** What later checks need to know about the topology. */
export interface Topology {
  /** First node with each id. */
  nodes: Map<string, IndexedNode>;
  /** "node.interface" → interface, first of each. */
  interfaces: Map<string, IndexedInterface>;
  /** addressKey → owner, first of each. */
  addressOwners: Map<string, { ref: string; nodeId: string; text: string; path: string }>;
  /** "node.interface" → the interface at the other end of its link. */
  peers: Map<string, string>;
  /** False when a node, interface, address or link problem was found: reachability would only repeat it. */
  sound: boolean;
}

export function checkReferences(s: Scenario): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const topology = checkTopology(s, problems);
  checkPathManagers(s, problems);
  checkHostMptcp(s, problems);
  checkTraffic(s, topology, problems);
  checkActions(s, topology, problems);
  checkAttackers(s, topology, problems);
  // What a run may ask for in all (guesses, floods, bytes, exchanges): limits.ts.
  problems.push(...checkLimits(s));
  return problems;
}

function checkTopology(s: Scenario, problems: ScenarioProblem[]): Topology {
  const before = problems.length;
  const list = listNodes(s);
  const nodes = new Map<string, IndexedNode>();
  const interfaces = new Map<string, IndexedInterface>();
  for (const node of list) {
    const first = nodes.get(node.id);
    if (first) {
      problems.push(dup(childPath(node.path, 'id'), `${quote(node.id)} is already the id of ${NODE_KIND_NOUN[first.kind]} (${first.path}); node ids are unique across hosts, routers, NATs and middleboxes`));
      continue;
    }
    nodes.set(node.id, node);
    for (const ifc of node.interfaces) {
      const ref = interfaceRef(node.id, ifc.spec.id);
      const other = interfaces.get(ref);
      if (other) problems.push(dup(childPath(ifc.path, 'id'), `${quote(ifc.spec.id)} is already an interface of ${node.id} (${other.path})`));
      else interfaces.set(ref, ifc);
    }
  }
  const addressOwners = checkAddresses(list, problems);
  const peers = checkLinks(s, nodes, interfaces, problems);
  checkNats(s, addressOwners, problems);
  checkMiddleboxes(s, problems);
  return { nodes, interfaces, addressOwners, peers, sound: problems.length === before };
}

function dup(path: string, message: string): ScenarioProblem {
  return { path, code: 'SCENARIO_DUPLICATE', message };
}

function ref(path: string, message: string): ScenarioProblem {
  return { path, code: 'SCENARIO_REFERENCE', message };
}

/** Every interface address is unique across the scenario, whatever its spelling or prefix. */
function checkAddresses(list: IndexedNode[], problems: ScenarioProblem[]): Topology['addressOwners'] {
  const owners: Topology['addressOwners'] = new Map();
  for (const node of list) {
    for (const ifc of node.interfaces) {
      ifc.spec.addresses.forEach((text, k) => {
        const parsed = parseCidr(text);
        if (!parsed.ok) return; // the shape check reported it
        const key = addressKey(parsed.cidr.address);
        const path = indexPath(childPath(ifc.path, 'addresses'), k);
        const first = owners.get(key);
        const where = interfaceRef(node.id, ifc.spec.id);
        if (first) problems.push(dup(path, `${text.slice(0, text.indexOf('/'))} is already an address of ${first.ref} (${first.path}); addresses are unique across the scenario`));
        else owners.set(key, { ref: where, nodeId: node.id, text: text.slice(0, text.indexOf('/')), path });
      });
    }
  }
  return owners;
}

function checkLinks(s: Scenario, nodes: Map<string, IndexedNode>, interfaces: Map<string, IndexedInterface>, problems: ScenarioProblem[]): Map<string, string> {
  const linkIds = new Map<string, string>();
  const usedBy = new Map<string, string>(); // interface ref → path of the link end using it
  const peers = new Map<string, string>();
  s.links.forEach((link, i) => {
    const path = indexPath('$.links', i);
    const firstPath = linkIds.get(link.id);
    if (firstPath) problems.push(dup(childPath(path, 'id'), `${quote(link.id)} is already the id of another link (${firstPath})`));
    else linkIds.set(link.id, path);

    const ends: IndexedInterface[] = [];
    for (const side of ['a', 'b'] as const) {
      const endPath = childPath(path, side);
      const target = link[side];
      const ifc = resolveEnd(target, endPath, nodes, interfaces, problems);
      if (!ifc) continue;
      if (side === 'b' && link.a === link.b) {
        problems.push(ref(endPath, `a link needs two different interfaces, got ${quote(target)} at both ends`));
        continue;
      }
      const used = usedBy.get(target);
      if (used) {
        problems.push(dup(endPath, `${target} is already an end of another link (${used}); an interface joins at most one link`));
        continue;
      }
      usedBy.set(target, endPath);
      ends.push(ifc);
    }
    if (ends.length === 2) {
      peers.set(link.a, link.b);
      peers.set(link.b, link.a);
    }
    // RFC 8200 §5: every IPv6 link carries at least 1280-byte packets.
    const v6 = ends.find((e) => e.spec.addresses.some((a) => a.includes(':')));
    if (v6 && link.mtuBytes < 1280) {
      problems.push({
        path: childPath(path, 'mtuBytes'),
        code: 'SCENARIO_RANGE',
        message: `must be at least 1280 bytes because ${interfaceRef(v6.nodeId, v6.spec.id)} has an IPv6 address (RFC 8200 §5), got ${link.mtuBytes}`,
      });
    }
  });
  return peers;
}

function resolveEnd(
  target: string,
  path: string,
  nodes: Map<string, IndexedNode>,
  interfaces: Map<string, IndexedInterface>,
  problems: ScenarioProblem[],
): IndexedInterface | undefined {
  const found = interfaces.get(target);
  if (found) return found;
  const [nodeId, interfaceId] = splitInterfaceRef(target);
  const node = nodes.get(nodeId);
  if (!node) {
    const ids = [...nodes.keys()];
    problems.push(ref(path, `${quote(target)} names no node ${quote(nodeId)}: expected one of ${listOf(ids)}${didYouMean(nodeId, ids)}`));
  } else {
    const ids = node.interfaces.map((f) => f.spec.id);
    problems.push(ref(path, `${quote(target)} names no interface ${quote(interfaceId)} of ${nodeId}: expected one of ${listOf(ids)}${didYouMean(interfaceId, ids)}`));
  }
  return undefined;
}

function checkNats(s: Scenario, owners: Topology['addressOwners'], problems: ScenarioProblem[]): void {
  s.nats.forEach((nat, i) => {
    if (nat.publicAddress === undefined) return;
    const parsed = parseHostAddress(nat.publicAddress);
    if (!parsed.ok) return;
    const owner = owners.get(addressKey(parsed.address));
    if (owner && owner.nodeId !== nat.id) {
      problems.push(ref(childPath(indexPath('$.nats', i), 'publicAddress'), `${nat.publicAddress} is an address of ${owner.ref}; a NAT's public address cannot belong to another node`));
    }
  });
}

function checkMiddleboxes(s: Scenario, problems: ScenarioProblem[]): void {
  s.middleboxes.forEach((m, i) => {
    const path = indexPath('$.middleboxes', i);
    if (m.kind !== 'strip-mptcp' && m.stripData) problems.push({ path: childPath(path, 'stripData'), code: 'SCENARIO_RANGE', message: `"stripData" is for a strip-mptcp middlebox; a ${m.kind} one strips nothing` });
    if (m.kind !== 'strip-mptcp' && m.stripOnly) problems.push({ path: childPath(path, 'stripOnly'), code: 'SCENARIO_RANGE', message: `"stripOnly" is for a strip-mptcp middlebox; a ${m.kind} one strips nothing` });
    if (m.stripData && m.stripOnly) problems.push({ path: childPath(path, 'stripOnly'), code: 'SCENARIO_RANGE', message: '"stripOnly" and "stripData" each say which segments lose their options: give one' });
    if (m.kind !== 'drop-handshake' && m.drop) problems.push({ path: childPath(path, 'drop'), code: 'SCENARIO_RANGE', message: `"drop" is for a drop-handshake middlebox; a ${m.kind} one drops nothing` });
    if (m.kind === 'drop-handshake' && !m.drop) problems.push({ path: childPath(path, 'drop'), code: 'SCENARIO_REQUIRED', message: 'missing "drop": a drop-handshake middlebox needs the segments to lose ("syn", "syn-ack", "third-ack")' });
    if (m.kind !== 'split-segments' && m.splitAtBytes !== undefined) problems.push({ path: childPath(path, 'splitAtBytes'), code: 'SCENARIO_RANGE', message: `"splitAtBytes" is for a split-segments middlebox; a ${m.kind} one splits nothing` });
    if (m.kind === 'split-segments' && m.splitAtBytes === undefined) problems.push({ path: childPath(path, 'splitAtBytes'), code: 'SCENARIO_REQUIRED', message: 'missing "splitAtBytes": a split-segments middlebox needs the most payload bytes a segment may leave with' });
    if (m.kind !== 'coalesce-segments' && m.coalesceWithinUs !== undefined) problems.push({ path: childPath(path, 'coalesceWithinUs'), code: 'SCENARIO_RANGE', message: `"coalesceWithinUs" is for a coalesce-segments middlebox; a ${m.kind} one merges nothing` });
    if (m.kind === 'coalesce-segments' && m.coalesceWithinUs === undefined) problems.push({ path: childPath(path, 'coalesceWithinUs'), code: 'SCENARIO_REQUIRED', message: 'missing "coalesceWithinUs": a coalesce-segments middlebox needs how long a segment waits for the next ones to merge' });
    if (m.kind !== 'rewrite-payload') return;
    if (m.match === undefined) problems.push({ path: childPath(path, 'match'), code: 'SCENARIO_REQUIRED', message: 'missing "match": a rewrite-payload middlebox needs the text to find' });
    if (m.replace === undefined) problems.push({ path: childPath(path, 'replace'), code: 'SCENARIO_REQUIRED', message: 'missing "replace": a rewrite-payload middlebox needs the replacement text' });
    if (m.match !== undefined && m.replace !== undefined && m.match.length !== m.replace.length) {
      problems.push({
        path: childPath(path, 'replace'),
        code: 'SCENARIO_RANGE',
        message: `must be as long as "match" (${m.match.length} characters) so sequence numbers stay valid, got ${m.replace.length} characters`,
      });
    }
  });
}
