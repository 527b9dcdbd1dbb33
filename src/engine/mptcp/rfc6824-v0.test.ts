/**
 * MPTCP v0 (RFC 6824) where it differs from v1, one segment at a time: the
 * handshake whose SYN already carries the client's key (§3.1), and MP_PRIO
 * with an address ID that changes every subflow from that address (§3.3.8).
 */
import { describe, expect, it } from 'vitest';
import { deriveFromKey, joinAckHmac, joinSynAckHmac } from '../crypto/mptcp-crypto.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import { MptcpHarness, mptcpOf, SCRIPT_CLIENT as C, SCRIPT_ISN as ISN_C, SCRIPT_KEY as KEY_A, SCRIPT_SERVER as S } from '../testing/mptcp-harness.ts';

const { SYN, ACK } = TCP_FLAG;
const S2 = '198.18.2.2:8080';
const V0 = { version: 0 as const, mac: 'hmac-sha1' as const, addAddrMac: 'hmac-sha1' as const };

function openV0() {
  const h = new MptcpHarness(V0);
  const [synAck] = h.send({ from: C, to: S, flags: SYN, seq: ISN_C, options: [{ kind: 'mp-capable', version: 0, flags: 0x01, senderKey: KEY_A }] });
  const mpc = mptcpOf(synAck)[0]!;
  if (mpc.kind !== 'mp-capable' || mpc.senderKey === undefined) throw new Error('no key in SYN/ACK');
  const isnS = synAck!.tcp!.header.seq;
  const third = h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1, options: [{ kind: 'mp-capable', version: 0, flags: 0x01, senderKey: KEY_A, receiverKey: mpc.senderKey }] });
  return { h, synAck: synAck!, keyB: mpc.senderKey, isnS, third };
}

/** A join from `from` with address ID `addressId`, HMAC-SHA1 throughout. */
function joinV0(h: MptcpHarness, keyB: bigint, from: string, addressId: number): void {
  const nonceA = 0x22222222;
  const [synAck] = h.send({ from, to: S2, flags: SYN, seq: 9000, options: [{ kind: 'mp-join-syn', backup: false, addressId, token: deriveFromKey(0, keyB).token, nonce: nonceA, reserved: 0 }] });
  const j = mptcpOf(synAck)[0]!;
  if (j.kind !== 'mp-join-syn-ack') throw new Error('no MP_JOIN SYN/ACK');
  expect(j.truncatedHmac).toBe(joinSynAckHmac(0, keyB, KEY_A, j.nonce, nonceA));
  h.send({ from, to: S2, flags: ACK, seq: 9001, ack: synAck!.tcp!.header.seq + 1, options: [{ kind: 'mp-join-ack', hmac: joinAckHmac(0, KEY_A, keyB, nonceA, j.nonce), reserved: 0 }] });
}

describe('RFC 6824 §3.1: the v0 handshake', () => {
  it('RFC 6824 §3.1: the SYN carries the client key; the SYN/ACK answers with the server key (v0, HMAC-SHA1); the third ACK echoes both and establishes the connection under the SHA-1 token', () => {
    const { h, synAck, keyB, third } = openV0();
    expect(synAck.tcp!.header.flags).toBe(SYN | ACK);
    expect(mptcpOf(synAck)).toEqual([{ kind: 'mp-capable', version: 0, flags: 0x01, senderKey: keyB }]);
    expect(third).toEqual([]);
    const conn = h.stack.connections[0]!;
    expect(conn.version).toBe(0);
    expect(conn.remoteKey).toBe(KEY_A);
    expect(conn.fullyEstablished).toBe(true);
    expect(h.stack.tokens.get(deriveFromKey(0, keyB).token)).toBe(conn);
  });

  it('RFC 6824 §3.1: a third ACK echoing another server key is not taken as MP_CAPABLE', () => {
    const h = new MptcpHarness(V0);
    const [synAck] = h.send({ from: C, to: S, flags: SYN, seq: ISN_C, options: [{ kind: 'mp-capable', version: 0, flags: 0x01, senderKey: KEY_A }] });
    h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: synAck!.tcp!.header.seq + 1, options: [{ kind: 'mp-capable', version: 0, flags: 0x01, senderKey: KEY_A, receiverKey: 0xbadn }] });
    expect(h.events('mptcp-mpc-ignored')).toHaveLength(1);
    expect(h.stack.connections[0]!.fullyEstablished).toBe(false);
  });
});

describe('RFC 6824 §3.3.8: MP_PRIO with an address ID', () => {
  it('RFC 6824 §3.3.8: an MP_PRIO naming address ID 1, sent on the initial subflow, makes every subflow from that address the peer\'s backup, and only those', () => {
    const { h, keyB, isnS } = openV0();
    joinV0(h, keyB, '198.18.2.1:40001', 1);
    joinV0(h, keyB, '198.18.2.1:40002', 1);
    const conn = h.stack.connections[0]!;
    expect(conn.subflows.map((s) => s.ep.state)).toEqual(['ESTABLISHED', 'ESTABLISHED', 'ESTABLISHED']);
    expect(h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1, options: [{ kind: 'mp-prio', backup: true, addressId: 1, reserved: 0 }] })).toEqual([]);
    expect(conn.subflows.map((s) => s.peerBackup)).toEqual([false, true, true]);
    expect(h.events('mptcp-prio-received')).toMatchObject([{ backup: true, addressId: 1, subflows: 2 }]);
  });
});

describe('RFC 6824 §3.5: MP_FASTCLOSE received (v0)', () => {
  it('RFC 6824 §3.5: an ACK carrying MP_FASTCLOSE with the server key is answered with a RST and closes the connection; the wrong key changes nothing', () => {
    const { h, keyB, isnS } = openV0();
    const base = { from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1 };
    expect(h.send({ ...base, options: [{ kind: 'mp-fastclose', receiverKey: KEY_A, reserved: 0 }] })).toEqual([]);
    expect(h.stack.connections[0]!.state).not.toBe('closed');
    const [rst] = h.send({ ...base, options: [{ kind: 'mp-fastclose', receiverKey: keyB, reserved: 0 }] });
    expect(rst!.tcp!.header.flags & TCP_FLAG.RST).toBe(TCP_FLAG.RST);
    expect(rst!.tcp!.header).toMatchObject({ seq: isnS + 1, dstPort: 40000 });
    // v0 has no MP_TCPRST.
    expect(mptcpOf(rst)).toEqual([]);
    expect(h.stack.connections[0]!.closedReason).toBe('fastclose');
  });
});
