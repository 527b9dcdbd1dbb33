import { describe, expect, it } from 'vitest';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import { recordingUpper, TcpHarness } from '../testing/tcp-harness.ts';

const { SYN, ACK, RST, FIN, PSH } = TCP_FLAG;
const PEER_ISS = 5000;
const SYNACK_OPTS = [{ kind: 'mss' as const, mss: 1460 }, { kind: 'sack-permitted' as const }, { kind: 'timestamps' as const, tsval: 1, tsecr: 0 }, { kind: 'nop' as const }, { kind: 'window-scale' as const, shift: 7 }];

/** An endpoint that has completed an active open. */
function established(upper = recordingUpper()) {
  const t = new TcpHarness(upper);
  t.ep.connect(0);
  t.sent();
  t.deliver({ seq: PEER_ISS, ack: 1001, flags: SYN | ACK, options: SYNACK_OPTS }, 10_000);
  t.sent();
  return t;
}

describe('TCP handshake', () => {
  it('active open: SYN with Linux-ordered options, then ESTABLISHED and the third ACK', () => {
    const t = new TcpHarness();
    t.ep.connect(0);
    const [syn] = t.sent();
    expect(syn!.tcp!.header.flags).toBe(SYN);
    expect(syn!.tcp!.header.options.map((o) => o.kind)).toEqual(['mss', 'sack-permitted', 'timestamps', 'nop', 'window-scale']);
    expect(t.ep.state).toBe('SYN_SENT');
    expect(t.deliver({ seq: PEER_ISS, ack: 1001, flags: SYN | ACK, options: SYNACK_OPTS }, 10_000)).toBe(true);
    expect(t.ep.state).toBe('ESTABLISHED');
    const [ack] = t.sent();
    expect(ack!.tcp!.header).toMatchObject({ seq: 1001, ack: PEER_ISS + 1, flags: ACK });
    expect(t.ep.rtt.srttUs).toBe(10_000);
  });

  it('a SYN/ACK acknowledging something else gets a RST and changes nothing', () => {
    const t = new TcpHarness();
    t.ep.connect(0);
    t.sent();
    expect(t.deliver({ seq: PEER_ISS, ack: 4242, flags: SYN | ACK, options: SYNACK_OPTS })).toBe(false);
    expect(t.ep.state).toBe('SYN_SENT');
    expect(t.sent()[0]!.tcp!.header).toMatchObject({ flags: RST, seq: 4242 });
  });

  it('retransmits the SYN on timeout, with backoff', () => {
    const t = new TcpHarness();
    t.ep.connect(0);
    t.sent();
    expect(t.ep.nextTimeoutUs()).toBe(1_000_000);
    t.timeout(1_000_000);
    expect(t.sent()[0]!.tcp!.header.flags).toBe(SYN);
    expect(t.ep.nextTimeoutUs()).toBe(3_000_000);
  });
});

describe('RFC 5961 defences', () => {
  it('a RST at exactly RCV.NXT resets; one elsewhere in the window earns a challenge ACK', () => {
    const t = established();
    expect(t.deliver({ seq: PEER_ISS + 1 + 100, flags: RST })).toBe(false);
    expect(t.ep.state).toBe('ESTABLISHED');
    const [challenge] = t.sent();
    expect(challenge!.tcp!.header).toMatchObject({ flags: ACK, ack: PEER_ISS + 1 });
    expect(t.events.some((e) => e.kind === 'tcp-challenge-ack')).toBe(true);
    expect(t.deliver({ seq: PEER_ISS + 1, flags: RST })).toBe(true);
    expect(t.ep.state).toBe('CLOSED');
  });

  it('a RST outside the window is dropped silently', () => {
    const t = established();
    expect(t.deliver({ seq: PEER_ISS + 1 + 2 ** 30, flags: RST })).toBe(false);
    expect(t.ep.state).toBe('ESTABLISHED');
    expect(t.sent()).toEqual([]);
  });

  it('a SYN on an established connection earns a challenge ACK', () => {
    const t = established();
    expect(t.deliver({ seq: PEER_ISS + 1, flags: SYN })).toBe(false);
    expect(t.ep.state).toBe('ESTABLISHED');
    expect(t.sent()[0]!.tcp!.header.flags).toBe(ACK);
  });

  it('data with an ACK for bytes never sent is dropped and answered with an ACK', () => {
    const upper = recordingUpper();
    const t = established(upper);
    expect(t.deliver({ seq: PEER_ISS + 1, ack: 999_999, flags: ACK | PSH, payload: new Uint8Array(10) })).toBe(false);
    expect(upper.received).toEqual([]);
  });

  it('challenge ACKs are rate limited', () => {
    const t = established();
    for (let i = 0; i < 1100; i++) t.deliver({ seq: PEER_ISS + 1 + 10, flags: RST }, 20_000);
    expect(t.sent().length).toBe(1);
    expect(t.events.filter((e) => e.kind === 'tcp-challenge-ack-limited')).toHaveLength(1099);
  });
});

describe('data and close', () => {
  it('delivers in order, holds out-of-order data and ACKs a hole at once', () => {
    const upper = recordingUpper();
    const t = established(upper);
    const a = Uint8Array.of(1, 2, 3);
    const b = Uint8Array.of(4, 5);
    t.deliver({ seq: PEER_ISS + 4, ack: 1001, flags: ACK | PSH, payload: b });
    expect(upper.received).toEqual([]);
    expect(t.sent()[0]!.tcp!.header.ack).toBe(PEER_ISS + 1); // duplicate ACK for the hole
    t.deliver({ seq: PEER_ISS + 1, ack: 1001, flags: ACK | PSH, payload: a });
    expect(upper.received).toEqual([a, b]);
    expect(t.sent()[0]!.tcp!.header.ack).toBe(PEER_ISS + 6);
  });

  it('FIN from the peer moves to CLOSE_WAIT; our close sends FIN and LAST_ACK → CLOSED', () => {
    const t = established();
    t.deliver({ seq: PEER_ISS + 1, ack: 1001, flags: ACK | FIN });
    expect(t.ep.state).toBe('CLOSE_WAIT');
    expect(t.sent()[0]!.tcp!.header.ack).toBe(PEER_ISS + 2);
    t.ep.close(20_000);
    expect(t.ep.state).toBe('LAST_ACK');
    const [fin] = t.sent();
    expect(fin!.tcp!.header.flags & FIN).toBe(FIN);
    t.deliver({ seq: PEER_ISS + 2, ack: 1002, flags: ACK });
    expect(t.ep.state).toBe('CLOSED');
  });
});
