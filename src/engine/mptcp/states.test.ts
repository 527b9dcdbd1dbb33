/**
 * MPTCP's explicit states (`states.ts`): the tables themselves, one
 * scripted connection walked through its data-level close, a join's
 * handshake, an illegal move refused, and the trace's arrows, TCP's
 * included.
 */
import { describe, expect, it } from 'vitest';
import { deriveFromKey, joinAckHmac } from '../crypto/mptcp-crypto.ts';
import { eventText, type HostEvent } from '../sim/events.ts';
import type { Dss } from '../wire/mptcp/types.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import { dssMapping as mapping, mptcpOf, openV1, SCRIPT_CLIENT as C, SCRIPT_ISN as ISN_C, SCRIPT_KEY as KEY_A, SCRIPT_SERVER as S, type MptcpHarness } from '../testing/mptcp-harness.ts';
import { canMoveConnection, canMoveJoin, type ConnectionState } from './states.ts';

const { SYN, ACK } = TCP_FLAG;
const text = (s: string) => new TextEncoder().encode(s);
const dataAck = (ack: bigint): Dss => ({ kind: 'dss', dataFin: false, dataAck64: true, dsn64: false, reserved: 0, dataAck: ack });
const moves = (h: MptcpHarness, kind: 'mptcp-state' | 'mptcp-join-state') => h.events(kind).map((e) => eventText(e as HostEvent));

describe('the tables', () => {
  it('the connection mirrors TCP on DATA_FINs, may fall back until it closes, and nothing leaves closed', () => {
    const legal: [ConnectionState, ConnectionState][] = [
      ['syn-sent', 'established'],
      ['syn-received', 'established'],
      ['established', 'fin-wait-1'],
      ['established', 'close-wait'],
      ['fin-wait-1', 'fin-wait-2'],
      ['fin-wait-1', 'closing'],
      ['close-wait', 'last-ack'],
      ['last-ack', 'closed'],
      ['established', 'fallback'],
      ['fallback', 'closed'],
    ];
    for (const [from, to] of legal) expect(canMoveConnection(from, to), `${from} → ${to}`).toBe(true);
    const illegal: [ConnectionState, ConnectionState][] = [
      ['closed', 'established'],
      ['fallback', 'established'],
      ['syn-sent', 'close-wait'],
      ['fin-wait-2', 'fin-wait-1'],
      ['last-ack', 'close-wait'],
    ];
    for (const [from, to] of illegal) expect(canMoveConnection(from, to), `${from} → ${to}`).toBe(false);
  });

  it('a join only moves forward, and a failed one stays failed', () => {
    expect(canMoveJoin('syn-sent', 'pre-established')).toBe(true);
    expect(canMoveJoin('pre-established', 'established')).toBe(true);
    expect(canMoveJoin('syn-received', 'established')).toBe(true);
    expect(canMoveJoin('established', 'syn-received')).toBe(false);
    expect(canMoveJoin('failed', 'established')).toBe(false);
  });
});

describe('RFC 8684 §3.3.3: the data level closes like TCP, on DATA_FINs', () => {
  it('RFC 8684 §3.3.3: the server goes syn-received → established → close-wait → last-ack → closed, each move traced with what moved it', () => {
    const { h, isnS, idsnA, idsnB } = openV1();
    // The client's 5 bytes and its DATA_FIN.
    h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1, options: [mapping(idsnA + 1n, 1, 6, true)], payload: text('hello') });
    const conn = h.stack.connections[0]!;
    expect(conn.mptcpState).toBe('close-wait');
    // The server's application closes: its DATA_FIN goes out, then the client acknowledges it.
    conn.at(h.sim.now).close();
    h.take();
    expect(conn.mptcpState).toBe('last-ack');
    h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 6, ack: isnS + 1, options: [dataAck(idsnB + 2n)] });
    expect(conn.mptcpState).toBe('closed');
    expect(moves(h, 'mptcp-state')).toEqual([
      'server connection 0e9d69d2: syn-received --MP_CAPABLE--> established',
      'server connection 0e9d69d2: established --DATA_FIN--> close-wait',
      'server connection 0e9d69d2: close-wait --DATA_FIN sent--> last-ack',
      'server connection 0e9d69d2: last-ack --both DATA_FINs--> closed',
    ]);
  });

  it('an illegal move is refused at once, naming it, and changes nothing', () => {
    const { h } = openV1();
    const conn = h.stack.connections[0]!;
    expect(() => conn.setState('syn-sent', 'mp-capable')).toThrow(/illegal move established → syn-sent/);
    expect(conn.mptcpState).toBe('established');
  });

  it('RFC 8684 §3.7: a fallback is a state of its own, left only for closed', () => {
    const { h, isnS } = openV1();
    // Data without any DSS on the only subflow: the server falls back (and keeps the bytes).
    h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1, payload: text('plain') });
    const conn = h.stack.connections[0]!;
    expect(conn.mptcpState).toBe('fallback');
    expect(() => conn.setState('established', 'mp-capable')).toThrow(/illegal move fallback → established/);
  });
});

describe('RFC 8684 §3.2: a join\'s states', () => {
  const C2 = '198.18.2.1:40001';
  const S2 = '198.18.2.2:8080';
  const NONCE_A = 0x11111111;

  function joinSyn(h: MptcpHarness, keyB: bigint) {
    const [synAck] = h.send({ from: C2, to: S2, flags: SYN, seq: 9000, options: [{ kind: 'mp-join-syn', backup: false, addressId: 1, token: deriveFromKey(1, keyB).token, nonce: NONCE_A, reserved: 0 }] });
    const j = mptcpOf(synAck)[0]!;
    if (j.kind !== 'mp-join-syn-ack') throw new Error('no MP_JOIN SYN/ACK');
    return { isn: synAck!.tcp!.header.seq, nonce: j.nonce };
  }

  it('RFC 8684 §3.2: the responder moves syn-received --ACK HMAC--> established on a third ACK whose HMAC verifies', () => {
    const { h, keyB } = openV1();
    const { isn, nonce } = joinSyn(h, keyB);
    h.send({ from: C2, to: S2, flags: ACK, seq: 9001, ack: isn + 1, options: [{ kind: 'mp-join-ack', hmac: joinAckHmac(1, KEY_A, keyB, NONCE_A, nonce), reserved: 0 }] });
    expect(h.stack.connections[0]!.subflows[1]!.joinState).toBe('established');
    expect(moves(h, 'mptcp-join-state').map((t) => t.replace(/^.*: join /, 'join '))).toEqual(['join syn-received --ACK HMAC--> established']);
  });

  it('RFC 8684 §3.2: a third ACK whose HMAC does not verify leaves the join failed, for good', () => {
    const { h, keyB } = openV1();
    const { isn } = joinSyn(h, keyB);
    h.send({ from: C2, to: S2, flags: ACK, seq: 9001, ack: isn + 1, options: [{ kind: 'mp-join-ack', hmac: new Uint8Array(20), reserved: 0 }] });
    expect(h.stack.connections[0]!.subflows[1]!.joinState).toBe('failed');
    expect(moves(h, 'mptcp-join-state').map((t) => t.replace(/^.*: join /, 'join '))).toEqual(['join syn-received --third-ack-hmac-mismatch--> failed']);
  });
});

describe('the TCP trace', () => {
  it('reads as arrows labelled with what moved the state: ESTABLISHED --FIN--> CLOSE_WAIT', () => {
    const { h, isnS } = openV1();
    h.send({ from: C, to: S, flags: ACK | TCP_FLAG.FIN, seq: ISN_C + 1, ack: isnS + 1 });
    const texts = h.events('tcp-state').map((e) => eventText(e));
    expect(texts).toContain('198.18.1.2:8080→198.18.1.1:40000: SYN_RECEIVED --ACK--> ESTABLISHED');
    expect(texts).toContain('198.18.1.2:8080→198.18.1.1:40000: ESTABLISHED --FIN--> CLOSE_WAIT');
  });
});
