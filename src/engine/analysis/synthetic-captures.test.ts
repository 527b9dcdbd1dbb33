/**
 * What Linux captures cannot show: MPTCP v0 (SHA-1), fallback, MP_FAIL,
 * unknown tokens, a forged MP_FASTCLOSE. The packets are built byte by byte
 * with the crypto of RFC 6824 / RFC 8684 and written as a raw-IP pcap.
 */
import { describe, expect, it } from 'vitest';
import { hex32, hex64 } from '../core/hex.ts';
import { idsnFromKey, joinAckHmac, joinSynAckHmac, tokenFromKey } from '../crypto/mptcp-crypto.ts';
import { ipv4 } from '../wire/ip-address.ts';
import { rawIpCapture, segment, TCP_FLAG } from '../testing/packet-builder.ts';
import { analyzeCapture } from './analyze-capture.ts';

const { SYN, ACK, RST } = TCP_FLAG;
const C = '198.18.1.1:40000';
const S = '198.18.1.2:8080';
const C2 = '198.18.2.1:40001';
const S2 = '198.18.2.2:8080';
const keyA = 0x0102030405060708n;
const keyB = 0x1112131415161718n;
const nonceA = 0xaabbccdd;
const nonceB = 0x11223344;

function v0Connection(opts: { fastcloseKey?: bigint } = {}) {
  const idsnA = idsnFromKey(0, keyA);
  const idsnB = idsnFromKey(0, keyB);
  const tokenB = tokenFromKey(0, keyB);
  return [
    segment({ from: C, to: S, flags: SYN, seq: 100, options: [{ kind: 'mp-capable', version: 0, flags: 0x01, senderKey: keyA }] }),
    segment({ from: S, to: C, flags: SYN | ACK, seq: 500, ack: 101, options: [{ kind: 'mp-capable', version: 0, flags: 0x01, senderKey: keyB }] }),
    segment({ from: C, to: S, flags: ACK, seq: 101, ack: 501, options: [{ kind: 'mp-capable', version: 0, flags: 0x01, senderKey: keyA, receiverKey: keyB }] }),
    segment({
      from: C,
      to: S,
      flags: ACK,
      seq: 101,
      ack: 501,
      options: [{ kind: 'dss', dataFin: false, dataAck: idsnB + 1n, dataAck64: true, dsn64: true, reserved: 0, mapping: { dsn: idsnA + 1n, ssn: 1, dataLength: 5 } }],
      payload: new TextEncoder().encode('hello'),
    }),
    segment({ from: S, to: C, flags: ACK, seq: 501, ack: 106, options: [{ kind: 'add-addr', version: 0, echo: false, addressId: 1, address: ipv4(198, 18, 2, 2), reserved: 0 }] }),
    segment({ from: C2, to: S2, flags: SYN, seq: 7000, options: [{ kind: 'mp-join-syn', backup: false, addressId: 1, token: tokenB, nonce: nonceA, reserved: 0 }] }),
    segment({
      from: S2,
      to: C2,
      flags: SYN | ACK,
      seq: 9000,
      ack: 7001,
      options: [{ kind: 'mp-join-syn-ack', backup: false, addressId: 1, truncatedHmac: joinSynAckHmac(0, keyB, keyA, nonceB, nonceA), nonce: nonceB, reserved: 0 }],
    }),
    segment({ from: C2, to: S2, flags: ACK, seq: 7001, ack: 9001, options: [{ kind: 'mp-join-ack', hmac: joinAckHmac(0, keyA, keyB, nonceA, nonceB), reserved: 0 }] }),
    segment({ from: S2, to: C2, flags: ACK, seq: 9001, ack: 7001 }),
    // v0 MP_PRIO with an address ID: applies to every subflow using it (RFC 6824 §3.3.8)
    segment({ from: C2, to: S2, flags: ACK, seq: 7001, ack: 9001, options: [{ kind: 'mp-prio', backup: true, addressId: 1, reserved: 0 }] }),
    segment({ from: C, to: S, flags: ACK, seq: 106, ack: 501, options: [{ kind: 'mp-fastclose', receiverKey: opts.fastcloseKey ?? keyB, reserved: 0 }] }),
  ];
}

describe('MPTCP v0 (RFC 6824, SHA-1)', () => {
  const r = analyzeCapture(rawIpCapture(v0Connection()));
  const c = r.connections[0]!;

  it('derives tokens and IDSNs with SHA-1', () => {
    expect(c.version).toBe(0);
    expect([c.clientKey, c.serverKey]).toEqual([hex64(keyA), hex64(keyB)]);
    expect([c.clientToken, c.serverToken]).toEqual(['dd5783bc', hex32(tokenFromKey(0, keyB))]);
    expect(c.clientIdsn).toBe('3a95ed6e4ebb4ad5');
    expect([c.clientIdsnVerified, c.serverIdsnVerified]).toEqual([true, true]);
  });

  it('verifies HMAC-SHA1 joins', () => {
    expect(c.subflows).toHaveLength(2);
    expect(c.subflows[1]).toMatchObject({ join: true, hmacVerified: true, synAckHmacVerified: true, ackHmacVerified: true, established: true, initiator: 'client' });
  });

  it('reads a v0 ADD_ADDR (IPVer nibble, no HMAC: nothing to check)', () => {
    expect(c.addAddrs).toEqual([expect.objectContaining({ version: 0, address: '198.18.2.2', addressId: 1, echo: false, hmacVerified: null, hmac: null })]);
  });

  it('reports MP_PRIO with its address ID and an MP_FASTCLOSE carrying the right key', () => {
    expect(c.events.map((e) => [e.kind, e.detail])).toEqual([
      ['mp-prio', 'backup priority for address ID 1'],
      ['mp-fastclose', "MP_FASTCLOSE carries the server's key: accepted"],
    ]);
    expect(r.problems).toEqual([]);
    expect(c.problems).toEqual([]);
  });

  it('an MP_FASTCLOSE with the wrong key would be ignored', () => {
    const forged = analyzeCapture(rawIpCapture(v0Connection({ fastcloseKey: 0xdeadbeefn })));
    expect(forged.connections[0]!.events.at(-1)!.detail).toBe("MP_FASTCLOSE does not carry the server's key: ignored");
  });

  it('the same bytes read with v1 crypto would not verify: the version decides', () => {
    // Sanity: a v0 connection's join HMACs are SHA-1; SHA-256 gives something else.
    expect(hex64(joinSynAckHmac(1, keyB, keyA, nonceB, nonceA))).not.toBe(hex64(joinSynAckHmac(0, keyB, keyA, nonceB, nonceA)));
  });
});

describe('fallback, failures and strangers', () => {
  it('a SYN/ACK without MP_CAPABLE is a fallback to TCP', () => {
    const r = analyzeCapture(
      rawIpCapture([
        segment({ from: C, to: S, flags: SYN, options: [{ kind: 'mp-capable', version: 1, flags: 0x01 }] }),
        segment({ from: S, to: C, flags: SYN | ACK, ack: 1001, options: [{ kind: 'mss', mss: 1460 }] }),
      ]),
    );
    expect(r.connections[0]!.events).toEqual([expect.objectContaining({ frame: 2, kind: 'fallback', from: 'server' })]);
  });

  it('an infinite mapping and MP_FAIL are reported', () => {
    const pkts = [
      segment({ from: C, to: S, flags: SYN, options: [{ kind: 'mp-capable', version: 1, flags: 0x81 }] }),
      segment({ from: S, to: C, flags: SYN | ACK, seq: 500, ack: 1001, options: [{ kind: 'mp-capable', version: 1, flags: 0x81, senderKey: keyB }] }),
      segment({ from: C, to: S, flags: ACK, seq: 1001, ack: 501, options: [{ kind: 'mp-capable', version: 1, flags: 0x81, senderKey: keyA, receiverKey: keyB }] }),
      segment({ from: S, to: C, flags: ACK, seq: 501, ack: 1001, options: [{ kind: 'mp-fail', dsn: 42n, reserved: 0 }] }),
      segment({
        from: C,
        to: S,
        flags: ACK,
        seq: 1001,
        ack: 501,
        options: [{ kind: 'dss', dataFin: false, dataAck64: false, dsn64: true, reserved: 0, mapping: { dsn: 42n, ssn: 0, dataLength: 0, checksum: 0 } }],
      }),
    ];
    const c = analyzeCapture(rawIpCapture(pkts)).connections[0]!;
    expect(c.events.map((e) => [e.frame, e.kind])).toEqual([
      [4, 'mp-fail'],
      [5, 'fallback'],
    ]);
  });

  it('a join naming a token no key hashes to is a problem at its frame', () => {
    const r = analyzeCapture(rawIpCapture([segment({ from: C2, to: S2, flags: SYN, options: [{ kind: 'mp-join-syn', backup: false, addressId: 1, token: 0x12345678, nonce: 1, reserved: 0 }] })]));
    expect(r.problems).toEqual([expect.objectContaining({ frame: 1, code: 'ANALYSIS_UNKNOWN_TOKEN' })]);
    expect(r.problems[0]!.message).toMatch(/token 12345678/);
  });

  it('a reset join is reported as such', () => {
    const tokenB = tokenFromKey(1, keyB);
    const pkts = [
      segment({ from: C, to: S, flags: SYN, options: [{ kind: 'mp-capable', version: 1, flags: 0x01 }] }),
      segment({ from: S, to: C, flags: SYN | ACK, seq: 500, ack: 1001, options: [{ kind: 'mp-capable', version: 1, flags: 0x01, senderKey: keyB }] }),
      segment({ from: C, to: S, flags: ACK, seq: 1001, ack: 501, options: [{ kind: 'mp-capable', version: 1, flags: 0x01, senderKey: keyA, receiverKey: keyB }] }),
      segment({ from: C2, to: S2, flags: SYN, seq: 1, options: [{ kind: 'mp-join-syn', backup: true, addressId: 2, token: tokenB, nonce: nonceA, reserved: 0 }] }),
      segment({ from: S2, to: C2, flags: RST | ACK, seq: 0, ack: 2, options: [{ kind: 'mp-tcprst', transient: false, reserved: 0, reason: 3 }] }),
    ];
    const c = analyzeCapture(rawIpCapture(pkts)).connections[0]!;
    expect(c.subflows[1]).toMatchObject({ join: true, backup: true, established: false, resetFrame: 5, resetBy: 'server', hmacVerified: null });
    expect(c.events).toEqual([expect.objectContaining({ kind: 'mp-tcprst', detail: 'reason 3 (administratively prohibited), permanent' })]);
  });
});
