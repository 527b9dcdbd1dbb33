/**
 * A run's packets as a ladder diagram's data: one entry per capture frame
 * (the order `exportPcap` writes), with the lane it left and the lane it
 * reached, when it left and arrived (serialization + propagation on its
 * link), its fate, its subflow and the MPTCP signals it carries. Columnar
 * typed arrays, so 100,000 packets cross to the UI thread as a few buffers
 * and a canvas can draw them without objects per packet.
 *
 * Lanes, top to bottom: the connection level (data sequence, DATA_ACK,
 * DATA_FIN, fast close), then each host interface and each router, NAT and
 * middlebox in path order (each path contiguous, so a hop joins
 * neighbouring lanes), with one lane per attacker (its injected packets
 * start there) beside the link it sits on.
 */
import { formatIp } from '../wire/ip-address.ts';
import { decodePacket } from '../wire/packet.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import type { Scenario } from '../scenario/types.ts';
import type { PacketRecord } from '../sim/trace.ts';
import { inFrameOrder } from './pcap-export.ts';
import { packetMarks } from './packet-marks.ts';
import { orderLanes } from './lane-order.ts';
import { FATE_CODE, type TimelineData, type TimelineLane } from './timeline-codes.ts';

export interface TimelineAttacker {
  id: string;
  label?: string;
  /** Ids of every packet it sent. */
  sent: readonly number[];
}

export function buildTimeline(s: Scenario, records: readonly PacketRecord[], attackers: readonly TimelineAttacker[], endOfRunUs: number): TimelineData {
  const lanes = laneOrder(s, attackers);
  const laneIndex = new Map(lanes.map((l, i) => [l.id, i]));
  const linkSpecs = new Map(s.links.map((l) => [l.id, l]));
  const links = s.links.map((l) => l.id);
  const linkIndex = new Map(links.map((id, i) => [id, i]));
  const attackerOf = new Map<number, number>();
  attackers.forEach((a, i) => a.sent.forEach((p) => attackerOf.set(p, i)));
  const version = s.protocol === 'mptcp-v0' ? 0 : 1;

  const frames = inFrameOrder(records);
  const n = frames.length;
  const out: TimelineData = {
    lanes,
    links,
    subflows: [],
    attackers: attackers.map((a) => a.id),
    count: n,
    startUs: new Float64Array(n),
    endUs: new Float64Array(n),
    fromLane: new Uint16Array(n),
    toLane: new Uint16Array(n),
    link: new Uint16Array(n),
    fate: new Uint8Array(n),
    subflow: new Int16Array(n).fill(-1),
    attacker: new Int16Array(n).fill(-1),
    marks: new Uint16Array(n),
    dsn: new Float64Array(n).fill(Number.NaN),
    dataLength: new Uint32Array(n),
    relSeq: new Uint32Array(n),
    relAck: new Uint32Array(n),
    payload: new Uint16Array(n),
    endOfRunUs,
  };
  // The first sequence number seen in each direction ("src|dst"): what relSeq and relAck count from.
  const isn = new Map<string, number>();

  // A subflow is one four-tuple, or several joined by a packet that kept its id across a NAT.
  const tuples = new UnionFind();
  const tupleOf: (string | null)[] = new Array(n).fill(null);
  const tupleLabel = new Map<string, string>();
  const firstTupleOfPacket = new Map<number, string>();
  const dsnBase = new Map<string, bigint>();
  const senderOfPacket = new Map<number, string>();

  for (let i = 0; i < n; i++) {
    const r = frames[i]!;
    const spec = linkSpecs.get(r.link);
    const serialUs = spec ? (r.length * 8e6) / spec.bandwidthBps : 0;
    out.startUs[i] = r.timeUs;
    out.endUs[i] = r.fate === 'dropped' ? r.timeUs : r.timeUs + serialUs + (spec?.delayUs ?? 0);
    out.link[i] = linkIndex.get(r.link) ?? 0;
    out.fate[i] = FATE_CODE[r.fate];
    const attacker = attackerOf.get(r.id);
    if (attacker !== undefined) out.attacker[i] = attacker;
    const fromNode = attacker !== undefined && r.fate === 'injected' ? null : r.from;
    out.fromLane[i] = fromNode === null ? laneIndex.get(attackerLaneId(attackers[attacker!]!.id))! : laneOfEnd(laneIndex, spec, r.from);
    out.toLane[i] = laneOfEnd(laneIndex, spec, r.to);

    if (!r.bytes) continue;
    const d = decodePacket(r.bytes, { version });
    if (!d.ok || !d.value.tcp) continue;
    const p = d.value;
    const h = p.tcp!.header;
    const src = `${formatIp(p.ip.src)}:${h.srcPort}`;
    const dst = `${formatIp(p.ip.dst)}:${h.dstPort}`;
    const key = src < dst ? `${src}|${dst}` : `${dst}|${src}`;
    if (tuples.add(key)) tupleLabel.set(key, `${src} ⇄ ${dst}`);
    tupleOf[i] = key;
    const first = firstTupleOfPacket.get(r.id);
    if (first === undefined) firstTupleOfPacket.set(r.id, key);
    else tuples.union(first, key);
    const ownIsn = isn.get(`${src}|${dst}`) ?? h.seq;
    isn.set(`${src}|${dst}`, ownIsn);
    const peerIsn = isn.get(`${dst}|${src}`);
    out.relSeq![i] = (h.seq - ownIsn) >>> 0;
    if (h.flags & TCP_FLAG.ACK && peerIsn !== undefined) out.relAck![i] = (h.ack - peerIsn) >>> 0;
    out.payload![i] = Math.min(0xffff, p.payloadLengthOnWire);

    const read = packetMarks(p)!;
    if (read.mapping) {
      // Relative to the first DSN its sender (the node of its first hop) used, so each direction
      // starts at 0; modulo 2^32 because a mapping may carry only the DSN's low 32 bits.
      let sender = senderOfPacket.get(r.id);
      if (sender === undefined) senderOfPacket.set(r.id, (sender = fromNode ?? `attacker:${attacker}`));
      const base = dsnBase.get(sender) ?? read.mapping.dsn;
      dsnBase.set(sender, base);
      out.dsn[i] = Number(BigInt.asIntN(32, read.mapping.dsn - base));
      out.dataLength[i] = read.mapping.dataLength;
    }
    const m = read.marks;
    out.marks[i] = m;
  }

  // Number subflows in order of first appearance of their root tuple.
  const subflowOfRoot = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = tupleOf[i];
    if (key === null || key === undefined) continue;
    const root = tuples.find(key);
    let sf = subflowOfRoot.get(root);
    if (sf === undefined) {
      sf = out.subflows.length;
      subflowOfRoot.set(root, sf);
      out.subflows.push({ label: tupleLabel.get(key)!, firstFrame: i + 1 });
    }
    out.subflow[i] = sf;
  }
  return out;
}

export function attackerLaneId(attackerId: string): string {
  return `attacker:${attackerId}`;
}

function laneOfEnd(laneIndex: ReadonlyMap<string, number>, spec: Scenario['links'][number] | undefined, node: string): number {
  // A host's lane is the interface the link is attached to; other nodes have one lane.
  const end = spec ? [spec.a, spec.b].find((e) => e.startsWith(`${node}.`)) : undefined;
  return laneIndex.get(end ?? node) ?? laneIndex.get(node) ?? 0;
}

/**
 * Lanes in path order: the connection level on top, then each path from a
 * client's interface to a server's with its hops between neighbouring lanes
 * (orderLanes), each attacker beside the link or node it sits at.
 */
export function laneOrder(s: Scenario, attackers: readonly { id: string; label?: string }[]): TimelineLane[] {
  const lanes: TimelineLane[] = [{ id: 'connection', kind: 'connection', label: 'Connection (data level)', node: '' }];
  const clients = new Set(s.traffic.map((t) => t.from));
  const servers = new Set(s.traffic.map((t) => t.to));
  const rank = (id: string) => (clients.has(id) ? 0 : servers.has(id) ? 2 : 3);
  const hosts = [...s.hosts].sort((a, b) => rank(a.id) - rank(b.id));
  const linked = new Set(s.links.flatMap((l) => [l.a, l.b]));
  const hostLanes = (h: Scenario['hosts'][number]) =>
    h.interfaces
      .filter((i) => linked.has(`${h.id}.${i.id}`))
      .map((i): TimelineLane => ({ id: `${h.id}.${i.id}`, kind: 'interface', label: `${h.label ?? h.id} ${i.id} ${i.addresses.map((a) => a.split('/')[0]).join(' ')}`, node: h.id }));
  const specById = new Map(s.attackers.map((a) => [a.id, a]));
  for (const h of hosts.filter((x) => rank(x.id) === 0)) lanes.push(...hostLanes(h));
  for (const r of [...s.routers, ...s.nats, ...s.middleboxes]) lanes.push({ id: r.id, kind: 'node', label: r.label ?? r.id, node: r.id });
  for (const h of hosts.filter((x) => rank(x.id) !== 0)) lanes.push(...hostLanes(h));
  for (const a of attackers) lanes.push({ id: attackerLaneId(a.id), kind: 'attacker', label: a.label ?? specById.get(a.id)?.label ?? a.id, node: a.id });

  const byId = new Map(lanes.map((l) => [l.id, l]));
  const laneOfEndpoint = (e: string) => (byId.has(e) ? e : e.split('.')[0]!);
  const linkById = new Map(s.links.map((l) => [l.id, l]));
  const nearOf = (at: string) => {
    const link = linkById.get(at);
    if (link) return [laneOfEndpoint(link.a), laneOfEndpoint(link.b)];
    return lanes.filter((l) => l.node === at && l.kind !== 'attacker').map((l) => l.id);
  };
  const rest = lanes.slice(1);
  const order = orderLanes({
    lanes: rest.map((l) => l.id),
    hops: s.links.map((l) => [laneOfEndpoint(l.a), laneOfEndpoint(l.b)] as const),
    starts: rest.filter((l) => l.kind === 'interface' && rank(l.node) === 0).map((l) => l.id),
    ends: new Set(rest.filter((l) => l.kind === 'interface' && rank(l.node) === 2).map((l) => l.id)),
    nodeOf: new Map(rest.map((l) => [l.id, l.node])),
    attached: attackers.map((a) => ({ lane: attackerLaneId(a.id), near: (specById.get(a.id)?.at ?? []).flatMap(nearOf) })),
  });
  return [lanes[0]!, ...order.map((id) => byId.get(id)!)];
}

/** Disjoint sets of strings (path halving). */
class UnionFind {
  private readonly parent = new Map<string, string>();
  /** True when the key is new. */
  add(k: string): boolean {
    if (this.parent.has(k)) return false;
    this.parent.set(k, k);
    return true;
  }
  find(k: string): string {
    let x = k;
    for (;;) {
      const p = this.parent.get(x)!;
      if (p === x) return x;
      const gp = this.parent.get(p)!;
      this.parent.set(x, gp);
      x = gp;
    }
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The older tuple stays the root, so a subflow keeps the label of its SYN.
    if (ra !== rb) this.parent.set(rb, ra);
  }
}
