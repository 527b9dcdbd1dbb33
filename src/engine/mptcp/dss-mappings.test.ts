/**
 * DSS mappings segment by segment (RFC 8684 §3.3): what a receiver keeps
 * when two segments map the same subflow bytes, and the flags of the DSS
 * options a host writes.
 */
import { describe, expect, it } from 'vitest';
import { deriveFromKey } from '../crypto/mptcp-crypto.ts';
import { dssChecksum } from '../wire/dss-checksum.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import { dssMapping as dss, MptcpHarness, mptcpOf, openV1, SCRIPT_CLIENT as C, SCRIPT_ISN as ISN_C, SCRIPT_KEY as KEY_A, SCRIPT_SERVER as S } from '../testing/mptcp-harness.ts';

const { SYN, ACK } = TCP_FLAG;

const established = () => openV1();

const text = (s: string) => new TextEncoder().encode(s);
const read = (h: MptcpHarness) => h.receivedText();

describe('RFC 8684 §3.3.1: a second, different mapping of the same subflow bytes', () => {
  it('after a forged 5-byte segment, the real 10-byte segment keeps its mapping: the tail is delivered at its DSN and the subflow lives', () => {
    const { h, isnS, idsnA } = established();
    const base = { from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1 };
    // The forger's segment: next subflow and data sequence numbers, its own bytes.
    h.send({ ...base, options: [dss(idsnA + 1n, 1, 5)], payload: text('EVIL!') });
    expect(read(h)).toBe('EVIL!');
    // The real segment, same SSN and DSN, 10 bytes: TCP passes on its last 5, which its own mapping places at DSN + 5.
    const out = h.send({ ...base, options: [dss(idsnA + 1n, 1, 10)], payload: text('0123456789') });
    expect(read(h)).toBe('EVIL!56789');
    expect(h.events('mptcp-subflow-reset')).toEqual([]);
    expect(h.events('mptcp-fallback')).toEqual([]);
    expect(out.every((p) => (p.tcp!.header.flags & TCP_FLAG.RST) === 0)).toBe(true);
    // The data level moved on: the next real segment is taken too.
    h.send({ ...base, seq: ISN_C + 11, options: [dss(idsnA + 11n, 11, 3)], payload: text('abc') });
    expect(read(h)).toBe('EVIL!56789abc');
  });

  it('the same mapping again (a retransmission) changes nothing', () => {
    const { h, isnS, idsnA } = established();
    const seg = { from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1, options: [dss(idsnA + 1n, 1, 4)], payload: text('abcd') };
    h.send(seg);
    h.send(seg);
    h.send({ ...seg, seq: ISN_C + 5, options: [dss(idsnA + 5n, 5, 2)], payload: text('ef') });
    expect(read(h)).toBe('abcdef');
    expect(h.events('mptcp-subflow-reset')).toEqual([]);
  });
});

describe('RFC 8684 §3.3: the DSS flags a host writes', () => {
  it('a pure DATA_ACK carries A (and a for a 64-bit ack) but never m without M', () => {
    const { h, isnS, idsnA } = established();
    const base = { from: C, to: S, flags: ACK, ack: isnS + 1 };
    // Two segments: the second is acknowledged at once (delayed ACKs every second segment).
    h.send({ ...base, seq: ISN_C + 1, options: [dss(idsnA + 1n, 1, 4)], payload: text('abcd') });
    const out = h.send({ ...base, seq: ISN_C + 5, options: [dss(idsnA + 5n, 5, 4)], payload: text('efgh') });
    const acks = out.flatMap(mptcpOf).filter((o) => o.kind === 'dss');
    expect(acks).toHaveLength(1);
    // Decoded from the flags byte: A|a (0x03), no m, no mapping; 64-bit because the peer sent 64-bit DSNs.
    expect(acks[0]).toEqual({ kind: 'dss', dataFin: false, dataAck: idsnA + 9n, dataAck64: true, dsn64: false, reserved: 0 });
  });
});

describe('RFC 8684 §3.3.1: with DSS checksums, a mapping whose first bytes another mapping took', () => {
  it('cannot verify (Linux sums from the first unread byte): the only subflow sends MP_FAIL and falls back', () => {
    const h = new MptcpHarness({ checksums: true });
    const [synAck] = h.send({ from: C, to: S, flags: SYN, seq: ISN_C, options: [{ kind: 'mp-capable', version: 1, flags: 0x81 }] });
    const mpc = mptcpOf(synAck)[0]!;
    if (mpc.kind !== 'mp-capable' || mpc.senderKey === undefined) throw new Error('no key in SYN/ACK');
    const isnS = synAck!.tcp!.header.seq;
    h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1, options: [{ kind: 'mp-capable', version: 1, flags: 0x81, senderKey: KEY_A, receiverKey: mpc.senderKey }] });
    const idsnA = deriveFromKey(1, KEY_A).idsn;
    const base = { from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1 };
    const mapped = (dsn: bigint, ssn: number, payload: Uint8Array) => ({ ...dss(dsn, ssn, payload.length), mapping: { dsn, ssn, dataLength: payload.length, checksum: dssChecksum(dsn, ssn, payload.length, payload) } });
    h.send({ ...base, options: [mapped(idsnA + 1n, 1, text('EVIL!'))], payload: text('EVIL!') });
    expect(read(h)).toBe('EVIL!');
    const out = h.send({ ...base, options: [mapped(idsnA + 1n, 1, text('0123456789'))], payload: text('0123456789') });
    expect(h.events('mptcp-checksum-failed')).toHaveLength(1);
    expect(out.flatMap(mptcpOf).some((o) => o.kind === 'mp-fail')).toBe(true);
    expect(read(h)).toBe('EVIL!56789');
  });
});
