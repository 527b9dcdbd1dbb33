/**
 * RFC 9293's state machine, one segment at a time: simultaneous open,
 * the two ways to TIME_WAIT, the answers to segments a state cannot take,
 * and the MSS a segment may carry. The endpoint's packets and states are
 * checked after each step.
 */
import { describe, expect, it } from 'vitest';
import { MptcpHarness, SCRIPT_SERVER } from '../testing/mptcp-harness.ts';
import { recordingUpper, TcpHarness } from '../testing/tcp-harness.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import type { TcpOption } from '../wire/tcp-options.ts';
import { canTransition, type TcpState } from './state.ts';
import { DEFAULT_TCP_CONFIG } from './types.ts';

const { SYN, ACK, FIN, RST } = TCP_FLAG;
const ISS = 1000;
const PEER_ISS = 5000;
const SYN_OPTS: TcpOption[] = [{ kind: 'mss', mss: 1460 }, { kind: 'sack-permitted' }, { kind: 'timestamps', tsval: 1, tsecr: 0 }, { kind: 'nop' }, { kind: 'window-scale', shift: 7 }];

/** Established after an active open, nothing to send. */
function established() {
  const t = new TcpHarness(recordingUpper(), ISS);
  t.ep.connect(0);
  t.sent();
  t.deliver({ seq: PEER_ISS, ack: ISS + 1, flags: SYN | ACK, options: SYN_OPTS }, 10_000);
  t.sent();
  return t;
}

const header = (t: TcpHarness) => t.sent().map((p) => p.tcp!.header);

describe('RFC 9293 §3.10.7.3: SYN_SENT', () => {
  it('RFC 9293 §3.10.7.3: simultaneous open: a bare SYN in SYN_SENT gives SYN_RECEIVED and a SYN/ACK from the same ISS; the ACK establishes', () => {
    const t = new TcpHarness(recordingUpper(), ISS);
    t.ep.connect(0);
    expect(header(t)).toMatchObject([{ flags: SYN, seq: ISS }]);
    expect(t.deliver({ seq: PEER_ISS, flags: SYN, options: SYN_OPTS }, 5_000)).toBe(true);
    expect(t.ep.state).toBe('SYN_RECEIVED');
    expect(header(t)).toMatchObject([{ flags: SYN | ACK, seq: ISS, ack: PEER_ISS + 1 }]);
    // The peer's own SYN/ACK (its SYN again, at IRS) is outside the window: answered with an ACK, not taken.
    expect(t.deliver({ seq: PEER_ISS, ack: ISS + 1, flags: SYN | ACK, options: SYN_OPTS }, 6_000)).toBe(false);
    expect(header(t)).toMatchObject([{ flags: ACK, seq: ISS + 1, ack: PEER_ISS + 1 }]);
    expect(t.ep.state).toBe('SYN_RECEIVED');
    expect(t.deliver({ seq: PEER_ISS + 1, ack: ISS + 1, flags: ACK }, 7_000)).toBe(true);
    expect(t.ep.state).toBe('ESTABLISHED');
    expect(t.events.filter((e) => e.kind === 'tcp-state').map((e) => e.kind === 'tcp-state' && e.cause)).toEqual(['active-open', 'simultaneous-open', 'handshake-acked']);
  });

  it('RFC 9293 §3.10.7.3: an ACK that acknowledges something never sent gets a bare RST at its ACK number; a RST in answer gets nothing', () => {
    const t = new TcpHarness(recordingUpper(), ISS);
    t.ep.connect(0);
    t.sent();
    expect(t.deliver({ seq: PEER_ISS, ack: ISS + 77, flags: SYN | ACK, options: SYN_OPTS })).toBe(false);
    expect(header(t)).toMatchObject([{ flags: RST, seq: ISS + 77 }]);
    expect(t.deliver({ seq: PEER_ISS, ack: ISS + 77, flags: RST | ACK })).toBe(false);
    expect(t.sent()).toEqual([]);
    expect(t.ep.state).toBe('SYN_SENT');
  });

  it('RFC 9293 §3.10.7.3: a RST whose ACK acknowledges the SYN closes the connection; one without an ACK is dropped', () => {
    const t = new TcpHarness(recordingUpper(), ISS);
    t.ep.connect(0);
    t.sent();
    expect(t.deliver({ seq: PEER_ISS, flags: RST })).toBe(false);
    expect(t.ep.state).toBe('SYN_SENT');
    expect(t.deliver({ seq: 0, ack: ISS + 1, flags: RST | ACK })).toBe(true);
    expect(t.ep.state).toBe('CLOSED');
    expect(t.sent()).toEqual([]);
  });
});

describe('RFC 9293 §3.3.2: closing, and the transitions no segment can cause', () => {
  it('RFC 9293 §3.3.2: simultaneous close goes FIN_WAIT_1 → CLOSING → TIME_WAIT, and CLOSED after the TIME_WAIT timer', () => {
    const t = established();
    t.ep.close(20_000);
    expect(t.ep.state).toBe('FIN_WAIT_1');
    expect(header(t)).toMatchObject([{ flags: FIN | ACK, seq: ISS + 1, ack: PEER_ISS + 1 }]);
    // The peer's FIN crossed ours: it does not acknowledge our FIN.
    t.deliver({ seq: PEER_ISS + 1, ack: ISS + 1, flags: FIN | ACK }, 21_000);
    expect(t.ep.state).toBe('CLOSING');
    expect(header(t)).toMatchObject([{ flags: ACK, seq: ISS + 2, ack: PEER_ISS + 2 }]);
    t.deliver({ seq: PEER_ISS + 2, ack: ISS + 2, flags: ACK }, 22_000);
    expect(t.ep.state).toBe('TIME_WAIT');
    expect(t.ep.nextTimeoutUs()).toBe(22_000 + DEFAULT_TCP_CONFIG.timeWaitUs);
    t.timeout(22_000 + DEFAULT_TCP_CONFIG.timeWaitUs);
    expect(t.ep.state).toBe('CLOSED');
    expect(t.sent()).toEqual([]);
  });

  it('RFC 9293 §3.3.2: an active close goes FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT, where a retransmitted FIN is acknowledged again', () => {
    const t = established();
    t.ep.close(20_000);
    t.sent();
    t.deliver({ seq: PEER_ISS + 1, ack: ISS + 2, flags: ACK }, 21_000);
    expect(t.ep.state).toBe('FIN_WAIT_2');
    expect(t.sent()).toEqual([]);
    t.deliver({ seq: PEER_ISS + 1, ack: ISS + 2, flags: FIN | ACK }, 22_000);
    expect(t.ep.state).toBe('TIME_WAIT');
    expect(header(t)).toMatchObject([{ flags: ACK, seq: ISS + 2, ack: PEER_ISS + 2 }]);
    // Our ACK was lost; the peer's FIN comes again.
    t.deliver({ seq: PEER_ISS + 1, ack: ISS + 2, flags: FIN | ACK }, 1_022_000);
    expect(header(t)).toMatchObject([{ flags: ACK, seq: ISS + 2, ack: PEER_ISS + 2 }]);
    expect(t.ep.state).toBe('TIME_WAIT');
  });

  it('RFC 9293 §3.10.7.4: a FIN retransmitted into TIME_WAIT restarts the 2 MSL timer (as Linux)', () => {
    const t = established();
    t.ep.close(20_000);
    t.sent();
    t.deliver({ seq: PEER_ISS + 1, ack: ISS + 2, flags: FIN | ACK }, 22_000);
    expect(t.ep.state).toBe('TIME_WAIT');
    expect(t.ep.nextTimeoutUs()).toBe(22_000 + DEFAULT_TCP_CONFIG.timeWaitUs);
    t.deliver({ seq: PEER_ISS + 1, ack: ISS + 2, flags: FIN | ACK }, 1_022_000);
    expect(t.ep.nextTimeoutUs()).toBe(1_022_000 + DEFAULT_TCP_CONFIG.timeWaitUs);
  });

  it('RFC 9293 §3.3.2: the passive close goes CLOSE_WAIT → LAST_ACK → CLOSED, with no TIME_WAIT', () => {
    const t = established();
    t.deliver({ seq: PEER_ISS + 1, ack: ISS + 1, flags: FIN | ACK }, 20_000);
    expect(t.ep.state).toBe('CLOSE_WAIT');
    expect(header(t)).toMatchObject([{ flags: ACK, ack: PEER_ISS + 2 }]);
    t.ep.close(21_000);
    expect(t.ep.state).toBe('LAST_ACK');
    expect(header(t)).toMatchObject([{ flags: FIN | ACK, seq: ISS + 1, ack: PEER_ISS + 2 }]);
    t.deliver({ seq: PEER_ISS + 2, ack: ISS + 2, flags: ACK }, 22_000);
    expect(t.ep.state).toBe('CLOSED');
  });

  it('RFC 9293 §3.3.2: no segment reopens TIME_WAIT or CLOSED: a SYN in TIME_WAIT earns an ACK, a CLOSED endpoint answers nothing', () => {
    const t = established();
    t.ep.close(20_000);
    t.deliver({ seq: PEER_ISS + 1, ack: ISS + 2, flags: FIN | ACK }, 21_000);
    expect(t.ep.state).toBe('TIME_WAIT');
    t.sent();
    expect(t.deliver({ seq: PEER_ISS + 2, flags: SYN }, 22_000)).toBe(false);
    expect(t.ep.state).toBe('TIME_WAIT');
    expect(header(t)).toMatchObject([{ flags: ACK, ack: PEER_ISS + 2 }]);
    expect(t.deliver({ seq: PEER_ISS + 2, flags: RST }, 23_000)).toBe(true);
    expect(t.ep.state).toBe('CLOSED');
    for (const flags of [SYN, SYN | ACK, ACK, FIN | ACK, RST]) expect(t.deliver({ seq: PEER_ISS + 2, ack: ISS + 2, flags }, 24_000)).toBe(false);
    expect(t.sent()).toEqual([]);
    expect(t.ep.state).toBe('CLOSED');
  });

  it('RFC 9293 §3.3.2: the transition table refuses every move the state diagram lacks', () => {
    const illegal: [TcpState, TcpState][] = [
      ['CLOSED', 'ESTABLISHED'],
      ['SYN_SENT', 'FIN_WAIT_1'],
      ['ESTABLISHED', 'SYN_RECEIVED'],
      ['ESTABLISHED', 'TIME_WAIT'],
      ['FIN_WAIT_2', 'CLOSING'],
      ['CLOSING', 'FIN_WAIT_2'],
      ['TIME_WAIT', 'ESTABLISHED'],
      ['TIME_WAIT', 'SYN_RECEIVED'],
      ['CLOSE_WAIT', 'FIN_WAIT_1'],
      ['LAST_ACK', 'TIME_WAIT'],
    ];
    for (const [from, to] of illegal) expect(canTransition(from, to), `${from} → ${to}`).toBe(false);
    const legal: [TcpState, TcpState][] = [
      ['SYN_SENT', 'SYN_RECEIVED'],
      ['FIN_WAIT_1', 'CLOSING'],
      ['FIN_WAIT_1', 'TIME_WAIT'],
      ['CLOSING', 'TIME_WAIT'],
      ['CLOSE_WAIT', 'LAST_ACK'],
    ];
    for (const [from, to] of legal) expect(canTransition(from, to), `${from} → ${to}`).toBe(true);
  });
});

describe('RFC 9293 §3.10.7.1: segments for no connection', () => {
  const CLIENT = '198.18.1.1:41000';
  const CLOSED_PORT = '198.18.1.2:9999';

  it('RFC 9293 §3.10.7.1: a SYN to a closed port gets RST|ACK acknowledging it; an ACK gets a bare RST at its ACK number; a RST gets nothing', () => {
    const h = new MptcpHarness();
    const [a] = h.send({ from: CLIENT, to: CLOSED_PORT, flags: SYN, seq: 7000 });
    expect(a!.tcp!.header).toMatchObject({ flags: RST | ACK, seq: 0, ack: 7001, srcPort: 9999, dstPort: 41000 });
    const [b] = h.send({ from: CLIENT, to: CLOSED_PORT, flags: ACK, seq: 7001, ack: 123456 });
    expect(b!.tcp!.header).toMatchObject({ flags: RST, seq: 123456 });
    expect(h.send({ from: CLIENT, to: CLOSED_PORT, flags: RST, seq: 7001 })).toEqual([]);
    expect(h.send({ from: CLIENT, to: SCRIPT_SERVER, flags: RST | ACK, seq: 7001, ack: 1 })).toEqual([]);
  });
});

describe('RFC 9293 §3.7.1: the MSS a segment may carry', () => {
  it('RFC 9293 §3.7.1: data segments never exceed the peer\'s MSS less the options they carry', () => {
    const t = new TcpHarness(recordingUpper({ pull: (_ep, maxLen) => ({ len: maxLen, fill: () => {}, meta: null }) }), ISS);
    t.ep.connect(0);
    t.sent();
    t.deliver({ seq: PEER_ISS, ack: ISS + 1, flags: SYN | ACK, options: [{ kind: 'mss', mss: 536 }, ...SYN_OPTS.slice(1)] }, 10_000);
    const data = t.sent().filter((p) => p.payloadLength > 0);
    expect(data.length).toBeGreaterThan(1);
    // 12 bytes of timestamps ride on every segment.
    for (const p of data) expect(p.payloadLength).toBe(536 - 12);
  });
});
