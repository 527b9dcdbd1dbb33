import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../core/hex.ts';
import { basicTcpOption, ipv4Address, ipv6Address, mptcpOption, u16, u32, u8 } from '../testing/arbitraries.ts';
import { computeTcpChecksum, internetChecksum, pseudoHeaderSum, sum16, finishChecksum } from './checksum.ts';
import { formatIp, ipv4, parseIp } from './ip-address.ts';
import type { Ipv4Header } from './ipv4.ts';
import type { Ipv6Header } from './ipv6.ts';
import { decodePacket, encodeTcpPacket, type TcpPacketRepr } from './packet.ts';
import { TCP_FLAG, type TcpHeader } from './tcp-header.ts';
import { tcpOptionsByteLength, type TcpOption } from './tcp-options.ts';

const ip4: Ipv4Header = {
  version: 4,
  tos: 0,
  totalLength: 0,
  identification: 0x1234,
  flags: 2,
  fragmentOffset: 0,
  ttl: 64,
  protocol: 6,
  checksum: 0,
  src: ipv4(198, 18, 1, 1),
  dst: ipv4(198, 18, 1, 2),
  options: new Uint8Array(0),
};

const syn: TcpHeader = {
  srcPort: 57010,
  dstPort: 8080,
  seq: 0x01020304,
  ack: 0,
  flags: TCP_FLAG.SYN,
  reserved: 0,
  window: 64240,
  checksum: 0,
  urgentPointer: 0,
  options: [{ kind: 'mss', mss: 1460 }, { kind: 'nop' }, { kind: 'nop' }, { kind: 'sack-permitted' }, { kind: 'mp-capable', version: 1, flags: 0x81 }],
};

describe('Internet checksum', () => {
  it('RFC 1071 §3 example: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2', () => {
    const bytes = fromHex('0001f203f4f5f6f7');
    expect(finishChecksum(sum16(bytes))).toBe(~0xddf2 & 0xffff);
    expect(internetChecksum(bytes)).toBe(0x220d);
  });
  it('a segment carrying its checksum sums to zero with the pseudo-header (v4 and v6)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.tuple(ipv4Address, ipv4Address), fc.tuple(ipv6Address, ipv6Address)), fc.uint8Array({ minLength: 20, maxLength: 200 }), ([src, dst], seg) => {
        const c = computeTcpChecksum(src, dst, seg);
        seg[16] = c >> 8;
        seg[17] = c & 0xff;
        const total = finishChecksum(sum16(seg, 0, seg.length, pseudoHeaderSum(src, dst, 6, seg.length)));
        expect(total).toBe(0);
      }),
    );
  });
});

describe('IPv4 + TCP packet', () => {
  const bytes = encodeTcpPacket({ ip: ip4, tcp: syn, payload: new Uint8Array(0) }, { fillLengths: true, fillChecksums: true });
  it('encodes the bytes Linux would send (checksum fields masked)', () => {
    const hex = toHex(bytes);
    const mask = (h: string, at: number) => h.slice(0, at) + 'xxxx' + h.slice(at + 4);
    expect(mask(mask(hex, 20), 72)).toBe(
      '450000341234400040' + '06xxxx' + 'c6120101c6120102' + 'deb21f9001020304000000008002faf0' + 'xxxx0000' + '020405b4' + '01010402' + '1e040181',
    );
  });

  it('decodes back, with correct checksums', () => {
    const d = decodePacket(bytes);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.value.ip.version).toBe(4);
    expect(formatIp(d.value.ip.src)).toBe('198.18.1.1');
    expect(d.value.tcp?.header.options).toEqual(syn.options);
    expect(d.value.tcp?.header.flags).toBe(TCP_FLAG.SYN);
    expect(d.value.payloadLength).toBe(0);
    expect(d.value.truncated).toBe(false);
    expect(internetChecksum(bytes, 0, 20)).toBe(0);
    const seg = bytes.subarray(20);
    expect(computeTcpChecksum(d.value.ip.src, d.value.ip.dst, seg)).toBe(d.value.tcp!.header.checksum);
  });

  it('flags a packet cut by the snap length and decodes what is there', () => {
    const withData = encodeTcpPacket({ ip: ip4, tcp: { ...syn, flags: TCP_FLAG.ACK }, payload: new Uint8Array(100) }, { fillLengths: true });
    const cut = withData.subarray(0, 20 + 20 + 6); // inside the options
    const d = decodePacket(cut);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.value.truncated).toBe(true);
    expect(d.value.tcp?.header.srcPort).toBe(57010);
    expect(d.value.problems.map((p) => p.code)).toContain('WIRE_TRUNCATED');
    expect(d.value.payloadLength).toBe(0);
    expect(d.value.payloadLengthOnWire).toBe(100);
  });
});

describe('IPv6 with extension headers', () => {
  const ip6: Ipv6Header = {
    version: 6,
    trafficClass: 0,
    flowLabel: 0x12345,
    payloadLength: 0,
    nextHeader: 0,
    hopLimit: 64,
    src: parseIp('2001:db8:1::1')!,
    dst: parseIp('2001:db8:1::2')!,
    // hop-by-hop (8 bytes, PadN), destination options (8 bytes), fragment (offset 0) then TCP
    extensions: [
      { type: 0, bytes: fromHex('3c00010400000000') },
      { type: 60, bytes: fromHex('2c00010400000000') },
      { type: 44, bytes: fromHex('0600000100000001') },
    ],
    upperProtocol: 6,
  };

  it('walks the extension headers to TCP', () => {
    const bytes = encodeTcpPacket({ ip: ip6, tcp: syn, payload: fromHex('68656c6c6f') }, { fillLengths: true, fillChecksums: true });
    const d = decodePacket(bytes);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.value.ipHeaderLength).toBe(64);
    expect(d.value.protocol).toBe(6);
    expect(d.value.tcp?.header.dstPort).toBe(8080);
    expect(toHex(bytes.subarray(d.value.payloadOffset, d.value.payloadOffset + d.value.payloadLength))).toBe('68656c6c6f');
    expect(formatIp(d.value.ip.dst)).toBe('2001:db8:1::2');
  });

  it('does not read TCP in a non-first fragment', () => {
    const later = { ...ip6, nextHeader: 44, extensions: [{ type: 44, bytes: fromHex('0600002800000001') }] };
    const bytes = encodeTcpPacket({ ip: later, tcp: syn, payload: new Uint8Array(0) }, { fillLengths: true });
    const d = decodePacket(bytes);
    expect(d.ok && d.value.tcp).toBe(null);
  });
});

describe('malformed IP packets', () => {
  const cases: [string, string, string][] = [
    ['empty', '', 'WIRE_TRUNCATED'],
    ['version 5', '50000014', 'WIRE_UNKNOWN_VERSION'],
    ['IPv4 header cut short', '4500002c1234', 'WIRE_TRUNCATED'],
    ['IPv4 IHL of 4 words', '44000014000000004006000001020304050607080000', 'WIRE_BAD_LENGTH'],
    ['IPv6 header cut short', '6000000000140640', 'WIRE_TRUNCATED'],
  ];
  for (const [name, hex, code] of cases) {
    it(name, () => {
      const d = decodePacket(fromHex(hex));
      expect(d.ok).toBe(false);
      if (!d.ok) expect(d.error.code).toBe(code);
    });
  }

  it('a TCP data offset below 5 becomes a problem, not an error', () => {
    const bytes = encodeTcpPacket({ ip: ip4, tcp: { ...syn, options: [] }, payload: new Uint8Array(0) }, { fillLengths: true });
    bytes[20 + 12] = 0x40;
    const d = decodePacket(bytes);
    expect(d.ok).toBe(true);
    if (d.ok) {
      expect(d.value.tcp).toBe(null);
      expect(d.value.problems[0]?.code).toBe('WIRE_BAD_LENGTH');
    }
  });
});

const paddedOptions = fc.array(fc.oneof(basicTcpOption, mptcpOption), { maxLength: 4 }).map((opts): TcpOption[] => {
  let list = opts.filter((o) => o.kind !== 'add-addr');
  while (tcpOptionsByteLength(list) > 40) list = list.slice(0, -1);
  const pad = (4 - (tcpOptionsByteLength(list) % 4)) % 4;
  return [...list, ...Array.from({ length: pad }, () => ({ kind: 'nop' as const }))];
});

const tcpHeader = fc.record({
  srcPort: u16,
  dstPort: u16,
  seq: u32,
  ack: u32,
  flags: fc.integer({ min: 0, max: 0x1ff }),
  reserved: fc.integer({ min: 0, max: 7 }),
  window: u16,
  checksum: u16,
  urgentPointer: u16,
  options: paddedOptions,
});

const packetRepr: fc.Arbitrary<TcpPacketRepr> = fc.record({
  ip: fc.oneof(
    fc.record({ src: ipv4Address, dst: ipv4Address, ttl: u8, id: u16 }).map(({ src, dst, ttl, id }): Ipv4Header => ({ ...ip4, src, dst, ttl, identification: id })),
    fc.record({ src: ipv6Address, dst: ipv6Address, flowLabel: fc.integer({ min: 0, max: 0xfffff }) }).map(
      ({ src, dst, flowLabel }): Ipv6Header => ({ version: 6, trafficClass: 0, flowLabel, payloadLength: 0, nextHeader: 6, hopLimit: 64, src, dst, extensions: [], upperProtocol: 6 }),
    ),
  ),
  tcp: tcpHeader,
  payload: fc.uint8Array({ maxLength: 64 }),
});

describe('packet properties', () => {
  it('decode(encode(p)) gives back header, options and payload', () => {
    fc.assert(
      fc.property(packetRepr, (p) => {
        const bytes = encodeTcpPacket(p, { fillLengths: true, fillChecksums: true });
        const d = decodePacket(bytes);
        expect(d.ok).toBe(true);
        if (!d.ok) return;
        expect(d.value.problems).toEqual([]);
        expect(d.value.tcp?.header.options).toEqual(p.tcp.options);
        expect({ ...d.value.tcp!.header, options: [], checksum: 0 }).toEqual({ ...p.tcp, options: [], checksum: 0 });
        expect(toHex(bytes.subarray(d.value.payloadOffset))).toBe(toHex(p.payload));
        // re-encoding the decoded packet gives the same bytes
        const again = encodeTcpPacket({ ip: d.value.ip, tcp: d.value.tcp!.header, payload: bytes.subarray(d.value.payloadOffset) });
        expect(toHex(again)).toBe(toHex(bytes));
      }),
      { numRuns: 1000 },
    );
  });

  it('random bytes never crash the decoder (only coded errors)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), fc.constantFrom(0x45, 0x46, 0x60), (tail, first) => {
        const bytes = Uint8Array.of(first, ...tail);
        const d = decodePacket(bytes);
        if (!d.ok) expect(d.error.code).toMatch(/^WIRE_/);
      }),
      { numRuns: 10000 },
    );
  });

  it('mutated and truncated valid packets never crash the decoder', () => {
    fc.assert(
      fc.property(packetRepr, fc.array(fc.tuple(fc.nat(), u8), { maxLength: 6 }), fc.nat(), (p, flips, cutAt) => {
        const bytes = encodeTcpPacket(p, { fillLengths: true, fillChecksums: true });
        for (const [pos, value] of flips) bytes[pos % bytes.length] = value;
        const cut = bytes.subarray(0, cutAt % (bytes.length + 1));
        const d = decodePacket(cut);
        if (!d.ok) expect(d.error.code).toMatch(/^WIRE_/);
        else for (const pr of d.value.problems) expect(pr.code).toMatch(/^WIRE_/);
      }),
      { numRuns: 5000 },
    );
  });
});
