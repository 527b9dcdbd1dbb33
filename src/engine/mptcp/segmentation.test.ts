/**
 * MPTCP through middleboxes that resegment (RFC 8684 §3.3.1, §6): a
 * mapping is a range of subflow bytes, not a segment, so a splitter (TSO)
 * that copies the DSS onto every piece loses nothing, with or without DSS
 * checksums; a coalescer that keeps only the first segment's options leaves
 * the later bytes unmapped unless an earlier mapping covers them, and then
 * the subflow is broken (§3.3.1): reset with MP_TCPRST when others carry
 * the connection, fallback to TCP when it is the only one (§3.7, as Linux's
 * subflow_check_data_avail). Plain TCP goes through both untouched.
 */
import { describe, expect, it } from 'vitest';
import { fromHex } from '../core/hex.ts';
import { runScenario, type RunResult } from '../runner/run-scenario.ts';
import type { MiddleboxSpec, Scenario } from '../scenario/types.ts';
import { openV1, SCRIPT_CLIENT as C, SCRIPT_ISN as ISN_C, SCRIPT_SERVER as S } from '../testing/mptcp-harness.ts';
import { link, middleboxPathScenario } from '../testing/scenarios.ts';
import { dssChecksum } from '../wire/dss-checksum.ts';
import { decodePacket } from '../wire/packet.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';

const { ACK } = TCP_FLAG;
const text = (s: string) => new TextEncoder().encode(s);
const dss = (dsn: bigint, ssn: number, len: number, checksum?: number) => ({
  kind: 'dss' as const,
  dataFin: false,
  dataAck64: false,
  dsn64: true,
  reserved: 0,
  mapping: { dsn, ssn, dataLength: len, ...(checksum !== undefined ? { checksum } : {}) },
});

const split = (splitAtBytes: number): Omit<MiddleboxSpec, 'id' | 'interfaces'> => ({ kind: 'split-segments', splitAtBytes });
const coalesce: Omit<MiddleboxSpec, 'id' | 'interfaces'> = { kind: 'coalesce-segments', coalesceWithinUs: 3000 };

const count = (r: RunResult, kind: string) => r.events.filter((e) => e.kind === kind).length;
const fallbacks = (r: RunResult) => r.events.flatMap((e) => (e.kind === 'mptcp-fallback' ? [[e.host, e.cause]] : []));
const resets = (r: RunResult) => r.events.flatMap((e) => (e.kind === 'mptcp-subflow-reset' ? [[e.host, e.cause, e.mpTcpRst]] : []));

function expectEveryByte(r: RunResult, bytes = 200_000): void {
  expect(r.finished).toBe(true);
  expect(r.apps[0]).toMatchObject({ intact: true, bytesRead: { server: bytes } });
}

/**
 * The client's data segments as the middlebox put them on `linkId`: subflow
 * sequence number (relative to the SYN), payload length, and the range of
 * subflow bytes the mapping it carries (DSS or MP_CAPABLE) covers.
 */
function dataOn(r: RunResult, linkId: string) {
  const decoded = r.packets
    .filter((p) => p.link === linkId && p.from === 'mb')
    .map((p) => decodePacket(fromHex(p.hex)))
    .flatMap((d) => (d.ok && d.value.tcp ? [{ h: d.value.tcp.header, payload: d.value.payloadLength }] : []));
  const isn = decoded.find((d) => d.h.flags & TCP_FLAG.SYN)!.h.seq;
  return decoded
    .filter((d) => d.payload > 0)
    .map(({ h, payload }) => {
      const o = h.options.find((x) => x.kind === 'dss' || x.kind === 'mp-capable');
      const mapped = o?.kind === 'dss' && o.mapping ? { ssn: o.mapping.ssn, len: o.mapping.dataLength - (o.dataFin ? 1 : 0), checksum: o.mapping.checksum } : o?.kind === 'mp-capable' && o.dataLength ? { ssn: 1, len: o.dataLength, checksum: o.checksum } : null;
      return { ssn: (h.seq - isn) >>> 0, payload, kind: o?.kind ?? null, mapped };
    });
}

describe('RFC 8684 §3.3.1: one mapping, several segments (scripted)', () => {
  it('a segment that lost its option is still mapped by an earlier DSS that covers it: no fallback', () => {
    const { h, isnS, idsnA } = openV1();
    const base = { from: C, to: S, flags: ACK, ack: isnS + 1 };
    h.send({ ...base, seq: ISN_C + 1, options: [dss(idsnA + 1n, 1, 8)], payload: text('abcd') });
    h.send({ ...base, seq: ISN_C + 5, payload: text('efgh') });
    expect(h.receivedText()).toBe('abcdefgh');
    expect(h.events('mptcp-fallback')).toEqual([]);
    expect(h.events('mptcp-subflow-reset')).toEqual([]);
  });

  it('§3.1, §3.3.1: TSO copies of one checksummed DSS on odd-sized pieces: the bytes are held until the last piece, then the sum of the pieces verifies', () => {
    const { h, isnS, idsnA } = openV1({}, 0x81);
    const data = text('abcdefghi');
    const option = dss(idsnA + 1n, 1, 9, dssChecksum(idsnA + 1n, 1, 9, data));
    const base = { from: C, to: S, flags: ACK, ack: isnS + 1, options: [option] };
    h.send({ ...base, seq: ISN_C + 1, payload: data.subarray(0, 3) });
    h.send({ ...base, seq: ISN_C + 4, payload: data.subarray(3, 6) });
    expect(h.receivedText()).toBe('');
    h.send({ ...base, seq: ISN_C + 7, payload: data.subarray(6) });
    expect(h.receivedText()).toBe('abcdefghi');
    expect(h.events('mptcp-checksum-failed')).toEqual([]);
    expect(h.events('mptcp-fallback')).toEqual([]);
  });

  it('§3.3.1, §3.7: a coalesced segment whose second half lost its mapping, on the only subflow: fallback, and those bytes continue the stream', () => {
    const { h, isnS, idsnA } = openV1();
    h.send({ from: C, to: S, flags: ACK, ack: isnS + 1, seq: ISN_C + 1, options: [dss(idsnA + 1n, 1, 4)], payload: text('abcdefgh') });
    expect(h.events('mptcp-fallback')[0]).toMatchObject({ cause: 'unmapped-data-only-subflow', bytes: 4 });
    expect(h.receivedText()).toBe('abcdefgh');
  });
});

describe('RFC 8684 §6 and §3.3.1: through a splitting middlebox (TSO)', () => {
  it('plain TCP: every byte arrives', () => {
    const r = runScenario(middleboxPathScenario(split(500), { protocol: 'tcp' }));
    expectEveryByte(r);
    expect(count(r, 'middlebox-split')).toBeGreaterThan(100);
  });

  for (const checksums of [false, true]) {
    it(`MPTCP ${checksums ? 'with' : 'without'} DSS checksums, pieces of 333 bytes: every piece carries the whole mapping, every byte arrives, MPTCP stays on`, () => {
      const r = runScenario(middleboxPathScenario(split(333), { singlePath: true, checksums }));
      expectEveryByte(r);
      expect(fallbacks(r)).toEqual([]);
      expect(resets(r)).toEqual([]);
      expect(count(r, 'mptcp-checksum-failed')).toBe(0);
      // On the wire after the box: no piece is longer than 333 bytes, and each carries a mapping that covers it.
      const pieces = dataOn(r, 'l1b');
      expect(pieces.length).toBeGreaterThan(600);
      for (const p of pieces) {
        expect(p.payload).toBeLessThanOrEqual(333);
        expect(p.mapped).not.toBeNull();
        expect(p.ssn >= p.mapped!.ssn && p.ssn + p.payload <= p.mapped!.ssn + p.mapped!.len).toBe(true);
        expect(p.mapped!.checksum !== undefined).toBe(checksums);
      }
      // Most mappings (the engine's are one sender segment each) are on more than one piece.
      expect(pieces.filter((p) => p.mapped!.len > 333).length).toBeGreaterThan(pieces.length / 2);
      // The client's first data (MP_CAPABLE with its data-level length) was split too.
      expect(pieces.filter((p) => p.kind === 'mp-capable').length).toBeGreaterThan(1);
    });
  }

  it('MPTCP over two paths with checksums, the first split: both subflows carry data, nothing is reset', () => {
    const r = runScenario(middleboxPathScenario(split(500), { checksums: true }));
    expectEveryByte(r);
    expect(fallbacks(r)).toEqual([]);
    expect(resets(r)).toEqual([]);
    expect(count(r, 'middlebox-split')).toBeGreaterThan(0);
  });
});

describe('RFC 8684 §6 and §3.3.1: through a coalescing middlebox (LRO/GRO)', () => {
  it('plain TCP: every byte arrives, in merged segments', () => {
    const r = runScenario(middleboxPathScenario(coalesce, { protocol: 'tcp', mtuAfter: 9000 }));
    expectEveryByte(r);
    expect(count(r, 'middlebox-coalesce')).toBeGreaterThan(0);
  });

  for (const checksums of [false, true]) {
    it(`§3.7, the only subflow ${checksums ? 'with' : 'without'} checksums: the server falls back at the first bytes left unmapped, the client follows, every byte arrives`, () => {
      const r = runScenario(middleboxPathScenario(coalesce, { singlePath: true, checksums, mtuAfter: 9000 }));
      expectEveryByte(r);
      // The first coalesced segment keeps the first one's MP_CAPABLE mapping only; the rest is unmapped.
      expect(fallbacks(r)).toEqual([
        ['server', 'unmapped-data-only-subflow'],
        ['client', 'first-segment-without-dss'],
      ]);
      expect(resets(r)).toEqual([]);
      expect(count(r, 'mptcp-checksum-failed')).toBe(0);
    });
  }

  it('§3.3.1, §3.7: a joined subflow through it is reset with MP_TCPRST "middlebox interference"; its data comes again over the first subflow', () => {
    const r = runScenario(middleboxPathScenario(coalesce, { onSecondPath: true, mtuAfter: 9000 }));
    expectEveryByte(r);
    expect(resets(r)).toEqual([['server', 'unmapped-data', 6]]);
    expect(fallbacks(r)).toEqual([]);
    expect(count(r, 'mptcp-reinject')).toBeGreaterThan(0);
  });

  it('§3.3.1: behind a splitter, merging the pieces of one segment loses nothing: the first piece’s copy of the mapping covers them all', () => {
    const r = runScenario(splitThenCoalesce());
    expectEveryByte(r);
    expect(count(r, 'middlebox-split')).toBeGreaterThan(0);
    expect(count(r, 'middlebox-coalesce')).toBeGreaterThan(0);
    expect(fallbacks(r)).toEqual([]);
    expect(resets(r)).toEqual([]);
  });
});

/** One path: client — tso (pieces of 500 bytes) — gro (merges up to the 1500-byte MTU) — server. */
function splitThenCoalesce(): Scenario {
  const base = middleboxPathScenario(split(500), { singlePath: true, checksums: true });
  const ifc = (id: string, a: string) => ({ id, addresses: [a] });
  return {
    ...base,
    middleboxes: [
      { id: 'tso', kind: 'split-segments', splitAtBytes: 500, interfaces: [ifc('a', '198.18.9.1/24'), ifc('b', '198.18.9.2/24')] },
      { id: 'gro', kind: 'coalesce-segments', coalesceWithinUs: 3000, interfaces: [ifc('a', '198.18.9.3/24'), ifc('b', '198.18.9.4/24')] },
    ],
    links: [link('l1a', 'client.c1', 'tso.a'), link('l1m', 'tso.b', 'gro.a'), link('l1b', 'gro.b', 'server.s1'), link('l2', 'client.c2', 'server.s2')],
  };
}
