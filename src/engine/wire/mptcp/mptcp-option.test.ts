import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../core/bytes.ts';
import { fromHex, toHex } from '../../core/hex.ts';
import { mptcpOption } from '../../testing/arbitraries.ts';
import { ipv4, parseIp } from '../ip-address.ts';
import { decodeMptcpOption, encodeMptcpOption, mptcpOptionByteLength } from './mptcp-option.ts';
import type { MptcpDecodeContext, MptcpOption } from './types.ts';

const K1 = 0x0102030405060708n;
const K2 = 0x1112131415161718n;
const v6 = parseIp('2001:db8::2')!;
const hexK1 = '0102030405060708';
const hexK2 = '1112131415161718';
const v6hex = '20010db8000000000000000000000002';

function encode(o: MptcpOption): string {
  const w = new ByteWriter();
  encodeMptcpOption(o, w);
  const bytes = w.finish();
  expect(bytes.length).toBe(mptcpOptionByteLength(o));
  return toHex(bytes);
}

// [name, repr, bytes, decode context]: checked both ways.
const table: [string, MptcpOption, string, MptcpDecodeContext?][] = [
  ['MP_CAPABLE v1 SYN', { kind: 'mp-capable', version: 1, flags: 0x81 }, '1e040181'],
  ['MP_CAPABLE v1 SYN/ACK', { kind: 'mp-capable', version: 1, flags: 0x01, senderKey: K1 }, `1e0c0101${hexK1}`],
  ['MP_CAPABLE v1 SYN/ACK with C (no joins to its address, RFC 8684 §3.1)', { kind: 'mp-capable', version: 1, flags: 0x21, senderKey: K1 }, `1e0c0121${hexK1}`],
  ['MP_CAPABLE v1 ACK', { kind: 'mp-capable', version: 1, flags: 0x01, senderKey: K1, receiverKey: K2 }, `1e140101${hexK1}${hexK2}`],
  ['MP_CAPABLE v1 ACK + data', { kind: 'mp-capable', version: 1, flags: 0x01, senderKey: K1, receiverKey: K2, dataLength: 100 }, `1e160101${hexK1}${hexK2}0064`],
  [
    'MP_CAPABLE v1 ACK + data + checksum',
    { kind: 'mp-capable', version: 1, flags: 0x81, senderKey: K1, receiverKey: K2, dataLength: 100, checksum: 0xabcd },
    `1e180181${hexK1}${hexK2}0064abcd`,
  ],
  ['MP_CAPABLE v0 SYN', { kind: 'mp-capable', version: 0, flags: 0x81, senderKey: K1 }, `1e0c0081${hexK1}`],
  ['MP_JOIN SYN, backup', { kind: 'mp-join-syn', backup: true, addressId: 2, token: 0xa1b2c3d4, nonce: 0x01020304, reserved: 0 }, '1e0c1102a1b2c3d401020304'],
  ['MP_JOIN SYN/ACK', { kind: 'mp-join-syn-ack', backup: false, addressId: 1, truncatedHmac: 0x72bea43c69c0c206n, nonce: 0x11223344, reserved: 0 }, '1e10100172bea43c69c0c20611223344'],
  [
    'MP_JOIN ACK',
    { kind: 'mp-join-ack', hmac: fromHex('c2986b9ffe33dedc10955fc5c9c31544e3ac05c0'), reserved: 0 },
    '1e181000c2986b9ffe33dedc10955fc5c9c31544e3ac05c0',
  ],
  [
    'MP_JOIN ACK, stateless-join what-if (RFC 7430 §3.1: token and initiator nonce appended)',
    { kind: 'mp-join-ack', hmac: fromHex('c2986b9ffe33dedc10955fc5c9c31544e3ac05c0'), reserved: 0, stateless: { token: 0xa1b2c3d4, nonce: 0x01020304 } },
    '1e201000c2986b9ffe33dedc10955fc5c9c31544e3ac05c0a1b2c3d401020304',
  ],
  ['DSS 32-bit Data ACK', { kind: 'dss', dataFin: false, dataAck: 0x01020304n, dataAck64: false, dsn64: false, reserved: 0 }, '1e08200101020304'],
  ['DSS 64-bit Data ACK', { kind: 'dss', dataFin: false, dataAck: K1, dataAck64: true, dsn64: false, reserved: 0 }, `1e0c2003${hexK1}`],
  [
    'DSS 32-bit mapping',
    { kind: 'dss', dataFin: false, dataAck64: false, mapping: { dsn: 0xaabbccddn, ssn: 1, dataLength: 1448 }, dsn64: false, reserved: 0 },
    '1e0e2004aabbccdd0000000105a8',
  ],
  [
    'DSS 64-bit mapping with checksum',
    { kind: 'dss', dataFin: false, dataAck64: false, mapping: { dsn: K1, ssn: 1, dataLength: 1448, checksum: 0x1234 }, dsn64: true, reserved: 0 },
    `1e14200c${hexK1}0000000105a81234`,
  ],
  [
    'DSS 32-bit ack, 64-bit mapping (Linux default)',
    { kind: 'dss', dataFin: false, dataAck: 0x01020304n, dataAck64: false, mapping: { dsn: K2, ssn: 7, dataLength: 10 }, dsn64: true, reserved: 0 },
    `1e16200d01020304${hexK2}00000007000a`,
  ],
  [
    'DSS everything: A64 M64 checksum DATA_FIN (28 bytes)',
    { kind: 'dss', dataFin: true, dataAck: K1, dataAck64: true, mapping: { dsn: K2, ssn: 0, dataLength: 1, checksum: 0xffff }, dsn64: true, reserved: 0 },
    `1e1c201f${hexK1}${hexK2}000000000001ffff`,
  ],
  [
    'ADD_ADDR v1 IPv4 with HMAC',
    { kind: 'add-addr', version: 1, echo: false, addressId: 1, address: ipv4(198, 18, 2, 2), hmac: K1, reserved: 0 },
    `1e103001c6120202${hexK1}`,
  ],
  [
    'ADD_ADDR v1 IPv4 + port with HMAC',
    { kind: 'add-addr', version: 1, echo: false, addressId: 1, address: ipv4(198, 18, 2, 2), port: 8090, hmac: K1, reserved: 0 },
    `1e123001c61202021f9a${hexK1}`,
  ],
  ['ADD_ADDR v1 IPv6 with HMAC', { kind: 'add-addr', version: 1, echo: false, addressId: 3, address: v6, hmac: K2, reserved: 0 }, `1e1c3003${v6hex}${hexK2}`],
  [
    'ADD_ADDR v1 IPv6 + port with HMAC',
    { kind: 'add-addr', version: 1, echo: false, addressId: 3, address: v6, port: 443, hmac: K2, reserved: 0 },
    `1e1e3003${v6hex}01bb${hexK2}`,
  ],
  ['ADD_ADDR v1 echo IPv4', { kind: 'add-addr', version: 1, echo: true, addressId: 1, address: ipv4(198, 18, 2, 2), reserved: 0 }, '1e083101c6120202'],
  ['ADD_ADDR v1 echo IPv4 + port', { kind: 'add-addr', version: 1, echo: true, addressId: 1, address: ipv4(198, 18, 2, 2), port: 8090, reserved: 0 }, '1e0a3101c61202021f9a'],
  ['ADD_ADDR v1 echo IPv6', { kind: 'add-addr', version: 1, echo: true, addressId: 3, address: v6, reserved: 0 }, `1e143103${v6hex}`],
  ['ADD_ADDR v1 echo IPv6 + port', { kind: 'add-addr', version: 1, echo: true, addressId: 3, address: v6, port: 443, reserved: 0 }, `1e163103${v6hex}01bb`],
  ['ADD_ADDR v0 IPv4', { kind: 'add-addr', version: 0, echo: false, addressId: 1, address: ipv4(198, 18, 2, 2), reserved: 0 }, '1e083401c6120202'],
  ['ADD_ADDR v0 IPv4 + port', { kind: 'add-addr', version: 0, echo: false, addressId: 1, address: ipv4(198, 18, 2, 2), port: 8090, reserved: 0 }, '1e0a3401c61202021f9a'],
  ['ADD_ADDR v0 IPv6', { kind: 'add-addr', version: 0, echo: false, addressId: 3, address: v6, reserved: 0 }, `1e143603${v6hex}`],
  ['ADD_ADDR v0 IPv6 + port', { kind: 'add-addr', version: 0, echo: false, addressId: 3, address: v6, port: 443, reserved: 0 }, `1e163603${v6hex}01bb`],
  ['REMOVE_ADDR one ID', { kind: 'remove-addr', addressIds: [1], reserved: 0 }, '1e044001'],
  ['REMOVE_ADDR three IDs', { kind: 'remove-addr', addressIds: [1, 2, 7], reserved: 0 }, '1e0640010207'],
  ['MP_PRIO v1 backup', { kind: 'mp-prio', backup: true, reserved: 0 }, '1e0351'],
  ['MP_PRIO v0 with address ID', { kind: 'mp-prio', backup: false, addressId: 2, reserved: 0 }, '1e045002'],
  ['MP_FAIL', { kind: 'mp-fail', dsn: K1, reserved: 0 }, `1e0c6000${hexK1}`],
  ['MP_FASTCLOSE', { kind: 'mp-fastclose', receiverKey: K2, reserved: 0 }, `1e0c7000${hexK2}`],
  ['MP_TCPRST transient, MPTCP-specific error', { kind: 'mp-tcprst', transient: true, reserved: 0, reason: 1 }, '1e048101'],
  ['MP_TCPRST permanent, middlebox', { kind: 'mp-tcprst', transient: false, reserved: 0, reason: 6 }, '1e048006'],
  ['unknown subtype 15 kept raw', { kind: 'mptcp-unknown', subtype: 15, nibble: 2, data: fromHex('aabb') }, '1e05f2aabb'],
];

describe('MPTCP option byte tables', () => {
  for (const [name, repr, hex, ctx] of table) {
    it(`${name}: encodes`, () => expect(encode(repr)).toBe(hex));
    it(`${name}: decodes`, () => {
      const r = decodeMptcpOption(fromHex(hex), ctx);
      expect(r.ok && r.value).toEqual(repr);
    });
  }

  it('ADD_ADDR reads as v0 or v1 by the negotiated version when told', () => {
    const bytes = fromHex('1e103401c6120202' + hexK1); // nibble 4, length 16
    const asV1 = decodeMptcpOption(bytes, { version: 1 });
    expect(asV1.ok && asV1.value).toMatchObject({ kind: 'add-addr', version: 1, echo: false, reserved: 2 });
    const asV0 = decodeMptcpOption(bytes, { version: 0 });
    expect(asV0.ok).toBe(false);
  });
});

// Malformed inputs: each must come back as a coded error, never a throw.
const malformed: [string, string, string, MptcpDecodeContext?][] = [
  ['MP_CAPABLE length 5', '1e05018100', 'WIRE_BAD_LENGTH'],
  ['MP_CAPABLE length 13', `1e0d0101${hexK1}00`, 'WIRE_BAD_LENGTH'],
  ['MP_CAPABLE length 21', `1e150101${hexK1}${hexK2}00`, 'WIRE_BAD_LENGTH'],
  ['MP_CAPABLE length 23', `1e170101${hexK1}${hexK2}000000`, 'WIRE_BAD_LENGTH'],
  ['MP_JOIN length 13', '1e0d1102a1b2c3d40102030400', 'WIRE_BAD_LENGTH'],
  ['MP_JOIN length 20', `1e141000${hexK1}${hexK2}`, 'WIRE_BAD_LENGTH'],
  ['DSS with A but no room for the ack', '1e042001', 'WIRE_BAD_LENGTH'],
  ['DSS A64 in 8 bytes', '1e08200301020304', 'WIRE_BAD_LENGTH'],
  ['DSS mapping of 15 bytes', '1e0f2004aabbccdd0000000105a800', 'WIRE_BAD_LENGTH'],
  ['DSS ack-only with 2 extra bytes', '1e0a2001010203040000', 'WIRE_BAD_LENGTH'],
  ['ADD_ADDR v1 without HMAC or echo', '1e083001c6120202', 'WIRE_BAD_LENGTH', { version: 1 }],
  ['ADD_ADDR v1 echo with HMAC length', `1e103101c6120202${hexK1}`, 'WIRE_BAD_LENGTH', { version: 1 }],
  ['ADD_ADDR v0 IPv4 with IPv6 length', `1e143401${v6hex}`, 'WIRE_BAD_LENGTH', { version: 0 }],
  ['ADD_ADDR v0 IPVer 5', '1e083501c6120202', 'WIRE_BAD_VALUE', { version: 0 }],
  ['ADD_ADDR nibble 5 of unknown version', '1e083501c6120202', 'WIRE_UNKNOWN_VERSION'],
  ['REMOVE_ADDR with no ID', '1e0340', 'WIRE_BAD_LENGTH'],
  ['MP_PRIO length 5', '1e0550020000', 'WIRE_BAD_LENGTH'],
  ['MP_FAIL length 11', '1e0b600001020304050607', 'WIRE_BAD_LENGTH'],
  ['MP_FASTCLOSE length 13', `1e0d7000${hexK1}00`, 'WIRE_BAD_LENGTH'],
  ['MP_TCPRST length 5', '1e0580010000', 'WIRE_BAD_LENGTH'],
  ['no subtype byte', '1e02', 'WIRE_BAD_LENGTH'],
];

describe('malformed MPTCP options', () => {
  for (const [name, hex, code, ctx] of malformed) {
    it(name, () => {
      const r = decodeMptcpOption(fromHex(hex).subarray(0, Math.max(2, fromHex(hex).length)), ctx);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(code);
        expect(r.error.message.length).toBeGreaterThan(10);
      }
    });
  }
});

describe('MPTCP option properties', () => {
  it('decode(encode(x)) = x for every option kind', () => {
    fc.assert(
      fc.property(mptcpOption, (o) => {
        const w = new ByteWriter();
        encodeMptcpOption(o, w);
        const bytes = w.finish();
        expect(bytes.length).toBe(mptcpOptionByteLength(o));
        expect(bytes[1]).toBe(bytes.length);
        const ctx = o.kind === 'add-addr' ? { version: o.version } : {};
        const r = decodeMptcpOption(bytes, ctx);
        expect(r.ok && r.value).toEqual(o);
      }),
      { numRuns: 3000 },
    );
  });

  it('encode(decode(b)) = b for any bytes that decode', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 38 }), fc.constantFrom<MptcpDecodeContext>({}, { version: 0 }, { version: 1 }), (tail, ctx) => {
        const bytes = Uint8Array.of(30, tail.length + 2, ...tail);
        const r = decodeMptcpOption(bytes, ctx);
        if (!r.ok) {
          expect(r.error.code).toMatch(/^WIRE_/);
          return;
        }
        const w = new ByteWriter();
        encodeMptcpOption(r.value, w);
        expect(toHex(w.finish())).toBe(toHex(bytes));
      }),
      { numRuns: 5000 },
    );
  });
});
