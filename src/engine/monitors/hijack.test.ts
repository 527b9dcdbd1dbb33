import { describe, expect, it } from 'vitest';
import { eventText, type HostEvent } from '../sim/events.ts';
import { fakeAttacker, fakeConnection, fakeSubflow, fakeTruth, type TruthInit } from '../testing/truth-builder.ts';
import { hijack } from './hijack.ts';
import { renderProse } from './prose.ts';

const OWN = '203.0.113.66';
const SUB = `198.18.2.2:8080→${OWN}:5555`;
const mallory = () => fakeAttacker({ address: OWN, sent: [50, 51, 52, 53] });

/** The server's connection with the client's initial subflow and a subflow to `remote`. */
function serverWith(remote: string, joinedAtUs: number | null) {
  return fakeConnection({
    host: 'server',
    role: 'server',
    subflows: [fakeSubflow({ local: '198.18.2.2:8080', remote: '198.18.1.1:40000' }), fakeSubflow({ kind: 'join', initiator: false, local: '198.18.2.2:8080', remote, joinedAtUs })],
  });
}

const joinEvent = (kind: 'mptcp-join-accepted' | 'mptcp-join-established', host: string, subflow: string, packets?: number[]): HostEvent =>
  kind === 'mptcp-join-accepted'
    ? { kind, timeUs: 300_000, host, token: 'aa', subflow, remoteAddressId: 7, backup: false, ...(packets ? { packets } : {}) }
    : { kind, timeUs: 300_000, host, token: 'aa', subflow, ...(packets ? { packets } : {}) };

type ControlKind = 'mptcp-data-fin-received' | 'mptcp-remove-addr' | 'mptcp-prio-received' | 'mptcp-fastclose-accepted';
function control(kind: ControlKind, timeUs: number, packets: number[] | undefined, host = 'client'): HostEvent {
  const common = { timeUs, host, token: 'bb', ...(packets ? { packets } : {}) };
  switch (kind) {
    case 'mptcp-data-fin-received':
      return { kind, ...common, dsn: '1234' };
    case 'mptcp-remove-addr':
      return { kind, ...common, addressId: 2, address: '198.18.2.2', subflows: 1 };
    case 'mptcp-prio-received':
      return { kind, ...common, subflow: '198.18.1.1:40000→198.18.2.2:8080', backup: true, addressId: null, subflows: 1 };
    case 'mptcp-fastclose-accepted':
      return { kind, ...common };
  }
}

const run = (o: TruthInit) => hijack.evaluate(fakeTruth(o));

describe('hijack: a subflow to the attacker’s own address', () => {
  it('is found when a host accepted it, at the time it joined, with the host’s decisions on it as evidence', () => {
    const events: HostEvent[] = [
      joinEvent('mptcp-join-accepted', 'server', SUB, [50]),
      joinEvent('mptcp-join-established', 'server', SUB, [50, 51]),
      joinEvent('mptcp-join-accepted', 'client', SUB, [60]), // another host
      { kind: 'mptcp-join-synack-ok', timeUs: 299_000, host: 'server', token: 'aa', subflow: SUB, packets: [61] }, // another decision
      joinEvent('mptcp-join-accepted', 'server', '198.18.2.2:8080→198.18.1.1:40001', [62]), // another subflow
      joinEvent('mptcp-join-established', 'server', SUB),
    ];
    const [f, ...rest] = run({ attackers: [mallory()], connections: [serverWith(`${OWN}:5555`, 300_000)], events });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ failure: 'hijack', timeUs: 300_000, attacker: 'mallory', evidence: { packets: [50, 51], events: [0, 1, 5] } });
    expect(f!.amplification).toBeUndefined();
    expect(renderProse(f!.explanation)).toBe(
      `server accepted a subflow 198.18.2.2:8080 ↔ ${OWN}:5555 into its MPTCP connection, and ${OWN}:5555 is the own address of attacker mallory (on-path active at r1): the MP_JOIN HMACs verified because they cover keys and nonces, not addresses.`,
    );
  });

  it('is not found for a subflow that never joined, or one to another address', () => {
    expect(run({ attackers: [mallory()], connections: [serverWith(`${OWN}:5555`, null)] })).toEqual([]);
    expect(run({ attackers: [mallory()], connections: [serverWith('198.18.1.9:5555', 300_000)] })).toEqual([]);
  });

  it('is not looked for when the attacker has no address of its own', () => {
    expect(run({ attackers: [fakeAttacker({ sent: [50] })], connections: [serverWith(`${OWN}:5555`, 300_000)] })).toEqual([]);
  });
});

describe('hijack: connection-level control an attacker sent', () => {
  const cases: [ControlKind, string][] = [
    ['mptcp-data-fin-received', 'a DATA_FIN'],
    ['mptcp-remove-addr', 'a REMOVE_ADDR'],
    ['mptcp-prio-received', 'an MP_PRIO'],
    ['mptcp-fastclose-accepted', 'an MP_FASTCLOSE'],
  ];
  it.each(cases)('%s carried by an attacker packet is a hijack', (kind, what) => {
    const e = control(kind, 120_000, [99, 52, 53]);
    const [f, ...rest] = run({ attackers: [mallory()], events: [control(kind, 100_000, [99]), e] });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ failure: 'hijack', timeUs: 120_000, attacker: 'mallory', evidence: { packets: [52], events: [1] } });
    expect(renderProse(f!.explanation)).toBe(`client acted on ${what} that attacker mallory (on-path active at r1) sent as packet #52: ${eventText(e)}.`);
  });

  it('other decisions on attacker packets, control without an attacker packet and packets the attacker only rewrote are not', () => {
    const a = fakeAttacker({ address: OWN, sent: [52], touched: [70] });
    const events: HostEvent[] = [
      { kind: 'mptcp-join-synack-ok', timeUs: 1, host: 'client', token: 'aa', subflow: SUB, packets: [52] },
      control('mptcp-data-fin-received', 2, [99]),
      control('mptcp-remove-addr', 3, undefined),
      control('mptcp-fastclose-accepted', 4, [70]),
      control('mptcp-prio-received', 5, [52], 'mallory'), // the attacker's own stack
    ];
    expect(run({ attackers: [a], events })).toEqual([]);
  });
});

describe('hijack: one finding per attacker', () => {
  it('the first time it held, with all the evidence and every other explanation after it', () => {
    const prio = control('mptcp-prio-received', 200_000, [53]);
    const fin = control('mptcp-data-fin-received', 100_000, [52]);
    const events = [joinEvent('mptcp-join-accepted', 'server', SUB, [50]), joinEvent('mptcp-join-established', 'server', SUB, [50, 51]), prio, fin];
    const [f, ...rest] = run({ attackers: [mallory()], connections: [serverWith(`${OWN}:5555`, 300_000)], events });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ timeUs: 100_000, attacker: 'mallory', evidence: { packets: [52, 53, 50, 51], events: [3, 2, 0, 1] } });
    const cls = 'on-path active at r1';
    expect(renderProse(f!.explanation)).toBe(
      `client acted on a DATA_FIN that attacker mallory (${cls}) sent as packet #52: ${eventText(fin)}. (2 more: client acted on an MP_PRIO that attacker mallory (${cls}) sent as packet #53: ${eventText(prio)}. ` +
        `server accepted a subflow 198.18.2.2:8080 ↔ ${OWN}:5555 into its MPTCP connection, and ${OWN}:5555 is the own address of attacker mallory (${cls}): the MP_JOIN HMACs verified because they cover keys and nonces, not addresses.)`,
    );
  });

  it('each attacker for what it did', () => {
    const eve = fakeAttacker({ id: 'eve', location: 'off-path', at: ['r2'], sent: [80] });
    const events = [control('mptcp-fastclose-accepted', 500, [80], 'server'), control('mptcp-data-fin-received', 700, [52])];
    const found = run({ attackers: [mallory(), eve], events });
    expect(found.map((f) => [f.attacker, f.timeUs, f.evidence.packets])).toEqual([
      ['mallory', 700, [52]],
      ['eve', 500, [80]],
    ]);
    expect(renderProse(found[1]!.explanation)).toBe(`server acted on an MP_FASTCLOSE that attacker eve (off-path active at r2) sent as packet #80: ${eventText(events[0]!)}.`);
  });
});
