import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../core/bytes.ts';
import { fromHex, toHex } from '../core/hex.ts';
import { basicTcpOption, mptcpOption } from '../testing/arbitraries.ts';
import { decodeTcpOptions, encodeTcpOptions, tcpOptionsByteLength, type TcpOption } from './tcp-options.ts';

function encode(options: readonly TcpOption[]): string {
  const w = new ByteWriter();
  encodeTcpOptions(options, w);
  return toHex(w.finish());
}

const table: [string, TcpOption[], string][] = [
  [
    'Linux SYN: MSS, SACK-permitted, timestamps, NOP, window scale, MP_CAPABLE',
    [
      { kind: 'mss', mss: 1460 },
      { kind: 'sack-permitted' },
      { kind: 'timestamps', tsval: 0x01020304, tsecr: 0 },
      { kind: 'nop' },
      { kind: 'window-scale', shift: 7 },
      { kind: 'mp-capable', version: 1, flags: 0x01 },
    ],
    '020405b40402080a0102030400000000010303071e040101',
  ],
  ['SACK with two blocks', [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'sack', blocks: [{ left: 1, right: 2 }, { left: 3, right: 4 }] }], '0101051200000001000000020000000300000004'],
  ['EOL then padding kept raw', [{ kind: 'nop' }, { kind: 'eol' }, { kind: 'padding', bytes: fromHex('0000') }], '01000000'],
  ['unknown kind kept raw', [{ kind: 'unknown', type: 34, data: fromHex('abcd') }], '2204abcd'],
];

describe('TCP option byte tables', () => {
  for (const [name, options, hex] of table) {
    it(`${name}: encodes`, () => expect(encode(options)).toBe(hex));
    it(`${name}: decodes`, () => {
      const d = decodeTcpOptions(fromHex(hex));
      expect(d.problems).toEqual([]);
      expect(d.options).toEqual(options);
    });
  }
});

describe('malformed TCP options', () => {
  const cases: [string, string, string, number][] = [
    ['MSS of length 3', '020305', 'WIRE_BAD_LENGTH', 0],
    ['window scale of length 4', '03040700', 'WIRE_BAD_LENGTH', 0],
    ['timestamps of length 9', '0809010203040506070001', 'WIRE_BAD_LENGTH', 0],
    ['SACK of length 9', '050900000001000000', 'WIRE_BAD_LENGTH', 0],
    ['length byte of 1', '0201', 'WIRE_BAD_LENGTH', 0],
    ['length past the end', '01011e10', 'WIRE_BAD_LENGTH', 2],
    ['kind without a length byte', '010101 1e'.replace(' ', ''), 'WIRE_TRUNCATED', 3],
    ['MPTCP with a bad MP_JOIN length', '1e0d1102a1b2c3d40102030400', 'WIRE_BAD_LENGTH', 0],
  ];
  for (const [name, hex, code, offset] of cases) {
    it(name, () => {
      const d = decodeTcpOptions(fromHex(hex));
      expect(d.problems).toHaveLength(1);
      expect(d.problems[0]).toMatchObject({ code, offset });
      expect(d.problems[0]!.message).toContain(`offset ${offset}`);
      // Nothing is lost: the bytes come back unchanged.
      expect(encode(d.options)).toBe(hex);
    });
  }

  it('keeps decoding after a malformed option', () => {
    // bad MSS (length 3), then a valid DSS with a 32-bit Data ACK
    const d = decodeTcpOptions(fromHex('0203051e08200101020304'));
    expect(d.problems).toHaveLength(1);
    expect(d.options.map((o) => o.kind)).toEqual(['malformed', 'dss']);
    expect(d.options[1]).toMatchObject({ kind: 'dss', dataAck: 0x01020304n });
  });
});

describe('TCP option properties', () => {
  const anyOption = fc.oneof(basicTcpOption, mptcpOption);
  it('decode(encode(list)) = list', () => {
    fc.assert(
      fc.property(fc.array(anyOption, { maxLength: 6 }), (options) => {
        const w = new ByteWriter();
        encodeTcpOptions(options, w);
        const bytes = w.finish();
        expect(bytes.length).toBe(tcpOptionsByteLength(options));
        // ADD_ADDR needs its version to decode; give each list the first ADD_ADDR's version.
        const addAddr = options.find((o) => o.kind === 'add-addr');
        const version = addAddr?.kind === 'add-addr' ? addAddr.version : undefined;
        const mixed = options.some((o) => o.kind === 'add-addr' && o.version !== version);
        fc.pre(!mixed);
        const d = decodeTcpOptions(bytes, version === undefined ? {} : { version });
        expect(d.problems).toEqual([]);
        expect(d.options).toEqual(options);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on random bytes and always gives back the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const d = decodeTcpOptions(bytes);
        expect(encode(d.options)).toBe(toHex(bytes));
      }),
      { numRuns: 10000 },
    );
  });
});
