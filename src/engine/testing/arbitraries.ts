/**
 * fast-check arbitraries for wire reprs, shared by property tests.
 */
import fc from 'fast-check';
import type { IpAddress } from '../wire/ip-address.ts';
import type { MptcpOption } from '../wire/mptcp/types.ts';
import type { TcpOption } from '../wire/tcp-options.ts';

export const u8 = fc.integer({ min: 0, max: 0xff });
export const u16 = fc.integer({ min: 0, max: 0xffff });
export const u32 = fc.integer({ min: 0, max: 0xffffffff });
export const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const bits = (n: number) => fc.integer({ min: 0, max: (1 << n) - 1 });

export const ipv4Address: fc.Arbitrary<IpAddress> = fc.uint8Array({ minLength: 4, maxLength: 4 }).map((bytes) => ({ family: 4, bytes }));
export const ipv6Address: fc.Arbitrary<IpAddress> = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => ({ family: 6, bytes }));
export const ipAddress = fc.oneof(ipv4Address, ipv6Address);

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** Drops keys whose value is undefined, as decoders never set them. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const mpCapable = fc
  .record({ version: bits(4), flags: u8, level: fc.integer({ min: 0, max: 4 }), k1: u64, k2: u64, len: u16, csum: u16 })
  .map(({ version, flags, level, k1, k2, len, csum }) =>
    compact({
      kind: 'mp-capable' as const,
      version,
      flags,
      senderKey: level >= 1 ? k1 : undefined,
      receiverKey: level >= 2 ? k2 : undefined,
      dataLength: level >= 3 ? len : undefined,
      checksum: level >= 4 ? csum : undefined,
    }),
  );

const mpJoin = fc.oneof(
  fc.record({ kind: fc.constant('mp-join-syn' as const), backup: fc.boolean(), addressId: u8, token: u32, nonce: u32, reserved: bits(3) }),
  fc.record({ kind: fc.constant('mp-join-syn-ack' as const), backup: fc.boolean(), addressId: u8, truncatedHmac: u64, nonce: u32, reserved: bits(3) }),
  fc.record({ kind: fc.constant('mp-join-ack' as const), hmac: fc.uint8Array({ minLength: 20, maxLength: 20 }), reserved: bits(12) }),
  fc.record({ kind: fc.constant('mp-join-ack' as const), hmac: fc.uint8Array({ minLength: 20, maxLength: 20 }), reserved: bits(12), stateless: fc.record({ token: u32, nonce: u32 }) }),
);

const dss = fc
  .record({
    dataFin: fc.boolean(),
    dataAck: opt(u64),
    dataAck64: fc.boolean(),
    mapping: opt(fc.record({ dsn: u64, ssn: u32, dataLength: u16, checksum: opt(u16) })),
    dsn64: fc.boolean(),
    reserved: bits(7),
  })
  .map((d) => {
    const dataAck = d.dataAck === undefined ? undefined : d.dataAck64 ? d.dataAck : BigInt.asUintN(32, d.dataAck);
    const mapping = d.mapping && compact({ ...d.mapping, dsn: d.dsn64 ? d.mapping.dsn : BigInt.asUintN(32, d.mapping.dsn) });
    return compact({ kind: 'dss' as const, dataFin: d.dataFin, dataAck, dataAck64: d.dataAck64, mapping, dsn64: d.dsn64, reserved: d.reserved });
  });

const addAddrV1 = fc
  .record({ echo: fc.boolean(), addressId: u8, address: ipAddress, port: opt(u16), hmac: u64, reserved: bits(3) })
  .map(({ echo, hmac, ...rest }) => compact({ kind: 'add-addr' as const, version: 1 as const, echo, ...rest, hmac: echo ? undefined : hmac }));

const addAddrV0 = fc
  .record({ addressId: u8, address: ipAddress, port: opt(u16) })
  .map((r) => compact({ kind: 'add-addr' as const, version: 0 as const, echo: false, reserved: 0, ...r }));

const small = fc.oneof(
  fc.record({ kind: fc.constant('remove-addr' as const), addressIds: fc.array(u8, { minLength: 1, maxLength: 8 }), reserved: bits(4) }),
  fc.record({ kind: fc.constant('mp-prio' as const), backup: fc.boolean(), addressId: opt(u8), reserved: bits(3) }).map(compact),
  fc.record({ kind: fc.constant('mp-fail' as const), dsn: u64, reserved: bits(12) }),
  fc.record({ kind: fc.constant('mp-fastclose' as const), receiverKey: u64, reserved: bits(12) }),
  fc.record({ kind: fc.constant('mp-tcprst' as const), transient: fc.boolean(), reserved: bits(3), reason: u8 }),
  fc.record({ kind: fc.constant('mptcp-unknown' as const), subtype: fc.integer({ min: 9, max: 15 }), nibble: bits(4), data: fc.uint8Array({ maxLength: 20 }) }),
);

/** Any MPTCP option; ADD_ADDR tagged with the version needed to decode it. */
export const mptcpOption: fc.Arbitrary<MptcpOption> = fc.oneof(mpCapable, mpJoin, dss, addAddrV1, addAddrV0, small);

export const basicTcpOption: fc.Arbitrary<TcpOption> = fc.oneof(
  fc.constant({ kind: 'nop' as const }),
  u16.map((mss) => ({ kind: 'mss' as const, mss })),
  u8.map((shift) => ({ kind: 'window-scale' as const, shift })),
  fc.constant({ kind: 'sack-permitted' as const }),
  fc.array(fc.record({ left: u32, right: u32 }), { minLength: 1, maxLength: 4 }).map((blocks) => ({ kind: 'sack' as const, blocks })),
  fc.record({ tsval: u32, tsecr: u32 }).map((t) => ({ kind: 'timestamps' as const, ...t })),
  fc
    .record({ type: fc.integer({ min: 6, max: 29 }).filter((t) => t !== 8), data: fc.uint8Array({ maxLength: 10 }) })
    .map((u) => ({ kind: 'unknown' as const, ...u })),
);
