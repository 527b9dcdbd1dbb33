/**
 * The MPTCP state machines, one segment at a time: a scripted client talks
 * to a real server host, and each answer or refusal must come from the
 * host's own checks (keys, tokens, HMACs), never from the script.
 */
import { describe, expect, it } from 'vitest';
import { hex64 } from '../core/hex.ts';
import { addAddrHmac, deriveFromKey, joinAckHmac, joinSynAckHmac } from '../crypto/mptcp-crypto.ts';
import { ipv4 } from '../wire/ip-address.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import { dssMapping as dss, MptcpHarness, mptcpOf, openV1, SCRIPT_CLIENT as C, SCRIPT_ISN as ISN_C, SCRIPT_KEY as KEY_A, SCRIPT_SERVER as S } from '../testing/mptcp-harness.ts';

const { SYN, ACK, RST } = TCP_FLAG;
const C2 = '198.18.2.1:40001';
const S2 = '198.18.2.2:8080';

const established = () => openV1();

describe('MP_CAPABLE (v1) at the server', () => {
  it('answers a SYN with its key in a 12-byte MP_CAPABLE, and is fully established by the third ACK', () => {
    const { h, keyB } = established();
    expect(h.events('mptcp-fully-established')).toHaveLength(1);
    expect(h.stack.connections[0]!.remoteKey).toBe(KEY_A);
    expect(h.stack.tokens.get(deriveFromKey(1, keyB).token)).toBe(h.stack.connections[0]);
  });

  it('a third ACK echoing another key is ignored', () => {
    const h = new MptcpHarness();
    const [synAck] = h.send({ from: C, to: S, flags: SYN, seq: ISN_C, options: [{ kind: 'mp-capable', version: 1, flags: 0x01 }] });
    h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: synAck!.tcp!.header.seq + 1, options: [{ kind: 'mp-capable', version: 1, flags: 0x01, senderKey: KEY_A, receiverKey: 0xdeadn }] });
    expect(h.events('mptcp-mpc-ignored')).toHaveLength(1);
    expect(h.stack.connections[0]!.fullyEstablished).toBe(false);
  });

  it('answers a retransmitted SYN with its SYN/ACK again, same key', () => {
    const h = new MptcpHarness();
    const syn = { from: C, to: S, flags: SYN, seq: ISN_C, options: [{ kind: 'mp-capable' as const, version: 1, flags: 0x01 }] };
    const [first] = h.send(syn);
    const [again] = h.send(syn);
    expect(again!.tcp!.header.flags).toBe(SYN | ACK);
    expect(again!.tcp!.header.seq).toBe(first!.tcp!.header.seq);
    expect(mptcpOf(again)).toEqual(mptcpOf(first));
  });

  it('when the third ACK is lost and data arrives with a DSS but no MP_CAPABLE, it falls back to TCP and keeps the bytes', () => {
    const h = new MptcpHarness();
    const [synAck] = h.send({ from: C, to: S, flags: SYN, seq: ISN_C, options: [{ kind: 'mp-capable', version: 1, flags: 0x01 }] });
    const dss = { kind: 'dss' as const, dataFin: true, dataAck64: false, dsn64: true, reserved: 0, mapping: { dsn: 1n, ssn: 1, dataLength: 6 } };
    h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: synAck!.tcp!.header.seq + 1, options: [dss], payload: new TextEncoder().encode('hello') });
    expect(h.events('mptcp-fallback')[0]).toMatchObject({ cause: 'dss-without-client-key' });
    expect(new TextDecoder().decode(h.received[0])).toBe('hello');
  });

  it('a SYN whose MP_CAPABLE asks for an unknown crypto algorithm gets plain TCP', () => {
    const h = new MptcpHarness();
    const [synAck] = h.send({ from: C, to: S, flags: SYN, seq: ISN_C, options: [{ kind: 'mp-capable', version: 1, flags: 0x02 }] });
    expect(mptcpOf(synAck)).toEqual([]);
    expect(h.events('mptcp-fallback')).toHaveLength(1);
  });
});

describe('MP_JOIN at the server', () => {
  const NONCE_A = 0x11111111;

  it('refuses an unknown token with RST and MP_TCPRST "MPTCP-specific error"', () => {
    const { h } = established();
    const [rst] = h.send({ from: C2, to: S2, flags: SYN, seq: 9000, options: [{ kind: 'mp-join-syn', backup: false, addressId: 1, token: 0x12345678, nonce: NONCE_A, reserved: 0 }] });
    expect(rst!.tcp!.header.flags & RST).toBe(RST);
    expect(mptcpOf(rst)).toEqual([{ kind: 'mp-tcprst', transient: false, reserved: 0, reason: 1 }]);
    expect(h.events('mptcp-join-rejected')[0]).toMatchObject({ reason: 'unknown-token', token: '12345678' });
  });

  function joinSynAck(h: MptcpHarness, keyB: bigint) {
    const [synAck] = h.send({ from: C2, to: S2, flags: SYN, seq: 9000, options: [{ kind: 'mp-join-syn', backup: true, addressId: 1, token: deriveFromKey(1, keyB).token, nonce: NONCE_A, reserved: 0 }] });
    const j = mptcpOf(synAck)[0]!;
    if (j.kind !== 'mp-join-syn-ack') throw new Error('no MP_JOIN SYN/ACK');
    return { synAck: synAck!, j };
  }

  it('answers a known token with the truncated HMAC of RFC 8684 §3.2, then accepts the right third-ACK HMAC and sends the fourth ACK', () => {
    const { h, keyB } = established();
    const { synAck, j } = joinSynAck(h, keyB);
    expect(j.truncatedHmac).toBe(joinSynAckHmac(1, keyB, KEY_A, j.nonce, NONCE_A));
    const [fourth] = h.send({ from: C2, to: S2, flags: ACK, seq: 9001, ack: synAck.tcp!.header.seq + 1, options: [{ kind: 'mp-join-ack', hmac: joinAckHmac(1, KEY_A, keyB, NONCE_A, j.nonce), reserved: 0 }] });
    expect(fourth!.tcp!.header.flags).toBe(ACK);
    expect(h.events('mptcp-join-accepted')[0]).toMatchObject({ remoteAddressId: 1, backup: true });
  });

  it('resets the subflow when the third-ACK HMAC is wrong', () => {
    const { h, keyB } = established();
    const { synAck, j } = joinSynAck(h, keyB);
    const wrong = joinAckHmac(1, KEY_A, keyB, NONCE_A, j.nonce);
    wrong[0]! ^= 1;
    const [rst] = h.send({ from: C2, to: S2, flags: ACK, seq: 9001, ack: synAck.tcp!.header.seq + 1, options: [{ kind: 'mp-join-ack', hmac: wrong, reserved: 0 }] });
    expect(rst!.tcp!.header.flags & RST).toBe(RST);
    expect(mptcpOf(rst)).toEqual([{ kind: 'mp-tcprst', transient: false, reserved: 0, reason: 1 }]);
    expect(h.events('mptcp-subflow-reset')[0]).toMatchObject({ cause: 'third-ack-hmac-mismatch' });
    expect(h.events('mptcp-join-accepted')).toEqual([]);
  });

  it('refuses a valid join beyond the subflow limit with "administratively prohibited"', () => {
    const { h, keyB } = established();
    h.stack.connections[0]!.extraSubflows = 2;
    const { synAck, j } = joinSynAck(h, keyB);
    const [rst] = h.send({ from: C2, to: S2, flags: ACK, seq: 9001, ack: synAck.tcp!.header.seq + 1, options: [{ kind: 'mp-join-ack', hmac: joinAckHmac(1, KEY_A, keyB, NONCE_A, j.nonce), reserved: 0 }] });
    expect(mptcpOf(rst)).toEqual([{ kind: 'mp-tcprst', transient: false, reserved: 0, reason: 3 }]);
    expect(h.events('mptcp-subflow-reset')[0]).toMatchObject({ cause: 'subflow-limit', limit: 2 });
  });
});

describe('signals at an established connection', () => {
  const ADDR = ipv4(198, 18, 7, 7);

  it('an ADD_ADDR with a wrong HMAC is ignored (no echo, no join); with the right one it is echoed', () => {
    const { h, keyB, isnS } = established();
    const good = addAddrHmac(KEY_A, keyB, 5, ADDR);
    const base = { from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1 };
    expect(h.send({ ...base, options: [{ kind: 'add-addr', version: 1, echo: false, addressId: 5, address: ADDR, hmac: good ^ 1n, reserved: 0 }] })).toEqual([]);
    expect(h.events('mptcp-add-addr-ignored')[0]).toMatchObject({ reason: 'hmac-mismatch', received: hex64(good ^ 1n), expected: hex64(good) });
    const [echo] = h.send({ ...base, options: [{ kind: 'add-addr', version: 1, echo: false, addressId: 5, address: ADDR, hmac: good, reserved: 0 }] });
    expect(mptcpOf(echo)).toEqual([{ kind: 'add-addr', version: 1, echo: true, addressId: 5, address: ADDR, reserved: 0 }]);
  });

  it('MP_FASTCLOSE with the wrong key is ignored; with the server key it resets the connection', () => {
    const { h, keyB, isnS } = established();
    const base = { from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1 };
    h.send({ ...base, options: [{ kind: 'mp-fastclose', receiverKey: keyB ^ 0xffn, reserved: 0 }] });
    expect(h.events('mptcp-fastclose-ignored')).toHaveLength(1);
    expect(h.stack.connections[0]!.state).not.toBe('closed');
    const out = h.send({ ...base, options: [{ kind: 'mp-fastclose', receiverKey: keyB, reserved: 0 }] });
    expect(h.events('mptcp-fastclose-accepted')).toHaveLength(1);
    expect(h.stack.connections[0]!.closedReason).toBe('fastclose');
    expect(out.some((p) => (p.tcp!.header.flags & RST) !== 0)).toBe(true);
  });

  it('mapped data reaches the application in data-sequence order, whatever subflow order it came in', () => {
    const { h, isnS } = established();
    const idsnA = deriveFromKey(1, KEY_A).idsn;
    const bytes = (n: number, v: number) => new Uint8Array(n).fill(v);
    // Second chunk first (its DSN is ahead), then the first: the application must see 1s then 2s.
    h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1, options: [dss(idsnA + 11n, 1, 10)], payload: bytes(10, 2) });
    expect(h.received).toEqual([]);
    h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 11, ack: isnS + 1, options: [dss(idsnA + 1n, 11, 10)], payload: bytes(10, 1) });
    expect(h.received.map((b) => b[0])).toEqual([1, 2]);
  });
});
