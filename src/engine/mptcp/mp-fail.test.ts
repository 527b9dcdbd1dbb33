/**
 * RFC 8684 §3.7, a DSS checksum failure on the only subflow, one segment
 * at a time: the receiver sends MP_FAIL and waits; the sender answers with
 * MP_FAIL and an infinite mapping and falls back; the infinite mapping
 * makes the receiver fall back too.
 */
import { describe, expect, it } from 'vitest';
import { BytesSource } from '../host/byte-stream.ts';
import { dssChecksum } from '../wire/dss-checksum.ts';
import type { Dss } from '../wire/mptcp/types.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { builtinScenario } from '../scenario/builtin/index.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import { mptcpOf, openV1, SCRIPT_CLIENT as C, SCRIPT_ISN as ISN_C, SCRIPT_SERVER as S, type MptcpHarness } from '../testing/mptcp-harness.ts';
import { MP_FAIL_TIMEOUT_US } from './subflow.ts';

const { ACK, RST } = TCP_FLAG;
/** MP_CAPABLE flags A (checksums) and H. */
const MPC_AH = 0x81;

const established = () => openV1({ checksums: true }, MPC_AH);

const text = (s: string) => new TextEncoder().encode(s);
const read = (h: MptcpHarness) => h.receivedText();
/** A mapping of `sent` whose checksum the sender computed; the payload on the wire may differ (a rewriting middlebox). */
const mapped = (dsn: bigint, ssn: number, sent: string): Dss => {
  const b = text(sent);
  return { kind: 'dss', dataFin: false, dataAck64: false, dsn64: true, reserved: 0, mapping: { dsn, ssn, dataLength: b.length, checksum: dssChecksum(dsn, ssn, b.length, b) } };
};

describe('RFC 8684 §3.7: the receiver of a failed checksum on the only subflow', () => {
  it('sends MP_FAIL on an ACK, keeps MPTCP until the infinite mapping, then falls back', () => {
    const { h, isnS, idsnA } = established();
    const conn = h.stack.connections[0]!;
    const base = { from: C, to: S, flags: ACK, ack: isnS + 1 };
    h.send({ ...base, seq: ISN_C + 1, options: [mapped(idsnA + 1n, 1, 'abcd')], payload: text('abcd') });
    // Rewritten on the way: "efgh" became "eXgh".
    const out = h.send({ ...base, seq: ISN_C + 5, options: [mapped(idsnA + 5n, 5, 'efgh')], payload: text('eXgh') });
    expect(h.events('mptcp-checksum-failed')).toHaveLength(1);
    expect(out.flatMap(mptcpOf)).toContainEqual({ kind: 'mp-fail', dsn: idsnA + 5n, reserved: 0 });
    expect(conn.fallback).toBe(false);
    // More rewritten data before the answer: delivered unchecked, no second MP_FAIL.
    const again = h.send({ ...base, seq: ISN_C + 9, options: [mapped(idsnA + 9n, 9, 'ijkl')], payload: text('iXkl') });
    expect(again.flatMap(mptcpOf).some((o) => o.kind === 'mp-fail')).toBe(false);
    expect(read(h)).toBe('abcdeXghiXkl');
    // The peer's echo changes nothing; its infinite mapping ends MPTCP.
    h.send({ ...base, seq: ISN_C + 13, options: [{ kind: 'mp-fail', dsn: idsnA + 5n, reserved: 0 }] });
    expect(conn.fallback).toBe(false);
    h.send({ ...base, seq: ISN_C + 13, options: [{ kind: 'dss', dataFin: false, dataAck64: false, dsn64: true, reserved: 0, mapping: { dsn: idsnA + 5n, ssn: 0, dataLength: 0, checksum: 0 } }] });
    expect(h.events('mptcp-fallback').map((e) => e.cause)).toEqual(['infinite-mapping-received']);
    // Plain TCP from here: data without options is the stream.
    const after = h.send({ ...base, seq: ISN_C + 13, flags: ACK | TCP_FLAG.PSH, payload: text('mn') });
    expect(read(h)).toBe('abcdeXghiXklmn');
    expect(after.flatMap(mptcpOf)).toEqual([]);
  });

  it('resets the subflow when no infinite mapping comes within 120 s (Linux TCP_RTO_MAX)', () => {
    const { h, isnS, idsnA } = established();
    h.send({ from: C, to: S, flags: ACK, ack: isnS + 1, seq: ISN_C + 1, options: [mapped(idsnA + 1n, 1, 'abcd')], payload: text('abXd') });
    expect(h.events('mptcp-checksum-failed')).toHaveLength(1);
    h.sim.run(h.sim.now + MP_FAIL_TIMEOUT_US + 1);
    expect(h.events('mptcp-subflow-reset')[0]).toMatchObject({ cause: 'mp-fail-unanswered', dsn: String(idsnA + 1n), mpTcpRst: 6 });
    expect(h.take().some((p) => (p.tcp!.header.flags & RST) !== 0)).toBe(true);
  });
});

describe('RFC 8684 §3.7: the receiver of MP_FAIL on the only subflow', () => {
  it('answers with MP_FAIL and an infinite mapping, then sends plain TCP', () => {
    const { h, isnS, idsnA, idsnB } = established();
    const conn = h.stack.connections[0]!;
    h.send({ from: C, to: S, flags: ACK | TCP_FLAG.PSH, seq: ISN_C + 1, ack: isnS + 1, options: [mapped(idsnA + 1n, 1, 'hi')], payload: text('hi') });
    conn.write(new BytesSource(text('0123456789')));
    h.host.flush();
    h.take();
    // The client's checksum failed on the server's 10 bytes: MP_FAIL on its ACK.
    const dataAck = { kind: 'dss' as const, dataFin: false, dataAck: idsnB + 1n, dataAck64: true, dsn64: false, reserved: 0 };
    const out = h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 3, ack: isnS + 11, options: [dataAck, { kind: 'mp-fail', dsn: idsnB + 1n, reserved: 0 }] });
    const opts = out.flatMap(mptcpOf);
    expect(opts).toContainEqual({ kind: 'mp-fail', dsn: idsnB + 1n, reserved: 0 });
    const infinite = opts.find((o) => o.kind === 'dss' && o.mapping?.dataLength === 0);
    expect(infinite).toMatchObject({ mapping: { dsn: idsnB + 1n, dataLength: 0 } });
    // MP_FAIL first, then the infinite mapping.
    expect(opts.findIndex((o) => o.kind === 'mp-fail')).toBeLessThan(opts.indexOf(infinite!));
    expect(h.events('mptcp-fallback').map((e) => e.cause)).toEqual(['mp-fail-answered']);
    conn.write(new BytesSource(text('more')));
    h.host.flush();
    expect(h.take().flatMap(mptcpOf)).toEqual([]);
  });
});

describe('RFC 8684 §3.7: the checksum-fail-single-path built-in', () => {
  it('MP_FAIL both ways, one infinite mapping, both ends fall back and the upload completes', () => {
    const r = runScenario(builtinScenario('checksum-fail-single-path')!);
    expect(r.finished).toBe(true);
    expect(r.apps[0]!.bytesRead.server).toBe(200_000);
    expect(r.events.filter((e) => e.kind === 'mptcp-checksum-failed').map((e) => e.host)).toEqual(['server']);
    expect(r.events.filter((e) => e.kind === 'mptcp-fail-received').map((e) => e.host)).toEqual(['client', 'server']);
    expect(r.events.filter((e) => e.kind === 'mptcp-infinite-mapping').map((e) => e.host)).toEqual(['server']);
    expect(r.events.filter((e) => e.kind === 'mptcp-fallback').map((e) => [e.host, e.cause])).toEqual([
      ['client', 'mp-fail-answered'],
      ['server', 'infinite-mapping-received'],
    ]);
  });
});
