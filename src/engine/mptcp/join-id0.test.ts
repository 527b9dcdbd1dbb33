/**
 * RFC 8684 §3.1, MP_CAPABLE's C flag, as Linux's
 * net.mptcp.allow_join_initial_addr_port = 0 drives it: C on every v1
 * MP_CAPABLE the host sends, joins to its initial address and port refused;
 * a peer that reads C never joins that address (ID 0) but still joins
 * addresses announced with ADD_ADDR. Scripted packet by packet.
 */
import { describe, expect, it } from 'vitest';
import { addAddrHmac, deriveFromKey } from '../crypto/mptcp-crypto.ts';
import { addressKey } from '../net/address-key.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { eventText } from '../sim/events.ts';
import { MptcpHarness, mptcpOf, openV1, SCRIPT_KEY as KEY_B, SERVER2 } from '../testing/mptcp-harness.ts';
import { twoPathScenario } from '../testing/scenarios.ts';
import { ipv4, parseIp } from '../wire/ip-address.ts';
import { MPC_FLAG, type MptcpOption } from '../wire/mptcp/types.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';

const { SYN, ACK, RST } = TCP_FLAG;
const H = MPC_FLAG.H;
const C = MPC_FLAG.C;

describe('RFC 8684 §3.1: the C flag sent (allow_join_initial_addr_port 0)', () => {
  it('RFC 8684 §3.1: a listener with allow_join_initial_addr_port 0 sets C in its SYN/ACK', () => {
    const { h } = openV1({ allowJoinInitialAddrPort: false });
    expect(h.events('mptcp-fully-established')).toHaveLength(1);
    const h2 = new MptcpHarness({ allowJoinInitialAddrPort: false });
    const [synAck] = h2.send({ from: '198.18.1.1:40000', to: '198.18.1.2:8080', flags: SYN, seq: 1, options: [{ kind: 'mp-capable', version: 1, flags: H }] });
    expect(mptcpOf(synAck)).toMatchObject([{ kind: 'mp-capable', flags: C | H }]);
  });

  it('RFC 8684 §3.1: by default (Linux allow_join_initial_addr_port 1) C is clear', () => {
    const h = new MptcpHarness();
    const [synAck] = h.send({ from: '198.18.1.1:40000', to: '198.18.1.2:8080', flags: SYN, seq: 1, options: [{ kind: 'mp-capable', version: 1, flags: H }] });
    expect(mptcpOf(synAck)).toMatchObject([{ kind: 'mp-capable', flags: H }]);
  });

  it('RFC 8684 §3.1: an initiator with allow_join_initial_addr_port 0 sets C in its SYN and in its third ACK, as Linux mptcp_write_options', () => {
    const { h, syn, thirdAck } = clientHandshake({ allowJoinInitialAddrPort: false }, H);
    expect(mptcpOf(syn)).toEqual([{ kind: 'mp-capable', version: 1, flags: C | H }]);
    expect(mptcpOf(thirdAck)).toMatchObject([{ kind: 'mp-capable', flags: C | H, receiverKey: KEY_B }]);
    expect(h.stack.connections[0]!.peerDeniesJoinId0).toBe(false);
  });

  it('RFC 6824 §3.1: v0 has no C flag (C is a crypto bit there), so a v0 connection never sets it', () => {
    const h = new MptcpHarness({ version: 0, versions: [0], mac: 'hmac-sha1', allowJoinInitialAddrPort: false });
    const [synAck] = h.send({ from: '198.18.1.1:40000', to: '198.18.1.2:8080', flags: SYN, seq: 1, options: [{ kind: 'mp-capable', version: 0, flags: H, senderKey: 7n }] });
    expect(mptcpOf(synAck)).toMatchObject([{ kind: 'mp-capable', version: 0, flags: H }]);
  });
});

describe('RFC 8684 §3.1: joins to the initial address refused after C', () => {
  const NONCE = 0x22222222;
  const joinSyn = (keyB: bigint, to: string): { from: string; to: string; flags: number; seq: number; options: MptcpOption[] } => ({
    from: '198.18.2.1:40001',
    to,
    flags: SYN,
    seq: 9000,
    options: [{ kind: 'mp-join-syn', backup: false, addressId: 1, token: deriveFromKey(1, keyB).token, nonce: NONCE, reserved: 0 }],
  });

  it('RFC 8684 §3.1: a join to the initial address and port after C is refused with MP_TCPRST "administratively prohibited"; one to another address is answered', () => {
    const { h, keyB } = openV1({ allowJoinInitialAddrPort: false });
    const [rst] = h.send(joinSyn(keyB, '198.18.1.2:8080'));
    expect(rst!.tcp!.header.flags & RST).toBe(RST);
    expect(mptcpOf(rst)).toEqual([{ kind: 'mp-tcprst', transient: false, reserved: 0, reason: 3 }]);
    const [refused] = h.events('mptcp-join-rejected');
    expect(refused).toMatchObject({ reason: 'initial-address-denied', local: '198.18.1.2:8080' });
    expect(eventText(refused!)).toContain('this host set C in its MP_CAPABLE');
    const [synAck] = h.send({ ...joinSyn(keyB, `${SERVER2}:8080`), from: '198.18.2.1:40002' });
    expect(mptcpOf(synAck)).toMatchObject([{ kind: 'mp-join-syn-ack' }]);
  });

  it('RFC 8684 §3.1: without C the same join to the initial address is answered', () => {
    const { h, keyB } = openV1();
    const [synAck] = h.send(joinSyn(keyB, '198.18.1.2:8080'));
    expect(mptcpOf(synAck)).toMatchObject([{ kind: 'mp-join-syn-ack' }]);
    expect(h.events('mptcp-join-rejected')).toEqual([]);
  });
});

/** The scripted server's end: the harness host is the client here. */
const PEER = '198.18.1.1:8080';
const PEER2 = ipv4(198, 18, 2, 1);

/**
 * The harness host opens a v1 connection to the scripted server, which
 * answers with MP_CAPABLE `flags` and key KEY_B; the host's third ACK
 * follows. Its path manager has a `subflow` endpoint on its second address.
 */
function clientHandshake(settings: ConstructorParameters<typeof MptcpHarness>[0], synAckFlags: number) {
  const h = new MptcpHarness({ pathManager: { endpoints: [{ address: SERVER2, flags: ['subflow'] }], limits: { subflows: 2, addAddrAccepted: 1 } }, ...settings });
  // The scripted server's addresses, one behind each interface (a topology would set these routes).
  h.host.routes.set(addressKey(parseIp('198.18.1.1')!), 0);
  h.host.routes.set(addressKey(PEER2), 1);
  h.stack.connect(parseIp('198.18.1.1')!, 8080, {});
  const [syn] = h.take();
  const local = `198.18.1.2:${syn!.tcp!.header.srcPort}`;
  const isnC = syn!.tcp!.header.seq;
  const [thirdAck] = h.send({ from: PEER, to: local, flags: SYN | ACK, seq: 7000, ack: isnC + 1, options: [{ kind: 'mp-capable', version: 1, flags: synAckFlags, senderKey: KEY_B }] });
  const mpc = mptcpOf(thirdAck)[0];
  if (mpc?.kind !== 'mp-capable' || mpc.senderKey === undefined) throw new Error('no third ACK MP_CAPABLE');
  return { h, syn: syn!, thirdAck: thirdAck!, local, isnC, keyA: mpc.senderKey };
}

/** The scripted server's first DSS (a DATA_ACK) makes the client fully established: its path manager acts then. */
function serverDataAck(c: ReturnType<typeof clientHandshake>) {
  const idsnA = deriveFromKey(1, c.keyA).idsn;
  return c.h.send({ from: PEER, to: c.local, flags: ACK, seq: 7001, ack: c.isnC + 1, options: [{ kind: 'dss', dataFin: false, dataAck64: true, dataAck: idsnA + 1n, dsn64: false, reserved: 0 }] });
}

const joinSyns = (packets: ReturnType<MptcpHarness['take']>) => packets.filter((p) => mptcpOf(p).some((o) => o.kind === 'mp-join-syn'));

describe('RFC 8684 §3.1: the C flag received (Linux deny_join_id0)', () => {
  it('RFC 8684 §3.1: C in the SYN/ACK: the client\'s path manager never joins the peer\'s initial address (ID 0)', () => {
    const c = clientHandshake({}, C | H);
    expect(c.h.events('mptcp-peer-denies-join-id0')[0]).toMatchObject({ via: 'syn-ack' });
    const out = serverDataAck(c);
    expect(joinSyns(out)).toEqual([]);
    const [skipped] = c.h.events('pm-join-id0-skipped');
    expect(skipped).toMatchObject({ local: SERVER2, remote: PEER });
    expect(eventText(skipped!)).toContain("no join from 198.18.2.2 to the peer's initial address 198.18.1.1:8080 (ID 0): the peer set C");
  });

  it('RFC 8684 §3.1: without C the same client joins the peer\'s initial address (ID 0)', () => {
    const c = clientHandshake({}, H);
    const joins = joinSyns(serverDataAck(c));
    expect(joins.map((p) => `${p.tcp!.header.dstPort}`)).toEqual(['8080']);
    expect(mptcpOf(joins[0])).toMatchObject([{ kind: 'mp-join-syn', addressId: 1 }]);
    expect(c.h.events('pm-join-id0-skipped')).toEqual([]);
  });

  it('RFC 8684 §3.1: after C the client still joins an address the peer announces with ADD_ADDR', () => {
    const c = clientHandshake({}, C | H);
    serverDataAck(c);
    const hmac = addAddrHmac(KEY_B, c.keyA, 4, PEER2);
    const out = c.h.send({ from: PEER, to: c.local, flags: ACK, seq: 7001, ack: c.isnC + 1, options: [{ kind: 'add-addr', version: 1, echo: false, addressId: 4, address: PEER2, hmac, reserved: 0 }] });
    const joins = joinSyns(out);
    expect(joins).toHaveLength(1);
    expect(joins[0]!.ip.dst).toEqual(PEER2);
    expect(c.h.events('mptcp-join-open')[0]).toMatchObject({ remote: '198.18.2.1:8080', remoteId: 4 });
  });

  it('RFC 8684 §3.1: a listener also reads C in the SYN (Linux: remote_deny_join_id0 set on SYN receipt)', () => {
    const h = new MptcpHarness();
    h.send({ from: '198.18.1.1:40000', to: '198.18.1.2:8080', flags: SYN, seq: 1, options: [{ kind: 'mp-capable', version: 1, flags: C | H }] });
    expect(h.events('mptcp-peer-denies-join-id0')[0]).toMatchObject({ via: 'syn' });
    expect(h.stack.connections[0]!.peerDeniesJoinId0).toBe(true);
  });
});

describe('RFC 8684 §3.1: C flag, whole run', () => {
  it('a server with allowJoinInitialAddrPort false: the client joins only the announced address, and every byte arrives', () => {
    const base = twoPathScenario('mptcp-v1');
    const s = {
      ...base,
      hosts: [
        { ...base.hosts[0]!, pathManager: { endpoints: [{ address: '198.18.2.1', flags: ['subflow' as const] }], limits: { subflows: 2, addAddrAccepted: 1 } } },
        { ...base.hosts[1]!, mptcp: { allowJoinInitialAddrPort: false } },
      ],
    };
    const r = runScenario(s);
    expect(r.events.filter((e) => e.kind === 'pm-join-id0-skipped').map((e) => e.host)).toEqual(['client']);
    const joins = r.events.flatMap((e) => (e.kind === 'mptcp-join-open' ? [e.remoteId] : []));
    expect(joins).not.toContain(0);
    expect(joins.length).toBeGreaterThan(0);
    expect(r.events.filter((e) => e.kind === 'mptcp-join-rejected')).toEqual([]);
    expect(r.apps[0]).toMatchObject({ intact: true, bytesRead: { server: 500_000 } });
  });
});
