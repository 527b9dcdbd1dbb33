/**
 * Loss recovery, one ACK at a time, each test named after the rule it pins:
 * what counts as a duplicate ACK (RFC 5681 §2, RFC 8684 §3.3.6), NewReno's
 * fast retransmit and partial ACKs (RFC 6582 §3.2), SACK loss marking and
 * recovery (RFC 6675 §4, §5) and the retransmission timer's backoff
 * (RFC 6298 §5.5). The sender always has data; the peer is the script.
 */
import { describe, expect, it } from 'vitest';
import { recordingUpper, TcpHarness } from '../testing/tcp-harness.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import type { TcpOption } from '../wire/tcp-options.ts';
import { ipv4 } from '../wire/ip-address.ts';

const { SYN, ACK } = TCP_FLAG;
const ISS = 1000;
const PEER_ISS = 5000;
const PEER_SEQ = PEER_ISS + 1;
/** MSS 1460 less 12 bytes of timestamps. */
const SMSS = 1448;
const TS: TcpOption = { kind: 'timestamps', tsval: 1, tsecr: 0 };
const WITH_SACK: TcpOption[] = [{ kind: 'mss', mss: 1460 }, { kind: 'sack-permitted' }, TS, { kind: 'nop' }, { kind: 'window-scale', shift: 7 }];
const WITHOUT_SACK: TcpOption[] = [{ kind: 'mss', mss: 1460 }, { kind: 'nop' }, { kind: 'nop' }, TS, { kind: 'nop' }, { kind: 'window-scale', shift: 7 }];
/** The window every ACK of the script advertises (512 << 7 bytes), so that only the first one changes it. */
const WINDOW = 512;

const seg = (i: number) => ISS + 1 + i * SMSS;

/** Established (SYN/ACK after 10 ms), the initial window of 10 segments sent and taken. */
function sender(options: TcpOption[]) {
  const t = new TcpHarness(recordingUpper({ pull: (_ep, maxLen) => ({ len: maxLen, fill: () => {}, meta: null }) }), ISS);
  t.ep.connect(0);
  t.sent();
  t.deliver({ seq: PEER_ISS, ack: ISS + 1, flags: SYN | ACK, options }, 10_000);
  expect(dataSeqs(t)).toHaveLength(10);
  return t;
}

function dataSeqs(t: TcpHarness): number[] {
  return t.sent().filter((p) => p.payloadLength > 0).map((p) => p.tcp!.header.seq);
}

const ackFor = (ack: number, extra: Partial<{ window: number; options: TcpOption[]; payload: Uint8Array }> = {}) => ({ seq: PEER_SEQ, ack, flags: ACK, window: WINDOW, ...extra });
const fastRetransmits = (t: TcpHarness) => t.events.filter((e) => e.kind === 'tcp-fast-retransmit');

describe('RFC 5681 §2 and RFC 6582 §3.2: duplicate ACKs and NewReno (no SACK)', () => {
  /** Segment 0 acknowledged at 20 ms (sending segments 10 and 11); segment 1 then lost. */
  function afterFirstAck() {
    const t = sender(WITHOUT_SACK);
    t.deliver(ackFor(seg(1)), 20_000);
    expect(dataSeqs(t)).toEqual([seg(10), seg(11)]);
    return t;
  }

  it('RFC 5681 §3.2 and RFC 6582 §3.2: the third duplicate ACK resends the first unacknowledged segment at once and halves the window', () => {
    const t = afterFirstAck();
    t.deliver(ackFor(seg(1)), 21_000);
    t.deliver(ackFor(seg(1)), 22_000);
    expect(t.sent()).toEqual([]);
    expect(fastRetransmits(t)).toEqual([]);
    t.deliver(ackFor(seg(1)), 23_000);
    expect(fastRetransmits(t)).toMatchObject([{ trigger: 'dup-acks', sndUna: seg(1) }]);
    expect(dataSeqs(t)[0]).toBe(seg(1));
    // ssthresh = max(FlightSize / 2, 2 SMSS): 11 segments were in flight.
    expect(t.ep.cc.ssthresh).toBe((11 * SMSS) / 2);
    expect(t.ep.cc.recover).toBe(seg(12));
  });

  it('RFC 6582 §3.2: a partial ACK resends the next hole at once and stays in recovery; the full ACK ends it', () => {
    const t = afterFirstAck();
    for (const at of [21_000, 22_000, 23_000]) t.deliver(ackFor(seg(1)), at);
    t.sent();
    // Segments 1 and 2 arrive, 3 was lost too: a partial ACK.
    t.deliver(ackFor(seg(3)), 40_000);
    expect(dataSeqs(t)[0]).toBe(seg(3));
    expect(t.ep.cc.recover).not.toBeNull();
    expect(fastRetransmits(t)).toHaveLength(1);
    // Everything up to the highest sequence number sent at the third duplicate ACK: nothing is left in
    // flight, so cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS), and two new segments go out.
    t.deliver(ackFor(seg(12)), 60_000);
    expect(t.ep.cc.recover).toBeNull();
    expect(t.ep.cc.cwnd).toBe(2 * SMSS);
    expect(dataSeqs(t)).toEqual([seg(12), seg(13)]);
    expect(t.events.filter((e) => e.kind === 'tcp-rto')).toEqual([]);
  });

  it('RFC 5681 §2: ACKs that move the window or carry data are not duplicates, however many come', () => {
    const t = afterFirstAck();
    for (let i = 0; i < 4; i++) t.deliver(ackFor(seg(1), { window: WINDOW + 1 + i }), 21_000 + i * 1000);
    for (let i = 0; i < 4; i++) t.deliver({ ...ackFor(seg(1)), seq: PEER_SEQ + i, payload: Uint8Array.of(i) }, 30_000 + i * 1000);
    expect(fastRetransmits(t)).toEqual([]);
    expect(t.sent().filter((p) => p.payloadLength > 0 && p.tcp!.header.seq === seg(1))).toEqual([]);
  });

  it('RFC 8684 §3.3.6: duplicate ACKs carrying an MPTCP signal (ADD_ADDR, REMOVE_ADDR, MP_PRIO) are not congestion signals', () => {
    const t = afterFirstAck();
    const signals: TcpOption[][] = [
      [{ kind: 'add-addr', version: 1, echo: true, addressId: 2, address: ipv4(198, 18, 2, 1), reserved: 0 }],
      [{ kind: 'remove-addr', addressIds: [2], reserved: 0 }],
      [{ kind: 'nop' }, { kind: 'mp-prio', backup: true, reserved: 0 }],
      [{ kind: 'add-addr', version: 1, echo: true, addressId: 3, address: ipv4(198, 18, 3, 1), reserved: 0 }],
    ];
    signals.forEach((options, i) => t.deliver(ackFor(seg(1), { options }), 21_000 + i * 1000));
    expect(fastRetransmits(t)).toEqual([]);
    // Three plain duplicates still do.
    for (const at of [30_000, 31_000, 32_000]) t.deliver(ackFor(seg(1)), at);
    expect(fastRetransmits(t)).toHaveLength(1);
  });
});

describe('RFC 6675 §4 and §5: SACK loss recovery', () => {
  const sack = (left: number, right: number): TcpOption[] => [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'sack', blocks: [{ left, right }] }];

  it('RFC 6675 §4: a segment is lost once DupThresh (3) segments above it are SACKed, and not before', () => {
    const t = sender(WITH_SACK);
    t.deliver(ackFor(ISS + 1, { options: sack(seg(1), seg(3)) }), 20_000);
    expect(fastRetransmits(t)).toEqual([]);
    expect(dataSeqs(t)).not.toContain(seg(0));
    t.deliver(ackFor(ISS + 1, { options: sack(seg(1), seg(4)) }), 21_000);
    expect(fastRetransmits(t)).toMatchObject([{ trigger: 'sack', sndUna: ISS + 1 }]);
    expect(dataSeqs(t)[0]).toBe(seg(0));
  });

  it('RFC 6675 §5: entering recovery sets RecoveryPoint to HighData and cwnd = ssthresh = FlightSize / 2; only holes are resent', () => {
    const t = sender(WITH_SACK);
    t.deliver(ackFor(ISS + 1, { options: sack(seg(1), seg(4)) }), 20_000);
    expect(t.ep.cc.recover).toBe(seg(10));
    expect(t.ep.cc.ssthresh).toBe(5 * SMSS);
    expect(t.ep.cc.cwnd).toBe(5 * SMSS);
    const resent = dataSeqs(t);
    expect(resent[0]).toBe(seg(0));
    for (const s of [seg(1), seg(2), seg(3)]) expect(resent).not.toContain(s);
  });
});

describe('RFC 6298 §5.5: the retransmission timer backs off', () => {
  it('RFC 6298 §5.5: each expiry resends the first unacknowledged segment and doubles the RTO, which an ACK of resent data does not reset', () => {
    const t = sender(WITH_SACK);
    // One 10 ms sample from the SYN: the RTO is its 200 ms floor.
    let at = 10_000;
    const deadlines: number[] = [];
    for (let i = 0; i < 4; i++) {
      const next = t.ep.nextTimeoutUs();
      deadlines.push(next - at);
      at = next;
      t.timeout(at);
      expect(dataSeqs(t)).toEqual([seg(0)]);
    }
    expect(deadlines).toEqual([200_000, 400_000, 800_000, 1_600_000]);
    expect(t.ep.nextTimeoutUs() - at).toBe(3_200_000);
    // The resent segment is acknowledged: no RTT sample from it (Karn), so the backed-off RTO stays.
    t.deliver(ackFor(seg(1)), at + 10_000);
    expect(t.ep.rtt.rtoUs).toBe(3_200_000);
    expect(t.ep.rtt.srttUs).toBe(10_000);
  });
});
