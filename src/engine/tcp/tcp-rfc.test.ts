/**
 * Scripted exchanges, one segment at a time, each named after the RFC
 * section whose rule it pins (smoltcp's tcp.rs style): the peer is the
 * script, the endpoint's answers and its state are checked after each step.
 */
import { describe, expect, it } from 'vitest';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import type { TcpOption } from '../wire/tcp-options.ts';
import { recordingUpper, TcpHarness } from '../testing/tcp-harness.ts';
import { ChallengeAckBudget } from './challenge-ack-limit.ts';

const { SYN, ACK } = TCP_FLAG;
const ISS = 1000;
const PEER_ISS = 5000;
const SYNACK_OPTS: TcpOption[] = [{ kind: 'mss', mss: 1460 }, { kind: 'sack-permitted' }, { kind: 'timestamps', tsval: 1, tsecr: 0 }, { kind: 'nop' }, { kind: 'window-scale', shift: 7 }];
/** Payload per segment: MSS 1460 less 12 bytes of timestamps. */
const SMSS = 1448;

/** An upper that always has another full segment to send. */
function bulkUpper() {
  return recordingUpper({ pull: (_ep, maxLen) => ({ len: maxLen, fill: () => {}, meta: null }) });
}

/** Active open answered after 10 ms; the endpoint then sends its initial window. */
function establishedSender() {
  const t = new TcpHarness(bulkUpper(), ISS);
  t.ep.connect(0);
  t.sent();
  t.deliver({ seq: PEER_ISS, ack: ISS + 1, flags: SYN | ACK, options: SYNACK_OPTS }, 10_000);
  return t;
}

const segStart = (i: number) => ISS + 1 + i * SMSS;
const sack = (left: number, right: number): TcpOption => ({ kind: 'sack', blocks: [{ left, right }] });

describe('RFC 6675 §5.1 / RFC 6582 §4: no fast recovery after an RTO until RecoveryPoint is acknowledged', () => {
  it('a SACK showing a hole right after the timeout does not start fast recovery; the window grows by slow start', () => {
    const t = establishedSender();
    const initial = t.sent().filter((p) => p.payloadLength > 0);
    expect(initial).toHaveLength(10);
    const recoveryPoint = segStart(10);
    // Every segment is lost; the RTO fires and resends the first one with cwnd = 1 SMSS.
    t.now = t.ep.nextTimeoutUs();
    t.timeout(t.now);
    const [resent] = t.sent();
    expect(resent!.tcp!.header.seq).toBe(segStart(0));
    expect(t.ep.cc.cwnd).toBe(SMSS);
    // The peer got segments 3..10 meanwhile (they were delayed, not lost): it ACKs the first and SACKs them.
    t.deliver({ seq: PEER_ISS + 1, ack: segStart(1), flags: ACK, options: [{ kind: 'nop' }, { kind: 'nop' }, sack(segStart(2), recoveryPoint)] }, t.now + 6_500);
    expect(t.events.filter((e) => e.kind === 'tcp-fast-retransmit')).toEqual([]);
    expect(t.ep.cc.recover).toBeNull();
    expect(t.ep.cc.cwnd).toBe(2 * SMSS);
    // The hole is filled next, in slow start.
    expect(t.sent()[0]!.tcp!.header.seq).toBe(segStart(1));
  });

  it('§5.1 "filling in" after the RTO: a retransmission lost again is resent once three segments sent after it are SACKed, not at the next timeout', () => {
    const t = establishedSender();
    t.sent();
    t.now = t.ep.nextTimeoutUs();
    t.timeout(t.now);
    t.sent(); // segment 0 again
    const opts = (right: number): TcpOption[] => [{ kind: 'nop' }, { kind: 'nop' }, sack(segStart(2), right)];
    t.deliver({ seq: PEER_ISS + 1, ack: segStart(1), flags: ACK }, t.now + 20_000);
    expect(t.sent().map((p) => p.tcp!.header.seq)).toEqual([segStart(1), segStart(2)]);
    // The resent segment 1 is lost again; 2, then 3 and 4 (sent after it) arrive and are SACKed.
    t.deliver({ seq: PEER_ISS + 1, ack: segStart(1), flags: ACK, options: opts(segStart(3)) }, t.now + 40_000);
    expect(t.sent().map((p) => p.tcp!.header.seq)).toEqual([segStart(3)]);
    t.deliver({ seq: PEER_ISS + 1, ack: segStart(1), flags: ACK, options: opts(segStart(4)) }, t.now + 60_000);
    expect(t.sent().map((p) => p.tcp!.header.seq)).toEqual([segStart(4)]);
    t.deliver({ seq: PEER_ISS + 1, ack: segStart(1), flags: ACK, options: opts(segStart(5)) }, t.now + 80_000);
    expect(t.sent()[0]!.tcp!.header.seq).toBe(segStart(1));
    expect(t.events.filter((e) => e.kind === 'tcp-rto')).toHaveLength(1);
    expect(t.events.filter((e) => e.kind === 'tcp-fast-retransmit')).toEqual([]);
  });

  it('once the cumulative ACK reaches RecoveryPoint, a new loss starts fast recovery again', () => {
    const t = establishedSender();
    t.sent();
    const recoveryPoint = segStart(10);
    t.now = t.ep.nextTimeoutUs();
    t.timeout(t.now);
    t.sent();
    t.deliver({ seq: PEER_ISS + 1, ack: recoveryPoint, flags: ACK }, t.now + 10_000);
    const sentAfter = t.sent().filter((p) => p.payloadLength > 0);
    expect(sentAfter.length).toBeGreaterThan(0);
    // The first new segment is lost; three above it are SACKed.
    const first = sentAfter[0]!.tcp!.header.seq;
    t.deliver({ seq: PEER_ISS + 1, ack: recoveryPoint, flags: ACK, options: [{ kind: 'nop' }, { kind: 'nop' }, sack(first + SMSS, first + 2 * SMSS)] }, t.now + 20_000);
    t.deliver({ seq: PEER_ISS + 1, ack: recoveryPoint, flags: ACK, options: [{ kind: 'nop' }, { kind: 'nop' }, sack(first + SMSS, first + 3 * SMSS)] }, t.now + 20_000);
    expect(t.ep.cc.recover).toBeNull();
    t.deliver({ seq: PEER_ISS + 1, ack: recoveryPoint, flags: ACK, options: [{ kind: 'nop' }, { kind: 'nop' }, sack(first + SMSS, first + 4 * SMSS)] }, t.now + 20_000);
    expect(t.events.filter((e) => e.kind === 'tcp-fast-retransmit')).toHaveLength(1);
    expect(t.ep.cc.recover).not.toBeNull();
  });
});

describe('RFC 6298 §5.7 and RFC 5681 §3.1: data after a lost SYN or SYN/ACK', () => {
  /** The SYN is lost twice (timeouts at 1 s and 3 s, the RTO backed off to 4 s), the third one is answered. */
  function afterTwoLostSyns() {
    const t = new TcpHarness(bulkUpper(), ISS);
    t.ep.connect(0);
    t.sent();
    for (const at of [1_000_000, 3_000_000]) {
      expect(t.ep.nextTimeoutUs()).toBe(at);
      t.timeout(at);
      expect(t.sent()[0]!.tcp!.header.flags).toBe(SYN);
    }
    expect(t.ep.nextTimeoutUs()).toBe(7_000_000);
    t.deliver({ seq: PEER_ISS, ack: ISS + 1, flags: SYN | ACK, options: SYNACK_OPTS }, 3_010_000);
    expect(t.ep.state).toBe('ESTABLISHED');
    return t;
  }

  it('§5.7: the first data segment is timed with a 3 s RTO, not the SYN\'s backed-off 4 s', () => {
    const t = afterTwoLostSyns();
    expect(t.ep.rtt.rtoUs).toBe(3_000_000);
    expect(t.ep.nextTimeoutUs()).toBe(3_010_000 + 3_000_000);
  });

  it('§3.1: the client that had to resend its SYN sends one segment, not an initial window of 10', () => {
    const t = afterTwoLostSyns();
    const data = t.sent().filter((p) => p.payloadLength > 0);
    expect(data).toHaveLength(1);
    expect(t.ep.cc.cwnd).toBe(SMSS);
    // Its ACK (a first RTT sample) grows the window by slow start and sets the RTO from the sample.
    t.deliver({ seq: PEER_ISS + 1, ack: segStart(1), flags: ACK }, 3_030_000);
    expect(t.sent().filter((p) => p.payloadLength > 0)).toHaveLength(2);
    expect(t.ep.rtt.rtoUs).toBe(200_000);
  });

  it('§3.1: the server whose SYN/ACK was lost (the SYN came again) sends one segment', () => {
    const t = new TcpHarness(bulkUpper(), ISS);
    const syn = { seq: PEER_ISS, flags: SYN, options: SYNACK_OPTS };
    t.acceptSyn(syn, 0);
    expect(t.sent()[0]!.tcp!.header.flags).toBe(SYN | ACK);
    // The SYN/ACK was lost: the client's SYN comes again and is answered again.
    t.deliver(syn, 1_000_000);
    expect(t.sent()[0]!.tcp!.header.flags).toBe(SYN | ACK);
    t.deliver({ seq: PEER_ISS + 1, ack: ISS + 1, flags: ACK }, 1_010_000);
    expect(t.ep.state).toBe('ESTABLISHED');
    expect(t.sent().filter((p) => p.payloadLength > 0)).toHaveLength(1);
  });

  it('without a loss the initial window stays 10 segments (RFC 6928, as Linux)', () => {
    const t = establishedSender();
    expect(t.sent().filter((p) => p.payloadLength > 0)).toHaveLength(10);
  });
});

describe('RFC 5961 §4.2 and §7: SYNs in a synchronized state, and the challenge ACK rate limit', () => {
  /** An established endpoint with nothing to send. */
  function quiet(opts?: ConstructorParameters<typeof TcpHarness>[2]) {
    const t = new TcpHarness(recordingUpper(), ISS, opts);
    t.ep.connect(0);
    t.deliver({ seq: PEER_ISS, ack: ISS + 1, flags: SYN | ACK, options: SYNACK_OPTS }, 10_000);
    t.sent();
    return t;
  }
  const challenges = (t: TcpHarness) => t.events.filter((e) => e.kind === 'tcp-challenge-ack');
  const limited = (t: TcpHarness) => t.events.filter((e) => e.kind === 'tcp-challenge-ack-limited');

  it('§4.2: a SYN far outside the window earns a challenge ACK, not a plain one, and a second one at once earns nothing', () => {
    const t = quiet();
    expect(t.deliver({ seq: PEER_ISS + 2 ** 30, flags: SYN }, 100_000)).toBe(false);
    expect(t.ep.state).toBe('ESTABLISHED');
    const [ack] = t.sent();
    expect(ack!.tcp!.header).toMatchObject({ flags: ACK, seq: ISS + 1, ack: PEER_ISS + 1 });
    expect(challenges(t)).toMatchObject([{ trigger: { what: 'syn-synchronized', state: 'ESTABLISHED' } }]);
    expect(t.deliver({ seq: PEER_ISS + 2 ** 30 + 7, flags: SYN }, 200_000)).toBe(false);
    expect(t.sent()).toEqual([]);
    expect(limited(t)).toMatchObject([{ by: 'socket', limit: 500 }]);
  });

  it('§7: one challenge ACK per socket every 500 ms (Linux tcp_invalid_ratelimit), whatever triggers it', () => {
    const t = quiet();
    t.deliver({ seq: PEER_ISS + 1 + 100, flags: ACK | TCP_FLAG.RST }, 100_000); // RST not at RCV.NXT
    t.deliver({ seq: PEER_ISS + 1, flags: SYN }, 300_000); // SYN in the window
    t.deliver({ seq: PEER_ISS + 1, ack: ISS + 1 - 2 ** 20, flags: ACK }, 599_999); // ACK too old
    expect(t.sent()).toHaveLength(1);
    expect(limited(t)).toHaveLength(2);
    t.deliver({ seq: PEER_ISS + 1, flags: SYN }, 600_000);
    expect(t.sent()).toHaveLength(1);
    expect(challenges(t).map((e) => e.kind === 'tcp-challenge-ack' && e.trigger.what)).toEqual(['rst-not-rcv-nxt', 'syn-synchronized']);
  });

  it('§7: a host-wide budget, when set, is shared by all the host\'s sockets (Linux tcp_challenge_ack_limit, off by default)', () => {
    const budget = new ChallengeAckBudget(2, null);
    const sockets = [quiet({ challengeBudget: budget }), quiet({ challengeBudget: budget }), quiet({ challengeBudget: budget })];
    for (const t of sockets) t.deliver({ seq: PEER_ISS + 1, flags: SYN }, 100_000);
    expect(sockets.map((t) => t.sent().length)).toEqual([1, 1, 0]);
    expect(limited(sockets[2]!)).toMatchObject([{ by: 'host', limit: 2 }]);
    // A new second, a new budget.
    sockets[2]!.deliver({ seq: PEER_ISS + 1, flags: SYN }, 1_000_000);
    expect(sockets[2]!.sent()).toHaveLength(1);
  });
});

describe('RFC 7323 §5.3: PAWS', () => {
  const ts = (tsval: number): TcpOption[] => [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'timestamps', tsval, tsecr: 1 }];
  /** Established with TS.Recent = 100 (the peer's data at RCV.NXT carried it). */
  function withTsRecent100() {
    const upper = recordingUpper();
    const t = new TcpHarness(upper, ISS);
    t.ep.connect(0);
    t.deliver({ seq: PEER_ISS, ack: ISS + 1, flags: SYN | ACK, options: SYNACK_OPTS }, 10_000);
    t.deliver({ seq: PEER_ISS + 1, ack: ISS + 1, flags: ACK, options: ts(100), payload: Uint8Array.of(1) }, 20_000);
    t.sent();
    return { t, upper };
  }

  it('R1: an in-window segment with a TSval older than TS.Recent is dropped and answered with an ACK', () => {
    const { t, upper } = withTsRecent100();
    expect(t.deliver({ seq: PEER_ISS + 2, ack: ISS + 1, flags: ACK, options: ts(99), payload: Uint8Array.of(2) }, 30_000)).toBe(false);
    expect(upper.received).toEqual([Uint8Array.of(1)]);
    expect(t.ep.rcvNxt).toBe(PEER_ISS + 2);
    const [ack] = t.sent();
    expect(ack!.tcp!.header).toMatchObject({ flags: ACK, ack: PEER_ISS + 2 });
    expect(t.events.filter((e) => e.kind === 'tcp-drop')).toMatchObject([{ cause: 'paws', tsval: 99, tsRecent: 100 }]);
  });

  it('R1: the same TSval (same clock tick) and a newer one pass; TS.Recent then follows the newer one', () => {
    const { t, upper } = withTsRecent100();
    expect(t.deliver({ seq: PEER_ISS + 2, ack: ISS + 1, flags: ACK, options: ts(100), payload: Uint8Array.of(2) }, 30_000)).toBe(true);
    expect(t.deliver({ seq: PEER_ISS + 3, ack: ISS + 1, flags: ACK, options: ts(150), payload: Uint8Array.of(3) }, 30_000)).toBe(true);
    expect(t.deliver({ seq: PEER_ISS + 4, ack: ISS + 1, flags: ACK, options: ts(120), payload: Uint8Array.of(4) }, 30_000)).toBe(false);
    expect(upper.received).toHaveLength(3);
  });

  it('R1: TSvals compare in 32-bit wrapping arithmetic', () => {
    const { t } = withTsRecent100();
    expect(t.deliver({ seq: PEER_ISS + 2, ack: ISS + 1, flags: ACK, options: ts(100 + 2 ** 31 - 1), payload: Uint8Array.of(2) }, 30_000)).toBe(true);
    expect(t.deliver({ seq: PEER_ISS + 3, ack: ISS + 1, flags: ACK, options: ts(100), payload: Uint8Array.of(3) }, 30_000)).toBe(false);
  });

  it('not on a RST: a RST at RCV.NXT with an old TSval still resets', () => {
    const { t } = withTsRecent100();
    expect(t.deliver({ seq: PEER_ISS + 2, flags: TCP_FLAG.RST, options: ts(5) }, 30_000)).toBe(true);
    expect(t.ep.state).toBe('CLOSED');
  });

  it('a SYN with an old TSval earns a (rate-limited) challenge ACK, as Linux answers it', () => {
    const { t } = withTsRecent100();
    expect(t.deliver({ seq: PEER_ISS + 2, flags: SYN, options: ts(5) }, 30_000)).toBe(false);
    expect(t.events.filter((e) => e.kind === 'tcp-challenge-ack')).toHaveLength(1);
    expect(t.sent()[0]!.tcp!.header.flags).toBe(ACK);
  });

  it('RFC 7323 §5.5: after 24 days without an update TS.Recent is invalid and an older TSval is accepted', () => {
    const { t } = withTsRecent100();
    const later = 20_000 + 24 * 24 * 3600 * 1_000_000 + 1;
    expect(t.deliver({ seq: PEER_ISS + 2, ack: ISS + 1, flags: ACK, options: ts(99), payload: Uint8Array.of(2) }, later)).toBe(true);
  });

  it('segments without timestamps are not checked (RFC 7323 §3.2 lets a receiver drop them; Linux accepts them, as the engine does)', () => {
    const { t } = withTsRecent100();
    expect(t.deliver({ seq: PEER_ISS + 2, ack: ISS + 1, flags: ACK, payload: Uint8Array.of(2) }, 30_000)).toBe(true);
  });

  it('RFC 7323 §4.3: TS.Recent follows only segments at or below the ACK last sent: an out-of-order TSval is not echoed', () => {
    const { t } = withTsRecent100();
    const tsecr = () => t.sent().map((p) => p.tcp!.header.options.find((o) => o.kind === 'timestamps')).map((o) => o?.kind === 'timestamps' && o.tsecr);
    // A segment beyond a hole: the duplicate ACK it earns still echoes 100.
    t.deliver({ seq: PEER_ISS + 3, ack: ISS + 1, flags: ACK, options: ts(300), payload: Uint8Array.of(3) }, 30_000);
    expect(tsecr()).toEqual([100]);
    // The hole is filled: its TSval is taken and echoed.
    t.deliver({ seq: PEER_ISS + 2, ack: ISS + 1, flags: ACK, options: ts(200), payload: Uint8Array.of(2) }, 31_000);
    expect(tsecr()).toEqual([200]);
  });
});

describe('RFC 7323 §2.2: window scaling', () => {
  it('RFC 7323 §2.2: the SYN/ACK\'s window is taken unscaled; every later window is scaled by the peer\'s shift', () => {
    const t = new TcpHarness(bulkUpper(), ISS);
    t.ep.connect(0);
    t.sent();
    // Window 1000 in the SYN/ACK, shift 7: 1000 bytes, not 128000.
    t.deliver({ seq: PEER_ISS, ack: ISS + 1, flags: SYN | ACK, window: 1000, options: SYNACK_OPTS }, 10_000);
    expect(t.sent().map((p) => p.payloadLength).filter((n) => n > 0)).toEqual([1000]);
    // The ACK's window 100 is 12800 bytes: eight whole segments fit.
    t.deliver({ seq: PEER_ISS + 1, ack: ISS + 1 + 1000, flags: ACK, window: 100 }, 20_000);
    expect(t.sent().map((p) => p.payloadLength).filter((n) => n > 0)).toEqual(Array(8).fill(SMSS));
  });
});

describe('RFC 2018 §3: SACK blocks a receiver sends', () => {
  it('RFC 2018 §3: at most three blocks beside timestamps, the one holding the latest arrival first', () => {
    const t = new TcpHarness(recordingUpper(), ISS);
    t.ep.connect(0);
    t.deliver({ seq: PEER_ISS, ack: ISS + 1, flags: SYN | ACK, options: SYNACK_OPTS }, 10_000);
    t.sent();
    const blocks: { left: number; right: number }[][] = [];
    // Four single bytes, each after a hole.
    for (const at of [3, 5, 7, 9]) {
      t.deliver({ seq: PEER_ISS + at, ack: ISS + 1, flags: ACK, payload: Uint8Array.of(at) }, 20_000 + at);
      const [ack] = t.sent();
      expect(ack!.tcp!.header.ack).toBe(PEER_ISS + 1);
      const sack = ack!.tcp!.header.options.find((o) => o.kind === 'sack');
      blocks.push(sack?.kind === 'sack' ? sack.blocks.map((b) => ({ left: b.left - PEER_ISS, right: b.right - PEER_ISS })) : []);
    }
    expect(blocks.map((b) => b.length)).toEqual([1, 2, 3, 3]);
    expect(blocks[3]).toEqual([
      { left: 9, right: 10 },
      { left: 7, right: 8 },
      { left: 5, right: 6 },
    ]);
  });
});

describe('RFC 1122 §4.2.3.6: keepalives', () => {
  it('RFC 1122 §4.2.3.6: a keepalive is an ACK at SND.NXT − 1 with no data, and the peer that is still there answers it with an ACK', () => {
    const client = new TcpHarness(recordingUpper(), ISS);
    client.ep.connect(0);
    client.sent();
    client.deliver({ seq: PEER_ISS, ack: ISS + 1, flags: SYN | ACK, options: SYNACK_OPTS }, 10_000);
    client.sent();
    client.ep.sendKeepalive(20_000);
    const [probe] = client.sent();
    expect(probe!.tcp!.header).toMatchObject({ seq: ISS, ack: PEER_ISS + 1, flags: ACK });
    expect(probe!.payloadLength).toBe(0);
    // The peer finds SEQ = RCV.NXT − 1 outside its window and answers with an ACK (RFC 9293 §3.10.7.4).
    const server = new TcpHarness(recordingUpper(), PEER_ISS);
    server.acceptSyn({ seq: ISS, flags: SYN, options: SYNACK_OPTS }, 0);
    server.sent();
    server.deliver({ seq: ISS + 1, ack: PEER_ISS + 1, flags: ACK }, 10_000);
    server.sent();
    server.deliver({ seq: ISS, ack: PEER_ISS + 1, flags: ACK }, 20_000);
    expect(server.sent().map((p) => [p.tcp!.header.seq, p.tcp!.header.ack, p.tcp!.header.flags])).toEqual([[PEER_ISS + 1, ISS + 1, ACK]]);
  });
});
