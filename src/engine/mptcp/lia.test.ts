/**
 * LIA's coupled set (RFC 6356 §3), driven through real TCP endpoints: an
 * ACK on one subflow grows its window by the coupled increase while the
 * other subflow can send, and by Reno's once that subflow is gone.
 */
import { describe, expect, it } from 'vitest';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import type { TcpOption } from '../wire/tcp-options.ts';
import { recordingUpper, TcpHarness } from '../testing/tcp-harness.ts';
import { LiaGroup } from './lia.ts';

const { SYN, ACK } = TCP_FLAG;
const ISS = 1000;
const PEER_ISS = 5000;
const SYNACK_OPTS: TcpOption[] = [{ kind: 'mss', mss: 1460 }, { kind: 'sack-permitted' }, { kind: 'timestamps', tsval: 1, tsecr: 0 }, { kind: 'nop' }, { kind: 'window-scale', shift: 7 }];

/** A subflow with a 10 ms RTT that has sent its initial window, coupled into `lia` as subflow.ts couples it, in congestion avoidance. */
function subflow(lia: LiaGroup, state = { preEstablished: false }) {
  const t = new TcpHarness(recordingUpper({ pull: (_ep, maxLen) => ({ len: maxLen, fill: () => {}, meta: null }) }), ISS);
  const ep = t.ep;
  const member = { get cc() { return ep.cc; }, get srttUs() { return ep.rtt.srttUs; }, get preEstablished() { return state.preEstablished; } };
  lia.members.add(member);
  ep.cc.policy = lia.policyFor(member);
  ep.connect(0);
  t.deliver({ seq: PEER_ISS, ack: ISS + 1, flags: SYN | ACK, options: SYNACK_OPTS }, 10_000);
  t.sent();
  ep.cc.ssthresh = 2 * ep.cc.mss;
  return t;
}

/** The survivor's cwnd growth for an ACK of its first segment, 10 ms after it was sent. */
function growthOnAck(t: TcpHarness): number {
  const before = t.ep.cc.cwnd;
  t.deliver({ seq: PEER_ISS + 1, ack: ISS + 1 + t.ep.cc.mss, flags: ACK }, 20_000);
  return t.ep.cc.cwnd - before;
}

describe('RFC 6356 §3: the coupled set holds only subflows that can send', () => {
  it('with two equal subflows an ACK grows the window by a quarter of Reno (alpha = 1/2, cwnd_total = 2 cwnd)', () => {
    const lia = new LiaGroup();
    const a = subflow(lia);
    subflow(lia);
    const reno = (a.ep.cc.mss * a.ep.cc.mss) / a.ep.cc.cwnd;
    expect(growthOnAck(a)).toBeCloseTo(reno / 4, 6);
  });

  it('after the other subflow closes, the survivor grows by exactly Reno\'s increase per ACK', () => {
    const lia = new LiaGroup();
    const a = subflow(lia);
    const b = subflow(lia);
    b.ep.abort(15_000);
    expect(b.ep.state).toBe('CLOSED');
    const reno = (a.ep.cc.mss * a.ep.cc.mss) / a.ep.cc.cwnd;
    expect(growthOnAck(a)).toBeCloseTo(reno, 6);
  });

  it('a join still waiting for its fourth ACK (pre-established) is not coupled yet: the other grows by Reno\'s increase; once in use, by a quarter', () => {
    const growthBeside = (preEstablished: boolean) => {
      const lia = new LiaGroup();
      const a = subflow(lia);
      subflow(lia, { preEstablished });
      const reno = (a.ep.cc.mss * a.ep.cc.mss) / a.ep.cc.cwnd;
      return growthOnAck(a) / reno;
    };
    expect(growthBeside(true)).toBeCloseTo(1, 6);
    expect(growthBeside(false)).toBeCloseTo(1 / 4, 6);
  });
});
