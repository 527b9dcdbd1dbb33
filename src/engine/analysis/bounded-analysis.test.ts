/**
 * The analyzer's memory bounds (issue 13): floods of flows, idle and closed
 * flows, capped problem lists and per-connection lists. Packets go straight
 * into CaptureAnalyzer with chosen capture times, so idle timeouts can be
 * crossed without writing a file.
 */
import { describe, expect, it } from 'vitest';
import { idsnFromKey, joinAckHmac, joinSynAckHmac, tokenFromKey } from '../crypto/mptcp-crypto.ts';
import { LINKTYPE_RAW } from '../pcap/link-types.ts';
import type { CapturedPacket } from '../pcap/types.ts';
import { segment, TCP_FLAG } from '../testing/packet-builder.ts';
import { ipv4 } from '../wire/ip-address.ts';
import { buildTcpPacket } from '../wire/build-tcp-packet.ts';
import { CaptureAnalyzer } from './capture-analyzer.ts';
import type { AnalyzerOptions } from './capture-analyzer.ts';
import { startIndexedCaptureAnalysis } from './analyze-capture.ts';
import { writePcap } from '../pcap/pcap-writer.ts';

const { SYN, ACK, FIN } = TCP_FLAG;
const T0 = 1_700_000_000;

class Feeder {
  frame = 0;
  readonly a: CaptureAnalyzer;
  constructor(options: AnalyzerOptions = {}) {
    this.a = new CaptureAnalyzer(options);
    this.a.format = 'pcap';
  }
  /** One raw-IP packet at capture time `t` seconds after T0. */
  push(data: Uint8Array, t: number): void {
    const sec = Math.floor(t);
    const p: CapturedPacket = { frame: ++this.frame, tsSec: T0 + sec, tsNsec: Math.round((t - sec) * 1e9), interfaceId: 0, linkType: LINKTYPE_RAW, capturedLength: data.length, originalLength: data.length, data, fileOffset: 0 };
    this.a.packet(p);
  }
}

/** A plain or MP_CAPABLE SYN from flow number i, built straight into bytes (fast enough for 200,000). */
function floodSyn(i: number, mptcp: boolean): Uint8Array {
  return buildTcpPacket({
    src: ipv4(198, 18 + ((i >>> 16) & 1), (i >>> 8) & 255, i & 255),
    dst: ipv4(192, 0, 2, 1),
    srcPort: 1024 + (i >>> 17),
    dstPort: 80,
    seq: i,
    ack: 0,
    flags: SYN,
    window: 64240,
    options: mptcp ? [{ kind: 'mp-capable', version: 1, flags: 0x01 }] : [{ kind: 'mss', mss: 1460 }],
    payloadLength: 0,
    ipId: 0,
    ttl: 64,
  });
}

/** A whole MPTCP v1 connection with one join, data both ways with DSS, closed by FINs. `badJoinHmac` corrupts the join's third-ACK HMAC. */
function v1Connection(n: number, opts: { badJoinHmac?: boolean; close?: boolean } = {}): Uint8Array[] {
  const C = `10.9.${n >> 8}.${n & 255}:40000`;
  const C2 = `10.8.${n >> 8}.${n & 255}:40001`;
  const S = '192.0.2.10:443';
  const ck = 0x0102030405060708n + BigInt(n);
  const sk = 0x1112131415161718n + BigInt(n);
  const ci = idsnFromKey(1, ck);
  const si = idsnFromKey(1, sk);
  const hmac = joinAckHmac(1, ck, sk, 0xaaaa, 0xbbbb);
  if (opts.badJoinHmac) hmac[0]! ^= 1;
  const pkts = [
    segment({ from: C, to: S, flags: SYN, seq: 100, options: [{ kind: 'mp-capable', version: 1, flags: 0x01 }] }),
    segment({ from: S, to: C, flags: SYN | ACK, seq: 500, ack: 101, options: [{ kind: 'mp-capable', version: 1, flags: 0x01, senderKey: sk }] }),
    segment({ from: C, to: S, flags: ACK, seq: 101, ack: 501, options: [{ kind: 'mp-capable', version: 1, flags: 0x01, senderKey: ck, receiverKey: sk }] }),
    segment({
      from: C,
      to: S,
      flags: ACK,
      seq: 101,
      ack: 501,
      options: [{ kind: 'dss', dataFin: false, dataAck: si + 1n, dataAck64: true, dsn64: true, reserved: 0, mapping: { dsn: ci + 1n, ssn: 1, dataLength: 5 } }],
      payload: new TextEncoder().encode('hello'),
    }),
    segment({ from: S, to: C, flags: ACK, seq: 501, ack: 106, options: [{ kind: 'dss', dataFin: false, dataAck: ci + 6n, dataAck64: true, dsn64: true, reserved: 0 }] }),
    segment({ from: C2, to: S, flags: SYN, seq: 7000, options: [{ kind: 'mp-join-syn', backup: false, addressId: 1, token: tokenFromKey(1, sk), nonce: 0xaaaa, reserved: 0 }] }),
    segment({ from: S, to: C2, flags: SYN | ACK, seq: 9000, ack: 7001, options: [{ kind: 'mp-join-syn-ack', backup: false, addressId: 0, truncatedHmac: joinSynAckHmac(1, sk, ck, 0xbbbb, 0xaaaa), nonce: 0xbbbb, reserved: 0 }] }),
    segment({ from: C2, to: S, flags: ACK, seq: 7001, ack: 9001, options: [{ kind: 'mp-join-ack', hmac, reserved: 0 }] }),
    segment({ from: S, to: C2, flags: ACK, seq: 9001, ack: 7001 }),
  ];
  if (opts.close !== false) {
    pkts.push(
      segment({ from: C, to: S, flags: FIN | ACK, seq: 106, ack: 501 }),
      segment({ from: S, to: C, flags: FIN | ACK, seq: 501, ack: 107 }),
      segment({ from: C, to: S, flags: ACK, seq: 107, ack: 502 }),
      segment({ from: C2, to: S, flags: FIN | ACK, seq: 7001, ack: 9001 }),
      segment({ from: S, to: C2, flags: FIN | ACK, seq: 9001, ack: 7002 }),
    );
  }
  return pkts;
}

function expectVerified(c: { clientIdsnVerified: boolean | null; serverIdsnVerified: boolean | null; subflows: { hmacVerified: boolean | null; join: boolean }[] }) {
  expect([c.clientIdsnVerified, c.serverIdsnVerified]).toEqual([true, true]);
  expect(c.subflows.map((s) => [s.join, s.hmacVerified])).toEqual([
    [false, null],
    [true, true],
  ]);
}

describe('bounded analysis: floods', () => {
  it('counts 200,000 plain SYN flows without tracking them, then fully verifies an MPTCP connection', () => {
    const f = new Feeder();
    for (let i = 0; i < 200_000; i++) {
      f.push(floodSyn(i, false), i * 1e-5);
      if (i % 10_000 === 0) expect(f.a.liveFlows).toBe(0);
    }
    f.push(floodSyn(199_999, false), 2.5); // a retransmitted SYN is not a new flow
    for (const p of v1Connection(1)) f.push(p, 3);
    const r = f.a.finish();
    expect(r.bounds!.plainTcpFlows).toBe(200_000);
    expect(r.bounds!.mptcpConnections).toBe(1);
    expect(r.connections).toHaveLength(1);
    expectVerified(r.connections[0]!);
    expect(r.problems).toEqual([]);
  });

  it('keeps at most maxLiveFlows MPTCP flows under 60,000 MP_CAPABLE SYNs, evicting the least recently seen', () => {
    // Smaller caps than the defaults (50,000 live, 10,000 listed) keep the test quick; the mechanism is the same.
    const f = new Feeder({ limits: { maxLiveFlows: 5_000, maxReportedConnections: 1_000 } });
    const cap = 5_000;
    let peak = 0;
    for (let i = 0; i < 60_000; i++) {
      f.push(floodSyn(i, true), i * 1e-5);
      peak = Math.max(peak, f.a.liveFlows);
    }
    expect(peak).toBe(cap);
    const r = f.a.finish();
    const b = r.bounds!;
    expect(b.peakLiveFlows).toBe(cap);
    expect(b.flowsDropped).toEqual({ closed: 0, idle: 0, evicted: 60_000 - cap });
    expect(b.mptcpConnections).toBe(60_000);
    expect(r.connections).toHaveLength(1_000);
    expect(b.omittedConnections.count).toBe(59_000);
    expect(b.omittedConnections.idsn.notCheckable).toBe(2 * 59_000);
    // The first connections are listed in creation order, whatever order they were summarised in.
    expect(r.connections[0]!.client).toBe('198.18.0.0:1024');
    expect(r.connections[999]!.client).toBe(`198.18.${999 >> 8}.${999 & 255}:1024`);
  });

  it('evicts a flow seen recently only after those not seen since they were queued (second chance)', () => {
    const f = new Feeder({ limits: { maxLiveFlows: 3 } });
    for (let i = 0; i < 3; i++) f.push(floodSyn(i, true), i);
    f.push(floodSyn(0, true), 3); // flow 0 again (a retransmitted SYN): recently seen
    f.push(floodSyn(3, true), 4); // over the cap: flow 1, not flow 0, goes
    const r = f.a.finish();
    expect(r.bounds!.flowsDropped.evicted).toBe(1);
    expect(r.connections.map((c) => c.subflows[0]!.packets)).toEqual([2, 1, 1, 1]);
  });

  it('verifies a connection after the flood, listed or counted past the report cap, and sees a forged join HMAC flip the count', () => {
    const run = (bad: boolean) => {
      const f = new Feeder({ limits: { maxLiveFlows: 1_000, maxReportedConnections: 100 } });
      for (let i = 0; i < 5_000; i++) f.push(floodSyn(i, true), i * 1e-4);
      expect(f.a.liveFlows).toBeLessThanOrEqual(1_000);
      for (const p of v1Connection(1, { badJoinHmac: bad })) f.push(p, 1);
      return f.a.finish().bounds!.omittedConnections;
    };
    const good = run(false);
    expect(good.count).toBe(4_901);
    expect(good.joinHmac).toEqual({ verified: 1, mismatch: 0, notCheckable: 0 });
    expect(good.idsn.verified).toBe(2);
    expect(good.problems).toEqual({});
    const bad = run(true);
    expect(bad.joinHmac).toEqual({ verified: 0, mismatch: 1, notCheckable: 0 });
    expect(bad.problems).toEqual({ ANALYSIS_HMAC_MISMATCH: 1 });
  });
});

describe('bounded analysis: closed and idle flows', () => {
  it('drops closed flows after the linger and their connection, tokens included', () => {
    const f = new Feeder();
    for (const p of v1Connection(1)) f.push(p, 1);
    expect(f.a.liveFlows).toBe(2);
    // Still tracked within the linger: a late ACK is still the connection's.
    f.push(floodSyn(0, false), 1 + f.a.limits.closedLingerS / 2);
    expect(f.a.liveFlows).toBe(2);
    f.push(floodSyn(1, false), 2 + f.a.limits.closedLingerS);
    expect(f.a.liveFlows).toBe(0);
    // The connection was summarised: a join naming its token is now unknown.
    const sk = 0x1112131415161718n + 1n;
    f.push(segment({ from: '10.7.0.1:5', to: '192.0.2.10:443', flags: SYN, seq: 1, options: [{ kind: 'mp-join-syn', backup: false, addressId: 3, token: tokenFromKey(1, sk), nonce: 1, reserved: 0 }] }), 20);
    const r = f.a.finish();
    expect(r.bounds!.flowsDropped).toEqual({ closed: 2, idle: 0, evicted: 0 });
    expectVerified(r.connections[0]!);
    expect(r.problems.map((p) => p.code)).toEqual(['ANALYSIS_UNKNOWN_TOKEN']);
  });

  it('drops open flows idle past the timeout, and keeps their verdicts', () => {
    const f = new Feeder();
    for (const p of v1Connection(1, { close: false })) f.push(p, 1);
    f.push(floodSyn(0, false), 1 + f.a.limits.idleTimeoutS - 1);
    expect(f.a.liveFlows).toBe(2);
    f.push(floodSyn(1, false), 2 + f.a.limits.idleTimeoutS);
    expect(f.a.liveFlows).toBe(0);
    const r = f.a.finish();
    expect(r.bounds!.flowsDropped).toEqual({ closed: 0, idle: 2, evicted: 0 });
    expectVerified(r.connections[0]!);
  });

  it('without the idle timeout (a huge one) the same flows stay to the end', () => {
    const f = new Feeder({ limits: { idleTimeoutS: 1e9 } });
    for (const p of v1Connection(1, { close: false })) f.push(p, 1);
    f.push(floodSyn(1, false), 2 + 300);
    expect(f.a.liveFlows).toBe(2);
    expect(f.a.finish().bounds!.flowsDropped.idle).toBe(0);
  });

  it('bounds joins waiting for their key: the oldest is reported unknown', () => {
    const f = new Feeder({ limits: { maxPendingJoins: 10 } });
    for (let i = 0; i < 15; i++) {
      f.push(segment({ from: `10.7.0.${i + 1}:5`, to: '192.0.2.10:443', flags: SYN, seq: 1, options: [{ kind: 'mp-join-syn', backup: false, addressId: 3, token: 0x1000 + i, nonce: 1, reserved: 0 }] }), i);
      expect(f.a.pendingJoinCount).toBeLessThanOrEqual(10);
    }
    expect(f.a.problems.total).toBe(5);
    const r = f.a.finish();
    expect(r.problems.filter((p) => p.code === 'ANALYSIS_UNKNOWN_TOKEN')).toHaveLength(15);
    expect(r.problems[0]!.frame).toBe(1);
  });

  it('attaches a join whose SYN came before the key as soon as the key appears', () => {
    const pkts = v1Connection(1);
    // The join's handshake first, then the initial subflow's.
    const order = [...pkts.slice(5, 9), ...pkts.slice(0, 5), ...pkts.slice(9)];
    const f = new Feeder();
    order.forEach((p) => f.push(p, 1));
    const r = f.a.finish();
    expect(r.problems).toEqual([]);
    expect(r.connections[0]!.subflows.map((s) => s.join)).toEqual([false, true]);
  });
});

describe('bounded analysis: capped lists', () => {
  it('lists the first maxProblems problems and counts the rest by code, exactly', () => {
    const f = new Feeder();
    for (let i = 0; i < 5_000; i++) f.push(new Uint8Array(0), i * 1e-3);
    for (let i = 0; i < 7; i++) f.push(new Uint8Array([0x41, ...new Array<number>(19).fill(0)]), 6); // IPv4 header length 4 bytes
    const r = f.a.finish();
    expect(r.problems).toHaveLength(1_000);
    expect(r.problems.at(-1)!.frame).toBe(1_000);
    expect(r.bounds!.problems).toBe(5_007);
    expect(r.bounds!.omittedProblems).toEqual({ WIRE_TRUNCATED: 4_000, WIRE_BAD_LENGTH: 7 });
  });

  it('caps a connection’s ADD_ADDRs, events and problems', () => {
    const f = new Feeder({ limits: { maxConnectionAddrs: 4, maxConnectionEvents: 3, maxConnectionProblems: 2 } });
    const pkts = v1Connection(1, { close: false });
    pkts.slice(0, 5).forEach((p) => f.push(p, 1));
    const C = '10.9.0.1:40000';
    const S = '192.0.2.10:443';
    for (let i = 0; i < 10; i++) {
      f.push(segment({ from: S, to: C, flags: ACK, seq: 501, ack: 106, options: [{ kind: 'add-addr', version: 1, echo: false, addressId: i, address: ipv4(192, 0, 2, 20 + i), hmac: 0n, reserved: 0 }] }), 2);
      f.push(segment({ from: S, to: C, flags: ACK, seq: 501, ack: 106, options: [{ kind: 'mp-prio', backup: true, reserved: 0 }] }), 2);
    }
    const c = f.a.finish().connections[0]!;
    expect(c.addAddrs).toHaveLength(4);
    expect(c.events).toHaveLength(3);
    expect(c.problems).toHaveLength(2);
    // Four forged HMACs checked, two listed, two counted.
    expect(c.omitted).toEqual({ subflows: 0, addAddrs: 6, removeAddrs: 0, events: 7, problems: { ANALYSIS_HMAC_MISMATCH: 2 } });
  });
});

describe('bounded analysis: the app’s indexed analysis', () => {
  it('indexes frames of connections the analyzer has already dropped', () => {
    const pkts = [...v1Connection(1), ...v1Connection(2)];
    // Connection 1 closes at 1 s; connection 2 starts after its linger, so 1 is dropped first.
    const times = pkts.map((_, i) => (i < pkts.length / 2 ? 1 : 30));
    const file = writePcap(
      pkts.map((data, i) => ({ tsSec: T0 + times[i]!, tsNsec: i * 1000, data })),
      { linkType: LINKTYPE_RAW },
    );
    const a = startIndexedCaptureAnalysis();
    a.push(file);
    const { report, index, run } = a.end();
    expect(report.bounds!.flowsDropped.closed).toBe(2);
    expect(report.connections).toHaveLength(2);
    expect(index.size).toBe(pkts.length);
    const rows = index.rows(0, pkts.length, file);
    expect(rows.map((r) => r.connection)).toEqual(pkts.map((_, i) => (i < pkts.length / 2 ? 0 : 1)));
    expect(run).not.toBeNull();
  });
});
