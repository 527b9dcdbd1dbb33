/**
 * RFC 8684 §3.1 version negotiation, as Linux does it: the initiator offers
 * the highest version it speaks; the listener answers with the highest it
 * speaks at or below the offer, if the SYN reads as that version's SYN, or
 * ignores MP_CAPABLE and the connection is plain TCP. A scripted client
 * plays the initiator segment by segment; whole runs check both ends.
 */
import { describe, expect, it } from 'vitest';
import { deriveFromKey, type MptcpVersion } from '../crypto/mptcp-crypto.ts';
import { runScenario, singlePathBaseline } from '../runner/run-scenario.ts';
import { validateScenario } from '../scenario/validate.ts';
import type { MptcpVersionName, Scenario } from '../scenario/types.ts';
import { eventText } from '../sim/events.ts';
import { MptcpHarness, mptcpOf, SCRIPT_CLIENT as C, SCRIPT_ISN as ISN_C, SCRIPT_KEY as KEY_A, SCRIPT_SERVER as S } from '../testing/mptcp-harness.ts';
import { singlePathScenario } from '../testing/scenarios.ts';
import { decodePacket } from '../wire/packet.ts';
import { fromHex } from '../core/hex.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import type { MpCapable } from '../wire/mptcp/types.ts';
import { negotiateVersion } from './version-negotiation.ts';

const { SYN, ACK } = TCP_FLAG;

const v1Syn: MpCapable = { kind: 'mp-capable', version: 1, flags: 0x01 };
const v0Syn: MpCapable = { kind: 'mp-capable', version: 0, flags: 0x01, senderKey: KEY_A };

/** A listener speaking `versions` (highest first), playing the server of the harness. */
const listener = (versions: MptcpVersion[]) => new MptcpHarness({ version: versions[0]!, versions, mac: versions[0] === 0 ? 'hmac-sha1' : 'hmac-sha256' });

describe('negotiateVersion', () => {
  const cases: [string, MpCapable, MptcpVersion[], ReturnType<typeof negotiateVersion>][] = [
    ['v1 SYN, v1 listener', v1Syn, [1], { answer: 1 }],
    ['v0 SYN, v0 listener', v0Syn, [0], { answer: 0 }],
    ['v1 SYN, v0-only listener: no key to read', v1Syn, [0], { ignored: 'no-key' }],
    ['v0 SYN, v1-only listener: below what it speaks', v0Syn, [1], { ignored: 'not-spoken' }],
    ['v1 SYN, dual listener', v1Syn, [1, 0], { answer: 1 }],
    ['v0 SYN, dual listener', v0Syn, [1, 0], { answer: 0 }],
    ['v2 SYN without a key, v1 listener: answered lower', { ...v1Syn, version: 2 }, [1], { answer: 1 }],
    ['v1 SYN with a key, v1-only listener', { ...v0Syn, version: 1 }, [1], { ignored: 'has-key' }],
  ];
  for (const [name, mpc, speaks, expected] of cases) it(name, () => expect(negotiateVersion(mpc, speaks)).toEqual(expected));
});

describe('RFC 8684 §3.1: version negotiation at the listener, packet by packet', () => {
  it('RFC 8684 §3.1: a v1 SYN at a v0-only listener gets a SYN/ACK without MP_CAPABLE; both sides run plain TCP', () => {
    const h = listener([0]);
    const [synAck] = h.send({ from: C, to: S, flags: SYN, seq: ISN_C, options: [v1Syn] });
    expect(synAck!.tcp!.header.flags).toBe(SYN | ACK);
    expect(mptcpOf(synAck)).toEqual([]);
    const [fallback] = h.events('mptcp-fallback');
    expect(fallback).toMatchObject({ cause: 'mpc-version-ignored', offered: 1, speaks: [0], reason: 'no-key' });
    expect(eventText(fallback!)).toContain('MP_CAPABLE v1 from 198.18.1.1:40000 ignored: this host speaks only v0');
    // The third ACK and the data carry no MPTCP option: plain TCP, every byte delivered.
    const isnS = synAck!.tcp!.header.seq;
    h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1 });
    const [ack] = h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: isnS + 1, payload: new TextEncoder().encode('plain') });
    expect(h.receivedText()).toBe('plain');
    expect(mptcpOf(ack)).toEqual([]);
    expect(h.stack.connections[0]!.fallback).toBe(true);
  });

  it('RFC 8684 §3.1: a v0 SYN at a v1-only listener (Linux mptcp_parse_option) gets a SYN/ACK without MP_CAPABLE; plain TCP', () => {
    const h = listener([1]);
    const [synAck] = h.send({ from: C, to: S, flags: SYN, seq: ISN_C, options: [v0Syn] });
    expect(mptcpOf(synAck)).toEqual([]);
    const [fallback] = h.events('mptcp-fallback');
    expect(fallback).toMatchObject({ cause: 'mpc-version-ignored', offered: 0, speaks: [1], reason: 'not-spoken' });
    expect(eventText(fallback!)).toContain('MP_CAPABLE v0 from 198.18.1.1:40000 ignored: this host speaks only v1');
    h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: synAck!.tcp!.header.seq + 1, payload: new TextEncoder().encode('tcp') });
    expect(h.receivedText()).toBe('tcp');
  });

  it('RFC 8684 §3.1: a dual-version listener answers a v0 SYN with v0 (its key, SHA-1 token) and completes the v0 handshake', () => {
    const h = listener([1, 0]);
    const [synAck] = h.send({ from: C, to: S, flags: SYN, seq: ISN_C, options: [v0Syn] });
    const [mpc] = mptcpOf(synAck);
    expect(mpc).toMatchObject({ kind: 'mp-capable', version: 0, flags: 0x01 });
    if (mpc?.kind !== 'mp-capable' || mpc.senderKey === undefined) throw new Error('no v0 MP_CAPABLE');
    const conn = h.stack.connections[0]!;
    expect(conn.version).toBe(0);
    expect(conn.settings.mac).toBe('hmac-sha1');
    expect(h.stack.tokens.get(deriveFromKey(0, mpc.senderKey).token)).toBe(conn);
    expect(h.events('mptcp-version-chosen')[0]).toMatchObject({ offered: 0, chosen: 0, speaks: [1, 0] });
    h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: synAck!.tcp!.header.seq + 1, options: [{ ...v0Syn, receiverKey: mpc.senderKey }] });
    expect(h.events('mptcp-fully-established')).toHaveLength(1);
  });

  it('RFC 8684 §3.1: a dual-version listener answers a v1 SYN with v1', () => {
    const h = listener([1, 0]);
    const [synAck] = h.send({ from: C, to: S, flags: SYN, seq: ISN_C, options: [v1Syn] });
    expect(mptcpOf(synAck)).toMatchObject([{ kind: 'mp-capable', version: 1, flags: 0x01 }]);
    expect(h.stack.connections[0]!.version).toBe(1);
    expect(h.events('mptcp-version-chosen')[0]).toMatchObject({ offered: 1, chosen: 1 });
  });

  it('RFC 8684 §3.1: a listener answers a higher version than it speaks with its own (Linux accepts any version ≥ 1 on a SYN)', () => {
    const h = listener([1]);
    const [synAck] = h.send({ from: C, to: S, flags: SYN, seq: ISN_C, options: [{ ...v1Syn, version: 2 }] });
    expect(mptcpOf(synAck)).toMatchObject([{ kind: 'mp-capable', version: 1 }]);
    expect(h.events('mptcp-version-chosen')[0]).toMatchObject({ offered: 2, chosen: 1, speaks: [1] });
  });

  it('RFC 8684 §3.1 with syn-cookies: a dual-version listener answers a v0 SYN from a cookie with v0, and the third ACK rebuilds a v0 connection', () => {
    const h = new MptcpHarness({ version: 1, versions: [1, 0], mitigations: new Set(['syn-cookies']) });
    const [synAck] = h.send({ from: C, to: S, flags: SYN, seq: ISN_C, options: [v0Syn] });
    const [mpc] = mptcpOf(synAck);
    if (mpc?.kind !== 'mp-capable' || mpc.senderKey === undefined) throw new Error('no MP_CAPABLE');
    expect(mpc.version).toBe(0);
    expect(h.stack.connections).toEqual([]);
    h.send({ from: C, to: S, flags: ACK, seq: ISN_C + 1, ack: synAck!.tcp!.header.seq + 1, options: [{ ...v0Syn, receiverKey: mpc.senderKey }] });
    const conn = h.stack.connections[0]!;
    expect(conn.version).toBe(0);
    expect(conn.localShare).toBe(mpc.senderKey);
    expect(conn.fallback).toBe(false);
  });

  it('a single-version listener answering the version offered records no choice (the built-in runs keep their events)', () => {
    const h = listener([1]);
    h.send({ from: C, to: S, flags: SYN, seq: ISN_C, options: [v1Syn] });
    expect(h.events('mptcp-version-chosen')).toEqual([]);
  });
});

/** client — r1 — server with each host's versions. */
function mixed(client: MptcpVersionName[], server: MptcpVersionName[]): Scenario {
  const base = singlePathScenario({ protocol: 'mptcp-v1' });
  return { ...base, hosts: [{ ...base.hosts[0]!, mptcp: { versions: client } }, { ...base.hosts[1]!, mptcp: { versions: server } }] };
}

/** SYNs the client put on its link. */
const synCount = (r: ReturnType<typeof runScenario>) =>
  r.packets.filter((p) => {
    if (p.link !== 'l1' || p.from !== 'client') return false;
    const d = decodePacket(fromHex(p.hex));
    return d.ok && !!d.value.tcp && (d.value.tcp.header.flags & (SYN | ACK)) === SYN;
  }).length;

describe('RFC 8684 §3.1: hosts speaking different versions, whole runs', () => {
  it('the plain-TCP baseline drops the hosts\' own MPTCP settings, so it stays a valid document', () => {
    const base = singlePathBaseline(mixed(['v0'], ['v0', 'v1']));
    expect(base.hosts.map((h) => 'mptcp' in h)).toEqual([false, false]);
    expect(validateScenario(base)).toEqual([]);
  });

  it('v1 client, v0-only server: both fall back, every byte arrives over TCP, and the client does not retry with v0 (as Linux)', () => {
    const r = runScenario(mixed(['v1'], ['v0']));
    const fallbacks = r.events.flatMap((e) => (e.kind === 'mptcp-fallback' ? [[e.host, e.cause]] : []));
    expect(fallbacks).toEqual([
      ['server', 'mpc-version-ignored'],
      ['client', 'synack-without-mpc'],
    ]);
    expect(synCount(r)).toBe(1);
    expect(r.apps[0]).toMatchObject({ intact: true, bytesRead: { server: 200_000 } });
  });

  it('v0 client, v1-only server: plain TCP, every byte arrives', () => {
    const r = runScenario(mixed(['v0'], ['v1']));
    expect(r.events.filter((e) => e.kind === 'mptcp-fallback').map((e) => e.host)).toEqual(['server', 'client']);
    expect(r.apps[0]).toMatchObject({ intact: true, bytesRead: { server: 200_000 } });
  });

  it('v0 client, dual server: MPTCP v0 end to end', () => {
    const r = runScenario(mixed(['v0'], ['v0', 'v1']));
    expect(r.events.filter((e) => e.kind === 'mptcp-fallback')).toEqual([]);
    expect(r.events.find((e) => e.kind === 'mptcp-capable')).toMatchObject({ host: 'client', version: 0 });
    expect(r.apps[0]).toMatchObject({ intact: true, bytesRead: { server: 200_000 } });
  });

  it('dual client, v0-only server: the client offers its highest, v1, so the connection is plain TCP', () => {
    const r = runScenario(mixed(['v0', 'v1'], ['v0']));
    expect(r.events.find((e) => e.kind === 'mptcp-connect')).toMatchObject({ version: 1 });
    expect(r.events.filter((e) => e.kind === 'mptcp-fallback')).toHaveLength(2);
  });
});
