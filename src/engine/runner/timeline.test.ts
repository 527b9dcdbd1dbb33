import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../scenario/index.ts';
import { exportPcap } from './pcap-export.ts';
import { runScenario } from './run-scenario.ts';
import { buildTimeline } from './timeline.ts';
import { FATE_CODE, MARK } from './timeline-codes.ts';
import { readCapture } from '../pcap/index.ts';

function timelineOf(id: string) {
  const s = builtinScenario(id)!;
  const r = runScenario(s);
  return { s, r, t: buildTimeline(s, r.handle.records, r.attackers, r.endUs) };
}

describe('buildTimeline', () => {
  it('has one entry per pcap frame, in the same order and at the same times', () => {
    const { r, t } = timelineOf('two-path-v1');
    const frames = readCapture(exportPcap(r.handle.records));
    expect(t.count).toBe(frames.packets.length);
    for (let i = 0; i < t.count; i += 97) expect(t.startUs[i]).toBe(frames.packets[i]!.tsSec * 1e6 + Math.round(frames.packets[i]!.tsNsec / 1000));
  });

  it('draws a packet from the interface lane that sent it to the lane that received it, arriving after delay and serialization', () => {
    const { s, t } = timelineOf('two-path-v1');
    const lane = (i: number) => t.lanes[i]!.id;
    expect(t.lanes[0]!.kind).toBe('connection');
    // Frame 1 is the client's SYN on its first link.
    const link = s.links.find((l) => l.id === t.links[t.link[0]!])!;
    expect(lane(t.fromLane[0]!)).toBe(link.a.startsWith('client.') ? link.a : link.b);
    expect(t.marks[0]! & MARK.SYN).toBeTruthy();
    expect(t.marks[0]! & MARK.MP_CAPABLE).toBeTruthy();
    const serial = (t.endUs[0]! - t.startUs[0]!) - link.delayUs;
    expect(serial).toBeGreaterThan(0);
    expect(serial).toBeLessThan(1000);
    // Clients' lanes come before the network's, servers' after.
    const kinds = t.lanes.map((l) => l.node);
    expect(kinds.indexOf('client')).toBeLessThan(kinds.indexOf('server'));
  });

  it('gives each subflow one colour index across its hops and both directions, and separates the two subflows', () => {
    const { t } = timelineOf('two-path-v1');
    expect(t.subflows).toHaveLength(2);
    const joins = [...Array(t.count).keys()].filter((i) => t.marks[i]! & MARK.MP_JOIN);
    expect(new Set(joins.map((i) => t.subflow[i]))).toEqual(new Set([1]));
    expect(t.subflows[1]!.label).toMatch(/⇄/);
  });

  it('keeps a subflow one across a NAT (the packet id joins its inside and outside four-tuples)', () => {
    const { t } = timelineOf('nat-client');
    const tuples = new Set<string>();
    expect(t.subflows.length).toBeLessThanOrEqual(2);
    for (const sf of t.subflows) tuples.add(sf.label);
    expect(tuples.size).toBe(t.subflows.length);
  });

  it('counts sequence and acknowledgment numbers from each direction\'s SYN, as Wireshark does', () => {
    const { t } = timelineOf('two-path-v1');
    // Frame 1 is the SYN (seq 0), frame 2 the SYN/ACK (seq 0, ack 1) on the same link, back.
    const synAck = [...Array(t.count).keys()].find((i) => t.marks[i]! & MARK.SYN && t.link[i] === t.link[0] && t.fromLane[i] === t.toLane[0])!;
    expect([t.relSeq![0], t.relAck![0]]).toEqual([0, 0]);
    expect([t.relSeq![synAck], t.relAck![synAck]]).toEqual([0, 1]);
    const data = [...Array(t.count).keys()].filter((i) => t.payload![i]! > 0 && t.subflow[i] === 0);
    // The first data byte is 1; each segment starts where the last ended (or resends an earlier one).
    expect(t.relSeq![data[0]!]).toBe(1);
    expect(t.relSeq![data[1]!]).toBeLessThanOrEqual(1 + t.payload![data[0]!]! * 2);
    expect(t.payload![data[0]!]).toBeGreaterThan(0);
  });

  it('marks data sequence mappings with DSNs relative to the sender, growing with the transfer', () => {
    const { r, t } = timelineOf('two-path-v1');
    const mapped = [...Array(t.count).keys()].filter((i) => t.marks[i]! & MARK.DSS_MAP);
    expect(mapped.length).toBeGreaterThan(10);
    const dsns = mapped.map((i) => t.dsn[i]!);
    expect(Math.min(...dsns)).toBe(0);
    // Every mapping from the uploading client lies inside the bytes it sent.
    const uploaded = r.apps[0]!.bytesRead.server;
    expect(Math.max(...mapped.map((i) => t.dsn[i]! + t.dataLength[i]!))).toBeLessThanOrEqual(uploaded + 1);
  });

  it('starts an attacker\'s injected packets on its own lane and marks them injected', () => {
    const { t } = timelineOf('attack-add-addr-hijack-v0');
    const attackerLane = t.lanes.findIndex((l) => l.kind === 'attacker');
    expect(attackerLane).toBeGreaterThan(0);
    const injected = [...Array(t.count).keys()].filter((i) => t.fate[i] === FATE_CODE.injected);
    expect(injected.length).toBeGreaterThan(0);
    for (const i of injected) {
      expect(t.fromLane[i]).toBe(attackerLane);
      expect(t.attacker[i]).toBe(0);
    }
    const addAddr = injected.filter((i) => t.marks[i]! & MARK.ADD_ADDR);
    expect(addAddr.length).toBeGreaterThan(0);
  });

  it('ends a dropped packet where it was put on the link', () => {
    const { t } = timelineOf('attack-join-dos');
    const dropped = [...Array(t.count).keys()].filter((i) => t.fate[i] === FATE_CODE.dropped);
    for (const i of dropped) expect(t.endUs[i]).toBe(t.startUs[i]);
  });
});
