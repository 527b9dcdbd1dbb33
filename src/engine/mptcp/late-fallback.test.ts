/**
 * RFC 8684 §3.7, options lost after the handshake, one segment at a time:
 * the receiver of unmapped data on its only subflow falls back without
 * losing it, and the sender that sees data acknowledged without a DATA_ACK
 * sends one infinite mapping and falls back.
 */
import { describe, expect, it } from 'vitest';
import { BytesSource } from '../host/byte-stream.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { builtinScenario } from '../scenario/builtin/index.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import { dssMapping as dss, mptcpOf, openV1, SCRIPT_CLIENT as C, SCRIPT_ISN as ISN_C, SCRIPT_SERVER as S, type MptcpHarness } from '../testing/mptcp-harness.ts';

const { ACK } = TCP_FLAG;

const established = () => openV1();

const text = (s: string) => new TextEncoder().encode(s);
const read = (h: MptcpHarness) => h.receivedText();

describe('RFC 8684 §3.7: data without a mapping on the only subflow', () => {
  it('falls back and the unmapped bytes continue the stream where the last mapping ended', () => {
    const { h, isnS, idsnA } = established();
    const base = { from: C, to: S, flags: ACK, ack: isnS + 1 };
    h.send({ ...base, seq: ISN_C + 1, options: [dss(idsnA + 1n, 1, 4)], payload: text('abcd') });
    expect(h.events('mptcp-fallback')).toEqual([]);
    // The options were stripped from here on.
    const out = h.send({ ...base, seq: ISN_C + 5, payload: text('efgh') });
    expect(h.events('mptcp-fallback')[0]).toMatchObject({ cause: 'unmapped-data-only-subflow', bytes: 4 });
    expect(read(h)).toBe('abcdefgh');
    // Plain TCP from now on: its ACK carries no DSS.
    expect(out.flatMap(mptcpOf)).toEqual([]);
    h.send({ ...base, seq: ISN_C + 9, payload: text('ij') });
    expect(read(h)).toBe('abcdefghij');
  });
});

describe('RFC 8684 §3.7: data acknowledged without a DATA_ACK on the first subflow', () => {
  it('the sender sends one infinite mapping from its last DATA_ACK, then plain TCP', () => {
    const { h, isnS, idsnA, idsnB } = established();
    const conn = h.stack.connections[0]!;
    // The client's first data (with its DSS) makes the server fully sure of the path, then the server writes.
    h.send({ from: C, to: S, flags: ACK | TCP_FLAG.PSH, seq: ISN_C + 1, ack: isnS + 1, options: [dss(idsnA + 1n, 1, 2)], payload: text('hi') });
    conn.write(new BytesSource(text('0123456789')));
    h.host.flush();
    expect(h.take().flatMap(mptcpOf)).toContainEqual(expect.objectContaining({ kind: 'dss', mapping: { dsn: idsnB + 1n, ssn: 1, dataLength: 10 } }));
    // The client acknowledges those 10 bytes with no MPTCP option (stripped on the way back).
    const out = h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 3, ack: isnS + 11 });
    expect(h.events('mptcp-fallback')[0]).toMatchObject({ cause: 'ack-without-data-ack' });
    const infinite = out.flatMap(mptcpOf).find((o) => o.kind === 'dss');
    expect(infinite).toMatchObject({ kind: 'dss', mapping: { dsn: idsnB + 1n, dataLength: 0 } });
    // After it, no more MPTCP options.
    conn.write(new BytesSource(text('more')));
    h.host.flush();
    expect(h.take().flatMap(mptcpOf)).toEqual([]);
  });
});

describe('RFC 8684 §3.7: the fallback-midstream built-in', () => {
  it('options stripped from the client’s data after 40 ms: both ends fall back and every byte arrives intact, in order', () => {
    const r = runScenario(builtinScenario('fallback-midstream')!);
    expect(r.finished).toBe(true);
    expect(r.apps[0]).toMatchObject({ intact: true, bytesRead: { server: 200_000 } });
    expect(r.events.filter((e) => e.kind === 'mptcp-fallback').map((e) => [e.host, e.cause])).toEqual([
      ['server', 'unmapped-data-only-subflow'],
      ['client', 'ack-without-data-ack'],
    ]);
    expect(r.failures).toEqual([]);
    // The middlebox left the handshake and the first data alone.
    const stripped = r.events.filter((e) => e.kind === 'middlebox-strip-mptcp');
    expect(stripped.length).toBeGreaterThan(0);
    expect(stripped.every((e) => e.timeUs >= 40_000)).toBe(true);
  });
});
