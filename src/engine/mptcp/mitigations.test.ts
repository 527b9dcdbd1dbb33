/**
 * Protocol-level mitigations (security-model.md §5) as host behaviour: each
 * changes what the hosts do, and the outcome follows from it.
 */
import { describe, expect, it } from 'vitest';
import { analyzeCapture } from '../analysis/analyze-capture.ts';
import { exportPcap } from '../runner/pcap-export.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { builtinScenario } from '../scenario/builtin/index.ts';
import type { HostMitigation, Scenario } from '../scenario/types.ts';
import { twoPathScenario } from '../testing/scenarios.ts';
import { decodePacket } from '../wire/packet.ts';

const withMitigations = (s: Scenario, mitigations: HostMitigation[], extra: Partial<Scenario['mptcp']> = {}): Scenario => ({ ...s, mptcp: { ...s.mptcp, mitigations, ...extra } });
const joined = (r: ReturnType<typeof runScenario>) => r.events.filter((e) => e.kind === 'mptcp-join-accepted').length;

describe('address-bound-join-hmac', () => {
  it('joins still work where no one rewrites addresses', () => {
    const r = runScenario(withMitigations(twoPathScenario('mptcp-v1'), ['address-bound-join-hmac']));
    expect(joined(r)).toBe(1);
    expect(r.apps[0]!.intact).toBe(true);
  });

  it('breaks the join through a NAT (RFC 7430 §6: a NAT looks like the attack); the transfer stays on the first path', () => {
    const nat = builtinScenario('nat-client')!;
    expect(joined(runScenario(nat))).toBe(1);
    const r = runScenario(withMitigations(nat, ['address-bound-join-hmac']));
    expect(joined(r)).toBe(0);
    expect(r.events.some((e) => e.kind === 'mptcp-subflow-reset' && (e.cause === 'synack-hmac-mismatch' || e.cause === 'third-ack-hmac-mismatch'))).toBe(true);
    expect(r.apps[0]).toMatchObject({ intact: true, bytesRead: { server: 200_000 } });
  });
});

describe('add-addr-hmac in v0 (what-if)', () => {
  it('v0 hosts announce with RFC 8684 ADD_ADDR (echo flag and HMAC); it verifies and is echoed', () => {
    const r = runScenario(withMitigations(twoPathScenario('mptcp-v0'), ['add-addr-hmac']));
    expect(joined(r)).toBe(1);
    const c = analyzeCapture(exportPcap(r.handle.records)).connections[0]!;
    expect(c.version).toBe(0);
    const [announce, echo] = [c.addAddrs.find((a) => !a.echo)!, c.addAddrs.find((a) => a.echo)!];
    expect(announce).toMatchObject({ version: 1, hmac: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(echo).toBeDefined();
  });
});

describe('half-open joins', () => {
  it('a limit of 0 refuses every join; stateless-join keeps no half-open state, so the limit is never reached', () => {
    const limited = runScenario(withMitigations(twoPathScenario('mptcp-v1'), [], { halfOpenJoinLimit: 0 }));
    expect(joined(limited)).toBe(0);
    expect(limited.events.some((e) => e.kind === 'mptcp-join-rejected' && e.reason === 'half-open-limit' && e.limit === 0)).toBe(true);
    const stateless = runScenario(withMitigations(twoPathScenario('mptcp-v1'), ['stateless-join'], { halfOpenJoinLimit: 0 }));
    expect(joined(stateless)).toBe(1);
    expect(stateless.events.some((e) => e.kind === 'mptcp-join-syn' && e.stateless)).toBe(true);
  });

  it('stateless-join shows on the wire: a cookie SYN/ACK, and a third ACK that repeats the token and nonce (RFC 7430 §3.1)', () => {
    const plain = runScenario(withMitigations(twoPathScenario('mptcp-v1'), []));
    const stateless = runScenario(withMitigations(twoPathScenario('mptcp-v1'), ['stateless-join']));
    const thirdAck = (r: ReturnType<typeof runScenario>) =>
      r.handle.records
        .map((p) => decodePacket(p.bytes!))
        .flatMap((d) => (d.ok && d.value.tcp ? d.value.tcp.header.options : []))
        .find((o) => o.kind === 'mp-join-ack')!;
    const syn = stateless.handle.records.map((p) => decodePacket(p.bytes!)).flatMap((d) => (d.ok && d.value.tcp ? d.value.tcp.header.options : [])).find((o) => o.kind === 'mp-join-syn')!;
    expect(thirdAck(plain)).not.toHaveProperty('stateless');
    expect(thirdAck(stateless)).toMatchObject({ stateless: { token: syn.kind === 'mp-join-syn' ? syn.token : -1, nonce: syn.kind === 'mp-join-syn' ? syn.nonce : -1 } });
    // The server kept nothing between the SYN and the third ACK: the SYN went to a cookie, the subflow was made at the ACK.
    expect(stateless.events.filter((e) => e.host === 'server' && e.kind === 'tcp-syn-cookie-sent')).toHaveLength(1);
    expect(stateless.events.filter((e) => e.kind === 'mptcp-join-stateless-accepted')).toHaveLength(1);
    expect(stateless.handle.syns.get('server')!.find((x) => x.kind === 'mp-join')).toMatchObject({ cookie: true, kept: null });
    expect(plain.handle.syns.get('server')!.find((x) => x.kind === 'mp-join')!.kept).toMatchObject({ structure: 'mptcp_subflow_request_sock', bytes: 384 });
    expect(stateless.apps[0]!.intact && stateless.apps[0]!.completedUs !== null).toBe(true);
  });
});

describe('syn-cookies', () => {
  it('the server key comes from the SYN, so the same SYN always gives the same key; the connection works', () => {
    const s = withMitigations(twoPathScenario('mptcp-v1'), ['syn-cookies']);
    const a = runScenario(s);
    expect(a.apps[0]!.intact).toBe(true);
    const serverKey = (r: ReturnType<typeof runScenario>) => r.connections.find((c) => c.role === 'server')!.localKey;
    // A different seed changes the client's ISN and port, hence the SYN, hence the derived key.
    expect(serverKey(runScenario({ ...s, seed: 2 }))).not.toBe(serverKey(a));
    expect(serverKey(runScenario(s))).toBe(serverKey(a));
  });

  it('the server keeps nothing until the third ACK: a cookie SYN/ACK, then the connection made from the ACK', () => {
    const r = runScenario(withMitigations(twoPathScenario('mptcp-v1'), ['syn-cookies']));
    const server = r.handle.syns.get('server')!;
    expect(server.find((x) => x.kind === 'mp-capable')).toMatchObject({ cookie: true, kept: null });
    expect(r.events.find((e) => e.host === 'server' && e.kind === 'tcp-state' && e.to === 'SYN_RECEIVED')).toMatchObject({ cause: 'cookie-verified' });
    // The join is answered from a cookie too, its nonces kept in one slot of Linux's fixed table.
    expect(server.find((x) => x.kind === 'mp-join')).toMatchObject({ cookie: true, kept: { structure: 'join_entry', fixedSlot: true } });
    expect(joined(r)).toBe(1);
  });
});
