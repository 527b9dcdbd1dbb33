import { describe, expect, it } from 'vitest';
import type { SynRecord } from '../host/syn-ledger.ts';
import { eventText, type HostEvent } from '../sim/events.ts';
import { fakeAttackFree, fakeAttacker, fakeConnection, fakeEndpoint, fakeSubflow, fakeSyn, fakeTruth, type TruthInit } from '../testing/truth-builder.ts';
import type { ConnectionTruth, SubflowTruth } from './monitor.ts';
import { joinDos } from './join-dos.ts';
import { renderProse } from './prose.ts';

const OWN = '203.0.113.66';
/** A join the host started and completed. */
const join = (over: Partial<Omit<SubflowTruth, 'local' | 'remote'>> & { remote?: string } = {}) => fakeSubflow({ kind: 'join', initiator: true, local: '198.18.1.2:40001', remote: '198.18.2.2:8080', joinedAtUs: 200_000, ...over });
const conn = (host: string, joins: SubflowTruth[]): ConnectionTruth => fakeConnection({ host, role: host === 'client' ? 'client' : 'server', subflows: [fakeSubflow(), ...joins] });
/** Without the attacker the client completed one join. */
const base = () => fakeAttackFree({ connections: [conn('client', [join()]), conn('server', [join({ initiator: false })])] });
const SHORT = 'client completed 0 legitimate joins where the run without the attacker completed 1';
const CLS = 'on-path active at r1';

const addAddr = (timeUs: number, packets: number[], host = 'client'): HostEvent => ({ kind: 'mptcp-add-addr-received', timeUs, host, token: 'aa', addressId: 3, address: '198.18.9.9', port: null, hmacVerified: true, packets });
const mallory = () => fakeAttacker({ sent: [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35] });
const run = (o: TruthInit) => joinDos.evaluate(fakeTruth({ base: base(), connections: [conn('client', []), conn('server', [])], attackers: [mallory()], ...o }));

describe('join-dos: a legitimate join refused while the attacker’s half-open joins held the slots', () => {
  const refusal = fakeSyn({ packetId: 10, atUs: 500_000, kept: null, refused: 'half-open-limit' });
  /** The server's SYNs: the refusal among the attacker's joins that held slots then (20, 21) and records that did not. */
  const serverSyns = (): SynRecord[] => [
    fakeSyn({ packetId: 29, atUs: 50, kept: null, refused: 'half-open-limit' }), // the attacker's own, refused
    fakeSyn({ packetId: 11, atUs: 60, kind: 'tcp', kept: null, refused: 'listen-overflow' }), // not a join
    fakeSyn({ packetId: 12, atUs: 70 }), // legitimate, kept
    fakeSyn({ packetId: 20, atUs: 100 }),
    fakeSyn({ packetId: 22, atUs: 110, kept: null }),
    fakeSyn({ packetId: 23, atUs: 120, kept: { structure: 'join_entry', bytes: 16, fixedSlot: true } }),
    fakeSyn({ packetId: 25, atUs: 130, endpoint: fakeEndpoint({ establishedAtUs: 500_000 }) }),
    fakeSyn({ packetId: 26, atUs: 140, endpoint: fakeEndpoint({ closedAtUs: 400_000 }) }),
    fakeSyn({ packetId: 35, atUs: 145, endpoint: fakeEndpoint({ closedAtUs: 500_000 }) }),
    fakeSyn({ packetId: 27, atUs: 150, kind: 'tcp', kept: { structure: 'tcp_request_sock', bytes: 312, fixedSlot: false } }),
    refusal,
    fakeSyn({ packetId: 21, atUs: 500_000, endpoint: fakeEndpoint() }),
    fakeSyn({ packetId: 24, atUs: 500_001 }),
  ];
  const syns = () =>
    new Map([
      ['client', [fakeSyn({ packetId: 13, atUs: 600_000, kept: null, refused: 'half-open-limit' }), fakeSyn({ packetId: 28, atUs: 100 })]],
      ['server', serverSyns()],
    ]);
  const rejected = (packets: number[]): HostEvent => ({ kind: 'mptcp-join-rejected', timeUs: 500_000, host: 'server', remote: '198.18.1.2', reason: 'half-open-limit', limit: 2, packets });

  it('at the refusal, naming it and the attacker’s joins that held the slots then', () => {
    const events: HostEvent[] = [{ ...rejected([]), packets: undefined }, { kind: 'mptcp-join-syn', timeUs: 400_000, host: 'server', token: 'aa', remote: '198.18.1.2', addressId: 1, backup: false, stateless: false, cookie: false, packets: [10] }, rejected([10])];
    const [f, ...rest] = run({ syns: syns(), events });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ failure: 'join-dos', timeUs: 500_000, attacker: 'mallory', evidence: { packets: [10, 20, 21], events: [2] } });
    const [g] = run({ syns: syns(), events: [rejected([10])] });
    expect(g!.evidence.events).toEqual([0]);
    expect(renderProse(g!.explanation)).toContain(`${SHORT}. ${eventText(rejected([10]))}: the legitimate SYN+MP_JOIN packet #10`);
    expect(f!.amplification).toBeUndefined();
    expect(renderProse(f!.explanation)).toBe(`${SHORT}. ${eventText(events[2]!)}: the legitimate SYN+MP_JOIN packet #10 found its slots held by 2 half-open joins that attacker mallory (${CLS}) had sent from spoofed sources.`);
  });

  it('without the host’s event: the host refused it; the attacker whose join held the first slot', () => {
    const eve = fakeAttacker({ id: 'eve', sent: [20] });
    const [f] = run({ syns: syns(), attackers: [eve, fakeAttacker({ sent: [21, 22, 23, 24, 25, 26, 27, 28, 29] })] });
    expect(f).toMatchObject({ timeUs: 500_000, attacker: 'eve', evidence: { packets: [10, 20, 21], events: [] } });
    expect(renderProse(f!.explanation)).toBe(`${SHORT}. server refused it: the legitimate SYN+MP_JOIN packet #10 found its slots held by 2 half-open joins that attacker eve (${CLS}) had sent from spoofed sources.`);
  });

  it('the earliest refusal of a legitimate join, the first found of two at the same moment', () => {
    const refused = (packetId: number, atUs: number) => fakeSyn({ packetId, atUs, kept: null, refused: 'half-open-limit' });
    const holder = fakeSyn({ packetId: 20, atUs: 100 });
    const first = (m: [string, SynRecord[]][]) => run({ syns: new Map(m) })[0]!.evidence.packets;
    expect(first([['server', [holder, refused(10, 500)]], ['client', [refused(13, 600)]]])).toEqual([10, 20]);
    expect(first([['server', [holder, refused(10, 500)]], ['client', [refused(13, 500)]]])).toEqual([10, 20]);
  });

  it('a refusal with no attacker join holding a slot is blamed on what the attacker’s packets made the hosts spend, if anything', () => {
    const legitOnly = () => new Map([['server', [refusal, fakeSyn({ packetId: 12, atUs: 70 })]]]);
    const events = [addAddr(100, [30])];
    const [f, ...rest] = run({ syns: legitOnly(), events });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ failure: 'join-dos', timeUs: 500_000, attacker: 'mallory', evidence: { packets: [10, 30], events: [0] } });
    expect(renderProse(f!.explanation)).toBe(`${SHORT}. server refused it: the legitimate SYN+MP_JOIN packet #10. Before, packets of attacker mallory (${CLS}) made the hosts spend what the join needed: ${eventText(events[0]!)}.`);
    expect(run({ syns: legitOnly(), events: [addAddr(100, [99])] })).toEqual([]);
  });
});

describe('join-dos: a join that failed a check during its handshake', () => {
  const causes = ['synack-without-join', 'synack-hmac-mismatch', 'third-ack-without-join', 'third-ack-hmac-mismatch', 'stateless-join-ack-invalid'] as const;
  const reset = (cause: (typeof causes)[number] | 'subflow-limit', packets: number[], timeUs = 700_000): HostEvent => {
    const common = { timeUs, host: 'client', token: 'aa', subflow: '198.18.1.2:40001→198.18.2.2:8080', mpTcpRst: null, packets };
    switch (cause) {
      case 'synack-hmac-mismatch':
      case 'third-ack-hmac-mismatch':
        return { kind: 'mptcp-subflow-reset', ...common, cause, received: '01', expected: '02' };
      case 'stateless-join-ack-invalid':
        return { kind: 'mptcp-subflow-reset', ...common, cause, what: 'nonce' };
      case 'subflow-limit':
        return { kind: 'mptcp-subflow-reset', ...common, cause, limit: 2 };
      default:
        return { kind: 'mptcp-subflow-reset', ...common, cause };
    }
  };

  it.each(causes)('%s, on an attacker packet', (cause) => {
    const events = [reset('subflow-limit', [30], 600_000), reset(cause, [99, 31]), addAddr(100, [32])];
    const [f, ...rest] = run({ events });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ failure: 'join-dos', timeUs: 700_000, attacker: 'mallory', evidence: { packets: [31], events: [1] } });
    expect(renderProse(f!.explanation)).toBe(`${SHORT}. ${eventText(events[1]!)}.`);
  });

  it('the first event of the run', () => {
    const events = [reset('third-ack-hmac-mismatch', [31])];
    const [f] = run({ events });
    expect(f).toMatchObject({ timeUs: 700_000, evidence: { packets: [31], events: [0] } });
    expect(renderProse(f!.explanation)).toBe(`${SHORT}. ${eventText(events[0]!)}.`);
  });

  it('not on a packet of no attacker’s', () => {
    expect(run({ events: [reset('third-ack-hmac-mismatch', [99]), addAddr(100, [32])] })).toEqual([]);
  });
});

describe('join-dos: what attacker packets made the hosts spend', () => {
  const spending = (): HostEvent[] => [
    addAddr(100, [99]), // not the attacker's
    { kind: 'mptcp-join-synack-ok', timeUs: 150, host: 'client', token: 'aa', subflow: 's', packets: [30] }, // spends nothing
    addAddr(200, [30]),
    { kind: 'mptcp-join-syn', timeUs: 300, host: 'server', token: 'aa', remote: '198.18.9.9', addressId: 1, backup: false, stateless: false, cookie: false, packets: [31] },
    { kind: 'mptcp-join-accepted', timeUs: 400, host: 'server', token: 'aa', subflow: 's', remoteAddressId: 1, backup: false, packets: [32] },
    { kind: 'mptcp-join-open', timeUs: 500, host: 'client', token: 'aa', local: '198.18.1.2', localId: 0, remote: '198.18.9.9', remoteId: 3, backup: false, packets: [99, 33] },
    addAddr(600, [34]),
  ];

  it('the first four, from the first', () => {
    const events = spending();
    const [f, ...rest] = run({ events });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ failure: 'join-dos', timeUs: 200, attacker: 'mallory', evidence: { packets: [30, 31, 32, 33], events: [2, 3, 4, 5] } });
    expect(renderProse(f!.explanation)).toBe(`${SHORT}. Before, packets of attacker mallory (${CLS}) made the hosts spend what the join needed: ${[2, 3, 4, 5].map((i) => eventText(events[i]!)).join('; ')}.`);
  });

  it.each([2, 3, 4, 5])('each kind of spending counts (event %i alone)', (i) => {
    const e = spending()[i]!;
    expect(run({ events: [e] })[0]).toMatchObject({ timeUs: e.timeUs, evidence: { events: [0] } });
  });

  it('nothing an attacker sent made the hosts spend anything: not an attack’s failure', () => {
    expect(run({ events: spending().slice(0, 2) })).toEqual([]);
  });
});

describe('join-dos: only joins the attacker-free run completed and this run did not', () => {
  const events = [addAddr(200, [30])];
  it('not when the same number completed, or more, nor when baselines are off', () => {
    expect(run({ events, connections: [conn('client', [join()])] })).toEqual([]);
    expect(run({ events, connections: [conn('client', [join(), join({ remote: '198.18.2.3:8080' })])] })).toEqual([]);
    expect(run({ events, base: null })).toEqual([]);
  });

  it('joins that do not count: the peer’s, the initial subflow, one never completed, one to the attacker’s own address', () => {
    const a = fakeAttacker({ sent: [30], address: OWN });
    for (const sf of [join({ initiator: false }), join({ kind: 'initial' }), join({ joinedAtUs: null }), join({ remote: `${OWN}:8080` })]) {
      const [f] = run({ events, attackers: [a], connections: [conn('client', [sf])] });
      expect(renderProse(f!.explanation)).toContain(`${SHORT}.`);
    }
  });

  it('counts every host’s joins, in the attacker-free run’s hosts', () => {
    const both = fakeAttackFree({ connections: [conn('client', [join(), join()]), conn('server', [join()]), conn('server', [join({ initiator: false })])] });
    const [f] = run({ events, base: both, connections: [conn('client', [join()]), conn('other', [join(), join()])] });
    const head = 'client completed 1 legitimate join where the run without the attacker completed 2; server completed 0 legitimate joins where the run without the attacker completed 1. ';
    expect(renderProse(f!.explanation).slice(0, head.length)).toBe(head);
  });
});
