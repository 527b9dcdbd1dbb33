import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { joinAckHmac, joinSynAckHmac, tokenFromKey } from '../crypto/mptcp-crypto.ts';
import { writePcap } from '../pcap/pcap-writer.ts';
import { LINKTYPE_RAW } from '../pcap/link-types.ts';
import { MARK } from '../runner/timeline-codes.ts';
import { rawIpCapture, segment, TCP_FLAG } from '../testing/packet-builder.ts';
import { analyzeCaptureIndexed } from './analyze-capture.ts';

const { SYN, ACK } = TCP_FLAG;
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../fixtures/captures/${name}`, import.meta.url)));

describe('the sample capture as a ladder (two subflows and ADD_ADDR, Linux)', () => {
  const { report, run } = analyzeCaptureIndexed(fixture('v1-two-subflows-add-addr.pcap'));
  const t = run!.timeline;
  const conn = report.connections[0]!;

  it('has a lane per address, the client host first, and one link per address pair', () => {
    expect(t.lanes.map((l) => l.label)).toEqual(['Connection (data level)', 'client eth0 198.18.1.1', 'client eth1 198.18.2.1', 'server eth0 198.18.1.2', 'server eth1 198.18.2.2']);
    expect(t.links).toEqual(['path-1', 'path-2', 'path-3']);
    expect(t.count).toBe(report.packets);
    expect(t.attackers).toEqual([]);
  });

  it('numbers subflows as the analysis groups them, and puts each frame on its subflow and its addresses', () => {
    expect(t.subflows.map((s) => s.label)).toEqual(conn.subflows.map((s) => `${s.client} ⇄ ${s.server}`));
    expect(t.subflows.map((s) => s.firstFrame)).toEqual(conn.subflows.map((s) => s.synFrame));
    // Frames 1-5: the initial subflow's handshake; 6-9 the first join; 10-13 the second.
    expect(Array.from(t.subflow.slice(0, 13))).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
    expect([t.fromLane[0], t.toLane[0]]).toEqual([1, 3]);
    expect([t.fromLane[1], t.toLane[1]]).toEqual([3, 1]);
    expect([t.fromLane[9], t.toLane[9]]).toEqual([2, 3]);
    expect(Array.from(t.link.slice(0, 13))).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it('starts each arrow at its timestamp and slants it by half its subflow’s handshake round trip', () => {
    expect(t.startUs[0]).toBe(0);
    for (let i = 1; i < t.count; i++) expect(t.startUs[i]!).toBeGreaterThanOrEqual(t.startUs[i - 1]!);
    // SYN at frame 1, the third ACK (the client's first ACK after the SYN/ACK) at frame 3.
    const rtt = t.startUs[2]! - t.startUs[0]!;
    expect(t.endUs[0]! - t.startUs[0]!).toBeCloseTo(rtt / 2, 6);
    expect(t.endUs[6]! - t.startUs[6]!).toBeCloseTo((t.startUs[7]! - t.startUs[5]!) / 2, 6);
    expect(t.endOfRunUs).toBeGreaterThanOrEqual(t.startUs[t.count - 1]!);
  });

  it('marks the MPTCP signals and numbers each direction’s data from 0', () => {
    expect(t.marks[0]! & (MARK.SYN | MARK.MP_CAPABLE)).toBe(MARK.SYN | MARK.MP_CAPABLE);
    expect(t.marks[5]! & MARK.MP_JOIN).toBe(MARK.MP_JOIN);
    const addAddr = conn.addAddrs[0]!.frame;
    expect(t.marks[addAddr - 1]! & MARK.ADD_ADDR).toBe(MARK.ADD_ADDR);
    const mapped = Array.from(t.dsn).filter((d) => !Number.isNaN(d));
    expect(mapped.length).toBeGreaterThan(0);
    expect(Math.min(...mapped)).toBe(0);
    for (let i = 0; i < t.count; i++) expect(Number.isNaN(t.dsn[i]!)).toBe((t.marks[i]! & MARK.DSS_MAP) === 0);
  });

  it('infers a topology: client and server hosts with those addresses, a direct link per path', () => {
    const s = run!.scenario;
    expect(s.hosts.map((h) => [h.id, h.interfaces.map((i) => i.addresses[0])])).toEqual([
      ['client', ['198.18.1.1/32', '198.18.2.1/32']],
      ['server', ['198.18.1.2/32', '198.18.2.2/32']],
    ]);
    expect(s.links.map((l) => [l.id, l.a, l.b])).toEqual([
      ['path-1', 'client.eth0', 'server.eth0'],
      ['path-2', 'client.eth1', 'server.eth1'],
      ['path-3', 'client.eth1', 'server.eth0'],
    ]);
    expect(s.links[0]!.delayUs).toBe(Math.round((t.startUs[2]! - t.startUs[0]!) / 2));
    expect(s.traffic).toEqual([expect.objectContaining({ from: 'client', to: 'server', toAddress: '198.18.1.2', port: 8080 })]);
    expect(s.routers).toEqual([]);
    expect(s.attackers).toEqual([]);
  });

  it('gives the same ladder from the pcapng copy', () => {
    const ng = analyzeCaptureIndexed(fixture('v1-two-subflows-add-addr.pcapng')).run!.timeline;
    expect(ng.lanes).toEqual(t.lanes);
    expect(Array.from(ng.subflow)).toEqual(Array.from(t.subflow));
  });
});

// Keys, nonces and tokens for hand-built connections (v1, RFC 8684).
const keyA = 0x0102030405060708n;
const keyB = 0x1112131415161718n;
const keyC = 0x2122232425262728n;
const keyD = 0x3132333435363738n;

function handshake(c: string, s: string, clientKey: bigint, serverKey: bigint): Uint8Array[] {
  return [
    segment({ from: c, to: s, flags: SYN, seq: 100, options: [{ kind: 'mp-capable', version: 1, flags: 0x01 }] }),
    segment({ from: s, to: c, flags: SYN | ACK, seq: 500, ack: 101, options: [{ kind: 'mp-capable', version: 1, flags: 0x01, senderKey: serverKey }] }),
    segment({ from: c, to: s, flags: ACK, seq: 101, ack: 501, options: [{ kind: 'mp-capable', version: 1, flags: 0x01, senderKey: clientKey, receiverKey: serverKey }] }),
  ];
}

/** A join opened by `initiatorKey`'s host toward the host holding `responderKey`. */
function join(from: string, to: string, initiatorKey: bigint, responderKey: bigint): Uint8Array[] {
  const n1 = 0xaabbccdd;
  const n2 = 0x11223344;
  return [
    segment({ from, to, flags: SYN, seq: 7000, options: [{ kind: 'mp-join-syn', backup: false, addressId: 1, token: tokenFromKey(1, responderKey), nonce: n1, reserved: 0 }] }),
    segment({ from: to, to: from, flags: SYN | ACK, seq: 9000, ack: 7001, options: [{ kind: 'mp-join-syn-ack', backup: false, addressId: 2, truncatedHmac: joinSynAckHmac(1, responderKey, initiatorKey, n2, n1), nonce: n2, reserved: 0 }] }),
    segment({ from, to, flags: ACK, seq: 7001, ack: 9001, options: [{ kind: 'mp-join-ack', hmac: joinAckHmac(1, initiatorKey, responderKey, n1, n2), reserved: 0 }] }),
  ];
}

describe('a hand-built capture', () => {
  it('puts a server-initiated join on the server host, and other traffic on a lane of its own', () => {
    const packets = [
      ...handshake('198.18.1.1:40000', '198.18.1.2:8080', keyA, keyB),
      // The server joins from a second address of its own to the client.
      ...join('198.18.3.2:45000', '198.18.1.1:40000', keyB, keyA),
      segment({ from: '192.0.2.9:5000', to: '192.0.2.10:53', flags: SYN }),
    ];
    const { run } = analyzeCaptureIndexed(rawIpCapture(packets));
    const t = run!.timeline;
    expect(t.lanes.map((l) => l.label)).toEqual(['Connection (data level)', 'client eth0 198.18.1.1', 'server eth0 198.18.1.2', 'server eth1 198.18.3.2', 'Other traffic']);
    expect(run!.scenario.links.map((l) => [l.a, l.b])).toEqual([
      ['client.eth0', 'server.eth0'],
      ['client.eth0', 'server.eth1'],
    ]);
    // Frames 1 ms apart: SYN at 0, third ACK at 2 ms; the join's SYN at 3 ms, its ACK at 5 ms.
    expect(t.endUs[0]! - t.startUs[0]!).toBe(1000);
    expect(t.endUs[3]! - t.startUs[3]!).toBe(1000);
    expect([t.fromLane[3], t.toLane[3]]).toEqual([3, 1]);
    expect([t.subflow[6], t.fromLane[6], t.toLane[6]]).toEqual([-1, 4, 4]);
    expect(t.links[t.link[6]!]).toBe('other');
    expect(t.endUs[6]).toBe(t.startUs[6]);
  });

  it('names hosts A, B, C when connections join more than a client and a server', () => {
    const packets = [...handshake('198.18.1.1:40000', '198.18.1.2:8080', keyA, keyB), ...handshake('198.18.1.2:41000', '198.18.1.3:443', keyC, keyD)];
    const { run } = analyzeCaptureIndexed(rawIpCapture(packets));
    expect(run!.scenario.hosts.map((h) => [h.label, h.interfaces[0]!.addresses[0]])).toEqual([
      ['host A', '198.18.1.1/32'],
      ['host B', '198.18.1.2/32'],
      ['host C', '198.18.1.3/32'],
    ]);
    expect(run!.scenario.traffic.map((x) => [x.from, x.to])).toEqual([
      ['host-a', 'host-b'],
      ['host-b', 'host-c'],
    ]);
    expect(run!.timeline.subflows).toHaveLength(2);
  });

  it('draws a subflow whose handshake it missed flat, and a capture without MPTCP not at all', () => {
    // Seen from the MP_CAPABLE third ACK on: no SYN, no round trip to measure.
    const midstream = handshake('198.18.1.1:40000', '198.18.1.2:8080', keyA, keyB).slice(2);
    const t = analyzeCaptureIndexed(rawIpCapture([...midstream, ...midstream])).run!.timeline;
    expect(t.subflow[0]).toBe(0);
    expect(t.endUs[0]).toBe(t.startUs[0]);
    expect(analyzeCaptureIndexed(rawIpCapture([segment({ from: '192.0.2.9:5000', to: '192.0.2.10:80', flags: SYN })])).run).toBeNull();
  });

  it('draws no ladder for hundreds of hosts, which no ladder could show', () => {
    const packets = Array.from({ length: 200 }, (_, k) => handshake(`10.1.${k >> 8}.${k & 255}:40000`, '198.18.1.2:8080', keyA, keyB)).flat();
    const { report, run } = analyzeCaptureIndexed(rawIpCapture(packets));
    expect(report.connections).toHaveLength(200);
    expect(run).toBeNull();
  });

  it('builds the ladder of 150,000 frames in columns', () => {
    const [syn, synAck, third] = handshake('198.18.1.1:40000', '198.18.1.2:8080', keyA, keyB);
    const data = segment({
      from: '198.18.1.1:40000',
      to: '198.18.1.2:8080',
      flags: ACK,
      seq: 101,
      ack: 501,
      options: [{ kind: 'dss', dataFin: false, dsn64: true, dataAck64: false, reserved: 0, mapping: { dsn: 0xffff_fff0n, ssn: 1, dataLength: 100 } }],
      payload: new Uint8Array(100),
    });
    const n = 150_000;
    const frames = [syn!, synAck!, third!, ...Array.from({ length: n - 3 }, () => data)].map((bytes, i) => ({ tsSec: 1_700_000_000 + Math.floor(i / 1000), tsNsec: (i % 1000) * 1_000_000, data: bytes }));
    const { run } = analyzeCaptureIndexed(writePcap(frames, { linkType: LINKTYPE_RAW }));
    const t = run!.timeline;
    expect(t.count).toBe(n);
    expect(t.startUs).toBeInstanceOf(Float64Array);
    expect(t.startUs.length).toBe(n);
    expect(t.startUs[n - 1]).toBe((n - 1) * 1000);
    expect(t.subflow[n - 1]).toBe(0);
    expect(t.dsn[n - 1]).toBe(0);
  });
});
