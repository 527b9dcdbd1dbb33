/**
 * RFC 8684's signals at an established connection, one segment at a time:
 * a scripted client talks to a real server host, and each test checks the
 * options the server puts on the wire and the state it keeps: ADD_ADDR
 * sent, retransmitted and echoed (§3.4.1), REMOVE_ADDR (§3.4.2), MP_PRIO
 * (§3.3.8), DATA_FIN (§3.3.3), the connection-level receive window
 * (§3.3.5) and MP_TCPRST (§3.6).
 */
import { describe, expect, it } from 'vitest';
import { addAddrHmac, deriveFromKey, joinAckHmac } from '../crypto/mptcp-crypto.ts';
import { ipv4 } from '../wire/ip-address.ts';
import type { Dss, MptcpOption } from '../wire/mptcp/types.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import type { DecodedPacket } from '../wire/packet.ts';
import { dssMapping as mapping, MptcpHarness, mptcpOf, openV1, SCRIPT_CLIENT as C, SCRIPT_ISN as ISN_C, SCRIPT_KEY as KEY_A, SCRIPT_SERVER as S } from '../testing/mptcp-harness.ts';
import type { MptcpSettings } from './settings.ts';

const { SYN, ACK, RST, FIN } = TCP_FLAG;
const C2 = '198.18.2.1:40001';
const S2 = '198.18.2.2:8080';
const NONCE_A = 0x11111111;
const JOIN_ISN = 9000;
const text = (s: string) => new TextEncoder().encode(s);

/** The v1 handshake by hand, keeping what the server sent in answer to the third ACK. */
function openKeepingThirdAckAnswer(settings: Partial<MptcpSettings>) {
  const h = new MptcpHarness(settings);
  const [synAck] = h.send({ from: C, to: S, flags: SYN, seq: ISN_C, options: [{ kind: 'mp-capable', version: 1, flags: 0x01 }] });
  const mpc = mptcpOf(synAck)[0]!;
  if (mpc.kind !== 'mp-capable' || mpc.senderKey === undefined) throw new Error('no key');
  const isnS = synAck!.tcp!.header.seq;
  const answer = h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1, options: [{ kind: 'mp-capable', version: 1, flags: 0x01, senderKey: KEY_A, receiverKey: mpc.senderKey }] });
  return { h, keyB: mpc.senderKey, isnS, answer };
}

/** A second subflow from C2 (address ID 1) to S2, joined in full: its SYN/ACK's ISN. */
function join(h: MptcpHarness, keyB: bigint, addressId = 1): number {
  const [synAck] = h.send({ from: C2, to: S2, flags: SYN, seq: JOIN_ISN, options: [{ kind: 'mp-join-syn', backup: false, addressId, token: deriveFromKey(1, keyB).token, nonce: NONCE_A, reserved: 0 }] });
  const j = mptcpOf(synAck)[0]!;
  if (j.kind !== 'mp-join-syn-ack') throw new Error('no MP_JOIN SYN/ACK');
  const isn = synAck!.tcp!.header.seq;
  h.send({ from: C2, to: S2, flags: ACK, seq: JOIN_ISN + 1, ack: isn + 1, options: [{ kind: 'mp-join-ack', hmac: joinAckHmac(1, KEY_A, keyB, NONCE_A, j.nonce), reserved: 0 }] });
  expect(h.events('mptcp-join-accepted')).toHaveLength(1);
  return isn;
}

const optionsOf = <K extends MptcpOption['kind']>(packets: DecodedPacket[], kind: K) => packets.flatMap((p) => mptcpOf(p)).filter((o): o is Extract<MptcpOption, { kind: K }> => o.kind === kind);
const dssOf = (packets: DecodedPacket[]) => optionsOf(packets, 'dss') as Dss[];

describe('RFC 8684 §3.4.1: ADD_ADDR', () => {
  const ADDR2 = ipv4(198, 18, 2, 2);
  const announcing = { pathManager: { endpoints: [{ address: '198.18.2.2', flags: ['signal' as const], id: 2 }], limits: { subflows: 2, addAddrAccepted: 0 } } };

  it('RFC 8684 §3.4.1: once fully established the server announces its address on a pure ACK, with the HMAC of its key first, and resends it until echoed', () => {
    const { h, keyB, answer } = openKeepingThirdAckAnswer(announcing);
    const expected = { kind: 'add-addr', version: 1, echo: false, addressId: 2, address: ADDR2, reserved: 0, hmac: addAddrHmac(keyB, KEY_A, 2, ADDR2) };
    const [first] = answer.filter((p) => optionsOf([p], 'add-addr').length > 0);
    expect(first!.payloadLength).toBe(0);
    expect(optionsOf([first!], 'add-addr')).toEqual([expected]);
    // Not echoed: resent after 200 ms (the RTO), then after 400 ms.
    const start = h.sim.now;
    h.sim.run(start + 199_000);
    expect(optionsOf(h.take(), 'add-addr')).toEqual([]);
    h.sim.run(start + 200_000);
    expect(optionsOf(h.take(), 'add-addr')).toEqual([expected]);
    h.sim.run(start + 600_000);
    expect(optionsOf(h.take(), 'add-addr')).toEqual([expected]);
    // The echo (no HMAC) stops it.
    h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: first!.tcp!.header.seq, options: [{ kind: 'add-addr', version: 1, echo: true, addressId: 2, address: ADDR2, reserved: 0 }] });
    expect(h.events('mptcp-add-addr-echoed')).toMatchObject([{ addressId: 2 }]);
    h.sim.run(start + 10_000_000);
    expect(optionsOf(h.take(), 'add-addr')).toEqual([]);
  });

  it('RFC 8684 §3.4.1: an ADD_ADDR never echoed is sent four times in all (three retransmissions), the timeout doubling, then given up', () => {
    const { h } = openKeepingThirdAckAnswer(announcing);
    const start = h.sim.now;
    const at: number[] = [];
    for (let t = start; t <= start + 5_000_000; t += 10_000) {
      h.sim.run(t);
      if (optionsOf(h.take(), 'add-addr').length > 0) at.push(t - start);
    }
    expect(at).toEqual([200_000, 600_000, 1_400_000]);
    expect(h.events('mptcp-add-addr-sent').map((e) => e.tries)).toEqual([1, 2, 3, 4]);
    expect(h.events('mptcp-add-addr-unechoed')).toMatchObject([{ addressId: 2, retransmissions: 3 }]);
  });

  it('RFC 8684 §3.4.1: a received ADD_ADDR with the right HMAC is echoed without HMAC on a pure ACK; a wrong one gets no answer', () => {
    const { h, keyB, isnS } = openV1();
    const ADDR = ipv4(198, 18, 7, 7);
    const good = addAddrHmac(KEY_A, keyB, 5, ADDR);
    const base = { from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1 };
    expect(h.send({ ...base, options: [{ kind: 'add-addr', version: 1, echo: false, addressId: 5, address: ADDR, hmac: good ^ (1n << 63n), reserved: 0 }] })).toEqual([]);
    const out = h.send({ ...base, options: [{ kind: 'add-addr', version: 1, echo: false, addressId: 5, address: ADDR, hmac: good, reserved: 0 }] });
    expect(out).toHaveLength(1);
    expect(out[0]!.payloadLength).toBe(0);
    expect(optionsOf(out, 'add-addr')).toEqual([{ kind: 'add-addr', version: 1, echo: true, addressId: 5, address: ADDR, reserved: 0 }]);
  });
});

describe('RFC 8684 §3.4.2: REMOVE_ADDR', () => {
  it('RFC 8684 §3.4.2: a REMOVE_ADDR of the joined address ID closes that subflow with a FIN; the initial subflow stays', () => {
    const { h, keyB, isnS } = openV1();
    const joinIsn = join(h, keyB);
    const out = h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1, options: [{ kind: 'remove-addr', addressIds: [1], reserved: 0 }] });
    const fin = out.find((p) => p.tcp!.header.flags & FIN);
    expect(fin!.tcp!.header).toMatchObject({ srcPort: 8080, dstPort: 40001, seq: joinIsn + 1 });
    expect(h.events('mptcp-remove-addr')).toMatchObject([{ addressId: 1, subflows: 1 }]);
    const conn = h.stack.connections[0]!;
    expect(conn.subflows.map((s) => s.ep.state)).toEqual(['ESTABLISHED', 'FIN_WAIT_1']);
    expect(conn.state).not.toBe('closed');
  });

  it('RFC 8684 §3.4.2: a REMOVE_ADDR of an ID nobody uses changes nothing and is not answered', () => {
    const { h, keyB, isnS } = openV1();
    join(h, keyB);
    expect(h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1, options: [{ kind: 'remove-addr', addressIds: [9], reserved: 0 }] })).toEqual([]);
    expect(h.events('mptcp-remove-addr-unknown')).toMatchObject([{ addressId: 9 }]);
    expect(h.stack.connections[0]!.subflows.map((s) => s.ep.state)).toEqual(['ESTABLISHED', 'ESTABLISHED']);
  });

  it('RFC 8684 §3.4.2: deleting the server\'s second address sends REMOVE_ADDR with its ID on the other subflow and closes its own with a FIN', () => {
    const { h, keyB } = openV1();
    join(h, keyB);
    const conn = h.stack.connections[0]!;
    const id = conn.subflows[1]!.localAddressId;
    h.stack.pm.removeLocalAddress(conn, ipv4(198, 18, 2, 2));
    const out = h.take();
    const carriers = out.filter((p) => optionsOf([p], 'remove-addr').length > 0);
    expect(carriers.map((p) => p.tcp!.header.dstPort)).toEqual([40000]);
    expect(optionsOf(carriers, 'remove-addr')).toEqual([{ kind: 'remove-addr', addressIds: [id], reserved: 0 }]);
    expect(out.filter((p) => p.tcp!.header.flags & FIN).map((p) => p.tcp!.header.dstPort)).toEqual([40001]);
  });
});

describe('RFC 8684 §3.3.8: MP_PRIO', () => {
  it('RFC 8684 §3.3.8: a received MP_PRIO marks only the subflow it came on as the peer\'s backup, and back', () => {
    const { h, keyB } = openV1();
    const joinIsn = join(h, keyB);
    const onJoin = (backup: boolean) => h.send({ from: C2, to: S2, flags: ACK, seq: JOIN_ISN + 1, ack: joinIsn + 1, options: [{ kind: 'nop' }, { kind: 'mp-prio', backup, reserved: 0 }] });
    expect(onJoin(true)).toEqual([]);
    const conn = h.stack.connections[0]!;
    expect(conn.subflows.map((s) => s.peerBackup)).toEqual([false, true]);
    expect(h.events('mptcp-prio-received')).toMatchObject([{ backup: true, subflows: 1 }]);
    onJoin(false);
    expect(conn.subflows.map((s) => s.peerBackup)).toEqual([false, false]);
  });

  it('RFC 8684 §3.3.8: a backup change of the server\'s address goes out as a 3-byte MP_PRIO on that address\'s subflow only', () => {
    const { h, keyB } = openV1();
    join(h, keyB);
    const conn = h.stack.connections[0]!;
    h.stack.pm.sendPriority(conn, ipv4(198, 18, 2, 2), true);
    const out = h.take().filter((p) => optionsOf([p], 'mp-prio').length > 0);
    expect(out.map((p) => p.tcp!.header.dstPort)).toEqual([40001]);
    expect(optionsOf(out, 'mp-prio')).toEqual([{ kind: 'mp-prio', backup: true, reserved: 0 }]);
    expect(conn.subflows.map((s) => s.localBackup)).toEqual([false, true]);
  });
});

describe('RFC 8684 §3.3.3: DATA_FIN', () => {
  it('RFC 8684 §3.3.3: a DATA_FIN on the last data is acknowledged by a DATA_ACK one past the data, and the application sees the end', () => {
    const { h, isnS, idsnA } = openV1();
    // 5 bytes and the DATA_FIN: a data-level length of 6.
    const out = h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1, options: [mapping(idsnA + 1n, 1, 6, true)], payload: text('hello') });
    expect(h.receivedText()).toBe('hello');
    expect(h.events('mptcp-data-fin-received')).toMatchObject([{ dsn: (idsnA + 6n).toString() }]);
    expect(dssOf(out).map((d) => d.dataAck).at(-1)).toBe(idsnA + 7n);
  });

  it('RFC 8684 §3.3.3: a DATA_FIN that arrives before earlier data is acknowledged only once that data is in', () => {
    const { h, isnS, idsnA } = openV1();
    // The second mapping (with the DATA_FIN) first: TCP holds it, and the DATA_ACK stays at the start.
    const early = h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 6, ack: isnS + 1, options: [mapping(idsnA + 6n, 6, 6, true)], payload: text('world') });
    expect(dssOf(early).map((d) => d.dataAck)).toEqual([idsnA + 1n]);
    const late = h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1, options: [mapping(idsnA + 1n, 1, 5)], payload: text('hello') });
    expect(h.receivedText()).toBe('helloworld');
    expect(dssOf(late).map((d) => d.dataAck).at(-1)).toBe(idsnA + 12n);
  });
});

describe('RFC 8684 §3.3.5: the connection-level receive window', () => {
  it('RFC 8684 §3.3.5: data mapped beyond the receive window is dropped, never delivered, and the DATA_ACK does not move', () => {
    const { h, isnS, idsnA } = openV1({ receiveBufferBytes: 1 << 16 });
    const out = h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1, options: [mapping(idsnA + 1n + (1n << 20n), 1, 5)], payload: text('hello') });
    expect(h.received).toEqual([]);
    expect(h.events('mptcp-dsn-out-of-window')).toHaveLength(1);
    // The subflow acknowledges the segment (delayed ACK), the connection not the data.
    h.sim.run(h.sim.now + 50_000);
    const acks = [...out, ...h.take()];
    expect(acks.map((p) => p.tcp!.header.ack)).toEqual([ISN_C + 6]);
    expect(dssOf(acks).map((d) => d.dataAck)).toEqual([idsnA + 1n]);
  });
});

describe('RFC 8684 §3.6: MP_TCPRST', () => {
  it('RFC 8684 §3.6: a refused join is reset with MP_TCPRST carrying the reason: 1 for an unknown token, 3 beyond the subflow limit', () => {
    const { h, keyB } = openV1();
    const [unknown] = h.send({ from: C2, to: S2, flags: SYN, seq: JOIN_ISN, options: [{ kind: 'mp-join-syn', backup: false, addressId: 1, token: deriveFromKey(1, keyB).token ^ 1, nonce: NONCE_A, reserved: 0 }] });
    expect(unknown!.tcp!.header.flags & RST).toBe(RST);
    expect(mptcpOf(unknown)).toEqual([{ kind: 'mp-tcprst', transient: false, reserved: 0, reason: 1 }]);
    h.stack.connections[0]!.extraSubflows = 2;
    const [synAck] = h.send({ from: '198.18.2.1:40002', to: S2, flags: SYN, seq: JOIN_ISN, options: [{ kind: 'mp-join-syn', backup: false, addressId: 1, token: deriveFromKey(1, keyB).token, nonce: NONCE_A, reserved: 0 }] });
    const j = mptcpOf(synAck)[0]!;
    if (j.kind !== 'mp-join-syn-ack') throw new Error('no MP_JOIN SYN/ACK');
    const [limited] = h.send({ from: '198.18.2.1:40002', to: S2, flags: ACK, seq: JOIN_ISN + 1, ack: synAck!.tcp!.header.seq + 1, options: [{ kind: 'mp-join-ack', hmac: joinAckHmac(1, KEY_A, keyB, NONCE_A, j.nonce), reserved: 0 }] });
    expect(limited!.tcp!.header.flags & RST).toBe(RST);
    expect(mptcpOf(limited)).toEqual([{ kind: 'mp-tcprst', transient: false, reserved: 0, reason: 3 }]);
  });

  it('RFC 8684 §3.6: a RST with MP_TCPRST closes only its subflow; the reason is recorded and the connection goes on', () => {
    const { h, keyB } = openV1();
    const joinIsn = join(h, keyB);
    expect(h.send({ from: C2, to: S2, flags: RST, seq: JOIN_ISN + 1, ack: joinIsn + 1, options: [{ kind: 'mp-tcprst', transient: true, reserved: 0, reason: 5 }] })).toEqual([]);
    expect(h.events('mptcp-tcprst-received')).toMatchObject([{ reason: 5, transient: true }]);
    const conn = h.stack.connections[0]!;
    expect(conn.subflows.map((s) => s.ep.state)).toEqual(['ESTABLISHED', 'CLOSED']);
    expect(conn.state).not.toBe('closed');
  });
});

describe('RFC 8684 §3.5: MP_FASTCLOSE received', () => {
  it('RFC 8684 §3.5 and RFC 9293 §3.5.2: a RST carrying MP_FASTCLOSE with the server key: every other subflow is reset, the one it came on is not answered, and the connection is closed', () => {
    const { h, keyB } = openV1();
    join(h, keyB);
    const conn = h.stack.connections[0]!;
    const out = h.send({ from: C2, to: S2, flags: RST, seq: JOIN_ISN + 1, options: [{ kind: 'mp-fastclose', receiverKey: keyB, reserved: 0 }] });
    expect(out.map((p) => [p.tcp!.header.dstPort, p.tcp!.header.flags & RST])).toEqual([[40000, RST]]);
    expect(mptcpOf(out[0])).toEqual([{ kind: 'mp-tcprst', transient: false, reserved: 0, reason: 0 }]);
    expect(h.events('mptcp-fastclose-accepted')).toHaveLength(1);
    expect(conn.closedReason).toBe('fastclose');
    expect(conn.subflows.every((s) => s.ep.state === 'CLOSED')).toBe(true);
  });

  it('RFC 8684 §3.5: on an ACK with the server key, every subflow is answered with a RST and the connection is closed; a wrong key is ignored', () => {
    const { h, keyB, isnS } = openV1();
    join(h, keyB);
    expect(h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1, options: [{ kind: 'mp-fastclose', receiverKey: KEY_A, reserved: 0 }] })).toEqual([]);
    expect(h.events('mptcp-fastclose-ignored')).toHaveLength(1);
    const out = h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1, options: [{ kind: 'mp-fastclose', receiverKey: keyB, reserved: 0 }] });
    const rsts = out.filter((p) => p.tcp!.header.flags & RST);
    expect(rsts.map((p) => p.tcp!.header.dstPort).sort()).toEqual([40000, 40001]);
    expect(h.stack.connections[0]!.closedReason).toBe('fastclose');
  });
});
