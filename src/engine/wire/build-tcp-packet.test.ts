import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from '../core/hex.ts';
import { ipv4Address, ipv6Address, u16, u32 } from '../testing/arbitraries.ts';
import { buildTcpPacket } from './build-tcp-packet.ts';
import { computeTcpChecksum, internetChecksum } from './checksum.ts';
import { decodePacket, encodeTcpPacket } from './packet.ts';

describe('buildTcpPacket', () => {
  it('equals the general encoder with lengths and checksums filled', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.tuple(ipv4Address, ipv4Address), fc.tuple(ipv6Address, ipv6Address)),
        u16,
        u16,
        u32,
        u32,
        fc.uint8Array({ maxLength: 100 }),
        ([src, dst], sp, dp, seq, ack, payload) => {
          const options = [{ kind: 'nop' as const }, { kind: 'nop' as const }, { kind: 'timestamps' as const, tsval: seq, tsecr: ack }];
          const built = buildTcpPacket({
            src,
            dst,
            srcPort: sp,
            dstPort: dp,
            seq,
            ack,
            flags: 0x18,
            window: 502,
            options,
            payloadLength: payload.length,
            fillPayload: (b, at) => b.set(payload, at),
            ipId: 7,
            ttl: 64,
          });
          const d = decodePacket(built);
          expect(d.ok).toBe(true);
          if (!d.ok) return;
          const ipLen = d.value.ipHeaderLength;
          if (src.family === 4) expect(internetChecksum(built, 0, 20)).toBe(0);
          expect(computeTcpChecksum(src, dst, built.subarray(ipLen))).toBe(d.value.tcp!.header.checksum);
          const again = encodeTcpPacket({ ip: d.value.ip, tcp: d.value.tcp!.header, payload });
          expect(toHex(again)).toBe(toHex(built));
        },
      ),
      { numRuns: 300 },
    );
  });
});
