/**
 * Split and merged segments are byte for byte what a sender would have
 * built itself (the wire encoder is the reference): sequence numbers, IP
 * lengths and ids, checksums, and the options each piece carries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../core/hex.ts';
import { ipv4Address, ipv6Address, u32 } from '../testing/arbitraries.ts';
import { buildTcpPacket, type TcpSegmentSpec } from '../wire/build-tcp-packet.ts';
import { parseIp } from '../wire/ip-address.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import type { TcpOption } from '../wire/tcp-options.ts';
import { tcpView } from './rewrite.ts';
import { appendSegment, splitSegment } from './segments.ts';

const { ACK, PSH, FIN, CWR, SYN } = TCP_FLAG;

const dss: TcpOption = { kind: 'dss', dataFin: false, dataAck64: false, dsn64: true, reserved: 0, dataAck: 77n, mapping: { dsn: 1n << 40n, ssn: 1, dataLength: 3000, checksum: 0xbeef } };
const options: TcpOption[] = [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'timestamps', tsval: 5, tsecr: 6 }, dss];

function packet(over: Partial<TcpSegmentSpec> & { payload: Uint8Array }): Uint8Array {
  const { payload, ...rest } = over;
  return buildTcpPacket({
    src: parseIp('198.18.1.1')!,
    dst: parseIp('198.18.2.2')!,
    srcPort: 40000,
    dstPort: 8080,
    seq: 1000,
    ack: 2000,
    flags: ACK | PSH,
    window: 502,
    options,
    ipId: 100,
    ttl: 63,
    payloadLength: payload.length,
    fillPayload: (b, at) => b.set(payload, at),
    ...rest,
  });
}

const bytes = (n: number, from = 0) => Uint8Array.from({ length: n }, (_, i) => (from + i * 7) & 0xff);
const hex = (ps: Uint8Array[]) => ps.map(toHex);

describe('splitSegment (TSO)', () => {
  it('cuts the payload into pieces that each carry every option; seq, IPv4 id, lengths and checksums as the sender would write them', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.tuple(ipv4Address, ipv4Address), fc.tuple(ipv6Address, ipv6Address)),
        u32,
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 1500 }),
        fc.constantFrom(ACK, ACK | PSH, ACK | PSH | FIN, ACK | CWR),
        ([src, dst], seq, ipId, len, at, flags) => {
          const payload = bytes(len);
          const p = packet({ src, dst, seq, ipId, flags, payload });
          const pieces = splitSegment(p, tcpView(p)!, at);
          const expected: Uint8Array[] = [];
          for (let off = 0, i = 0; off < len; off += at, i++) {
            const last = off + at >= len;
            const f = (last ? flags : flags & ~(FIN | PSH)) & (i === 0 ? 0xff : ~CWR);
            const id = src.family === 4 ? (ipId + i) & 0xffff : ipId;
            expected.push(packet({ src, dst, seq: (seq + off) >>> 0, ipId: id, flags: f, payload: payload.subarray(off, Math.min(len, off + at)) }));
          }
          expect(hex(pieces)).toEqual(len <= at ? [toHex(p)] : hex(expected));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leaves a SYN alone, however long', () => {
    const p = packet({ flags: SYN, payload: bytes(100) });
    expect(splitSegment(p, tcpView(p)!, 10)).toEqual([p]);
  });
});

describe('appendSegment (LRO/GRO)', () => {
  it('the first segment with the next one’s payload, ACK number and window: only the first one’s options remain', () => {
    const first = packet({ seq: 1000, payload: bytes(500), flags: ACK });
    const laterOptions: TcpOption[] = [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'timestamps', tsval: 9, tsecr: 9 }];
    const later = packet({ seq: 1500, ack: 2100, window: 800, ipId: 101, options: laterOptions, payload: bytes(300, 500 * 7), flags: ACK | PSH });
    const merged = appendSegment(first, later, tcpView(first)!);
    const all = new Uint8Array(800);
    all.set(bytes(500));
    all.set(bytes(300, 500 * 7), 500);
    expect(toHex(merged)).toBe(toHex(packet({ seq: 1000, ack: 2100, window: 800, flags: ACK | PSH, payload: all })));
  });
});
