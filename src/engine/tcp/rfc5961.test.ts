/**
 * RFC 5961's three checks, one segment at a time, on an established
 * endpoint: RSTs (§3.2), SYNs (§4.2) and ACKs (§5.2). Each case checks the
 * packet the endpoint answers with (or that it answers nothing), its state,
 * and whether the segment's data was taken.
 */
import { describe, expect, it } from 'vitest';
import { recordingUpper, TcpHarness } from '../testing/tcp-harness.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import type { TcpOption } from '../wire/tcp-options.ts';

const { SYN, ACK, RST, PSH } = TCP_FLAG;
const ISS = 1000;
const PEER_ISS = 5000;
const RCV_NXT = PEER_ISS + 1;
const SYN_OPTS: TcpOption[] = [{ kind: 'mss', mss: 1460 }, { kind: 'sack-permitted' }, { kind: 'timestamps', tsval: 1, tsecr: 0 }, { kind: 'nop' }, { kind: 'window-scale', shift: 7 }];
/** The receive window the endpoint advertises, in bytes (its SYN's wscale 7 applied). */
const IN_WINDOW = RCV_NXT + 60_000;
const BEYOND_WINDOW = RCV_NXT + 2 ** 30;

function established() {
  const upper = recordingUpper();
  const t = new TcpHarness(upper, ISS);
  t.ep.connect(0);
  t.sent();
  t.deliver({ seq: PEER_ISS, ack: ISS + 1, flags: SYN | ACK, options: SYN_OPTS }, 10_000);
  t.sent();
  return { t, upper };
}

const challengeAcks = (t: TcpHarness) => t.events.filter((e) => e.kind === 'tcp-challenge-ack');
/** The challenge ACK's shape: SND.NXT and RCV.NXT, nothing else. */
const CHALLENGE = { flags: ACK, seq: ISS + 1, ack: RCV_NXT };

describe('RFC 5961 §3.2: RST', () => {
  it('RFC 5961 §3.2: a RST at exactly RCV.NXT resets the connection, and nothing is sent', () => {
    const { t } = established();
    expect(t.deliver({ seq: RCV_NXT, flags: RST }, 20_000)).toBe(true);
    expect(t.ep.state).toBe('CLOSED');
    expect(t.sent()).toEqual([]);
  });

  it('RFC 5961 §3.2: a RST inside the window but not at RCV.NXT earns a challenge ACK and changes nothing', () => {
    const { t } = established();
    for (const seq of [RCV_NXT + 1, IN_WINDOW]) {
      expect(t.deliver({ seq, flags: RST | ACK, ack: ISS + 1 }, seq === IN_WINDOW ? 30_000 : 20_000)).toBe(false);
    }
    expect(t.ep.state).toBe('ESTABLISHED');
    // One challenge ACK: the second RST came within the 500 ms per-socket limit (RFC 5961 §7).
    expect(t.sent().map((p) => p.tcp!.header)).toMatchObject([CHALLENGE]);
    expect(challengeAcks(t)).toMatchObject([{ trigger: { what: 'rst-not-rcv-nxt', seq: RCV_NXT + 1, rcvNxt: RCV_NXT } }]);
  });

  it('RFC 5961 §3.2: a RST outside the window, before or beyond it, is dropped without an answer', () => {
    const { t } = established();
    for (const seq of [RCV_NXT - 1, BEYOND_WINDOW]) expect(t.deliver({ seq, flags: RST }, 20_000)).toBe(false);
    expect(t.sent()).toEqual([]);
    expect(t.ep.state).toBe('ESTABLISHED');
  });
});

describe('RFC 5961 §4.2: SYN in a synchronized state', () => {
  it('RFC 5961 §4.2: a SYN at RCV.NXT, in the window, or beyond it earns a challenge ACK, never a reset', () => {
    for (const seq of [RCV_NXT, IN_WINDOW, BEYOND_WINDOW]) {
      const { t } = established();
      expect(t.deliver({ seq, flags: SYN }, 20_000)).toBe(false);
      expect(t.ep.state).toBe('ESTABLISHED');
      expect(t.sent().map((p) => p.tcp!.header)).toMatchObject([CHALLENGE]);
      expect(challengeAcks(t)).toMatchObject([{ trigger: { what: 'syn-synchronized', state: 'ESTABLISHED' } }]);
    }
  });

  it('RFC 5961 §4.2: a SYN/ACK on an established connection is treated the same way', () => {
    const { t } = established();
    expect(t.deliver({ seq: IN_WINDOW, ack: ISS + 1, flags: SYN | ACK }, 20_000)).toBe(false);
    expect(t.sent().map((p) => p.tcp!.header)).toMatchObject([CHALLENGE]);
    expect(t.ep.state).toBe('ESTABLISHED');
  });
});

describe('RFC 5961 §5.2: ACK', () => {
  const data = Uint8Array.of(1, 2, 3);

  it('RFC 5961 §5.2: data whose ACK is older than SND.UNA − MAX.SND.WND is dropped and earns a challenge ACK', () => {
    const { t, upper } = established();
    // MAX.SND.WND is the SYN/ACK's unscaled 65535 so far.
    expect(t.deliver({ seq: RCV_NXT, ack: ISS + 1 - 65_536, flags: ACK | PSH, payload: data }, 20_000)).toBe(false);
    expect(upper.received).toEqual([]);
    expect(t.ep.rcvNxt).toBe(RCV_NXT);
    expect(t.sent().map((p) => p.tcp!.header)).toMatchObject([CHALLENGE]);
    expect(challengeAcks(t)).toMatchObject([{ trigger: { what: 'old-ack', sndUna: ISS + 1, maxSndWnd: 65535 } }]);
  });

  it('RFC 5961 §5.2: an old ACK within MAX.SND.WND of SND.UNA is acceptable: the data is taken', () => {
    const { t, upper } = established();
    expect(t.deliver({ seq: RCV_NXT, ack: ISS + 1 - 65_535, flags: ACK | PSH, payload: data }, 20_000)).toBe(true);
    expect(upper.received).toEqual([data]);
    expect(challengeAcks(t)).toEqual([]);
  });

  it('RFC 5961 §5.2: data whose ACK acknowledges bytes never sent is dropped and answered with a plain ACK', () => {
    const { t, upper } = established();
    expect(t.deliver({ seq: RCV_NXT, ack: ISS + 2, flags: ACK | PSH, payload: data }, 20_000)).toBe(false);
    expect(upper.received).toEqual([]);
    expect(t.sent().map((p) => p.tcp!.header)).toMatchObject([{ flags: ACK, seq: ISS + 1, ack: RCV_NXT }]);
    expect(t.events.filter((e) => e.kind === 'tcp-drop')).toMatchObject([{ cause: 'ack-of-unsent', ack: ISS + 2, sndMax: ISS + 1 }]);
  });
});
