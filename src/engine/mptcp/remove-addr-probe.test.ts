/**
 * remove-addr-probe (RFC 8684 §3.4.2), one segment at a time: a scripted
 * client sends REMOVE_ADDR for the initial subflow's address (ID 0) to a
 * real server host, and whether the subflow closes follows from what the
 * host sent and what came back.
 */
import { describe, expect, it } from 'vitest';
import { openV1, SCRIPT_CLIENT as C, SCRIPT_ISN as ISN_C, SCRIPT_SERVER as S } from '../testing/mptcp-harness.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import { REMOVE_ADDR_PROBE_RTOS } from './path-manager.ts';
import { eventText } from '../sim/events.ts';

const { ACK, FIN } = TCP_FLAG;

function removed(probe: boolean) {
  const opened = openV1(probe ? { mitigations: new Set(['remove-addr-probe']) } : {});
  const { h, isnS } = opened;
  const sf = h.stack.connections[0]!.subflows[0]!;
  const base = { from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1 };
  const answer = h.send({ ...base, options: [{ kind: 'remove-addr', addressIds: [0], reserved: 0 }] });
  return { ...opened, sf, base, answer, sentAt: h.sim.now };
}

describe('RFC 8684 §3.4.2: REMOVE_ADDR is checked with a TCP keepalive before a subflow is closed (remove-addr-probe)', () => {
  it('without the setting, as Linux, the host closes the subflow at once with a FIN', () => {
    const { h, answer } = removed(false);
    expect(answer.some((p) => (p.tcp!.header.flags & FIN) !== 0)).toBe(true);
    expect(h.events('mptcp-remove-addr')[0]).toMatchObject({ addressId: 0, subflows: 1 });
    expect(h.events('mptcp-remove-addr-probe')).toEqual([]);
  });

  it('with it, the host sends a keepalive (an ACK one byte before SND.NXT, no data) and keeps the subflow that answers', () => {
    const { h, sf, isnS, base, answer, sentAt } = removed(true);
    expect(answer).toHaveLength(1);
    const probe = answer[0]!.tcp!;
    expect(answer[0]!.payloadLength).toBe(0);
    expect(probe.header.flags).toBe(ACK);
    expect(probe.header.seq).toBe(isnS); // SND.NXT is isnS + 1: nothing sent since the SYN/ACK
    expect(h.events('mptcp-remove-addr-probe')[0]).toMatchObject({ addressId: 0, subflows: 1, waitUs: REMOVE_ADDR_PROBE_RTOS * sf.ep.rtt.rtoUs });
    // The client's ACK answers it.
    h.send(base);
    const kept = h.events('mptcp-remove-addr-kept');
    expect(kept).toHaveLength(1);
    expect(eventText(kept[0]!)).toMatch(/: REMOVE_ADDR for id 0 not acted upon: the subflow answered the keepalive probe$/);
    h.sim.run(sentAt + 10 * REMOVE_ADDR_PROBE_RTOS * sf.ep.rtt.rtoUs);
    expect(h.take().some((p) => (p.tcp!.header.flags & FIN) !== 0)).toBe(false);
    expect(sf.ep.state).toBe('ESTABLISHED');
    expect(h.events('mptcp-remove-addr')).toEqual([]);
  });

  it('with it, a subflow that answers nothing (a dead address) is closed after a second probe, REMOVE_ADDR_PROBE_RTOS RTOs after the first', () => {
    const { h, sf, isnS, sentAt } = removed(true);
    const rto = sf.ep.rtt.rtoUs;
    h.sim.run(sentAt + rto * REMOVE_ADDR_PROBE_RTOS - 1);
    const before = h.take();
    expect(before.map((p) => [p.tcp!.header.flags, p.tcp!.header.seq])).toEqual([[ACK, isnS]]);
    expect(sf.ep.state).toBe('ESTABLISHED');
    h.sim.run(sentAt + rto * REMOVE_ADDR_PROBE_RTOS);
    expect(h.take().some((p) => (p.tcp!.header.flags & FIN) !== 0)).toBe(true);
    const closed = h.events('mptcp-remove-addr')[0]!;
    expect(closed).toMatchObject({ addressId: 0, subflows: 1, unanswered: true, timeUs: sentAt + rto * REMOVE_ADDR_PROBE_RTOS });
    expect(h.events('mptcp-remove-addr-kept')).toEqual([]);
  });
});
