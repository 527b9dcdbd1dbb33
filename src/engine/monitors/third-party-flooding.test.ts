import { describe, expect, it } from 'vitest';
import { addressKey } from '../net/address-key.ts';
import { eventText, type HostEvent } from '../sim/events.ts';
import { singlePathScenario } from '../testing/scenarios.ts';
import { destination, fakeAttacker, fakeTruth, ip, type TruthInit } from '../testing/truth-builder.ts';
import type { DestinationRecord } from '../host/host.ts';
import { renderProse } from './prose.ts';
import { thirdPartyFlooding } from './third-party-flooding.ts';

const key = (a: string) => addressKey(ip(a));
const scenario = singlePathScenario({
  hosts: [
    { id: 'client', interfaces: [{ id: 'eth0', addresses: ['198.18.1.1/24'] }, { id: 'eth1', addresses: ['198.18.1.2/24'] }] },
    { id: 'server', interfaces: [{ id: 'eth0', addresses: ['198.18.2.2/24'] }] },
    { id: 'victim', interfaces: [{ id: 'eth0', addresses: ['198.18.3.3/24', '198.18.4.4/24'] }] },
  ],
});
const addAddr = (host: string, address: string, packets: number[], kind: 'mptcp-add-addr-received' | 'mptcp-add-addr-sent' = 'mptcp-add-addr-received'): HostEvent =>
  kind === 'mptcp-add-addr-received'
    ? { kind, timeUs: 4000, host, token: 'aa', addressId: 5, address, port: null, hmacVerified: false, packets }
    : { kind, timeUs: 4000, host, token: 'aa', addressId: 5, address, port: null, hmac: false, tries: 1, packets };
const EVENTS: HostEvent[] = [
  addAddr('server', '198.18.3.3', [51]), // another host
  addAddr('client', '198.18.9.9', [51]), // another address
  addAddr('client', '198.18.3.3', [99]), // no attacker's packet
  addAddr('client', '198.18.3.3', [51], 'mptcp-add-addr-sent'), // another decision
  addAddr('client', '198.18.3.3', [98, 52]),
];
const mallory = () => fakeAttacker({ sent: [51], sentBytes: 300 });
const eve = (address?: string) => fakeAttacker({ id: 'eve', sent: [52], sentBytes: 200, ...(address ? { address } : {}) });
const sentTo = (entries: [string, DestinationRecord][]) => new Map(entries.map(([a, r]) => [key(a), r]));
/** The client sent 4 packets to the victim's 198.18.3.3 from 5 ms; the victim got 600 bytes from the client's two addresses. */
const run = (o: TruthInit) =>
  thirdPartyFlooding.evaluate(
    fakeTruth({
      scenario,
      attackers: [mallory(), eve()],
      events: EVENTS,
      sentTo: new Map([['client', sentTo([['198.18.3.3', destination('198.18.3.3', { packets: 4, bytes: 2400, firstUs: 5000, firstPacketId: 900 })]])]]),
      receivedFrom: new Map([['victim', new Map([[key('198.18.1.1'), 400], [key('198.18.1.2'), 200], [key('198.18.2.2'), 999]])]]),
      peers: new Map([['client', new Set([key('198.18.2.2'), key('203.0.113.66')])]]),
      heardFrom: new Map([['client', new Map([[key('198.18.3.3'), 5001], [key('198.18.4.4'), 10]])]]),
      ...o,
    }),
  );
const CLS = 'on-path active at r1';

describe('third-party-flooding', () => {
  it('holds when a host sent to a third party, because of an attacker’s ADD_ADDR, more bytes than the attackers spent', () => {
    const [f, ...rest] = run({});
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ failure: 'third-party-flooding', timeUs: 5000, attacker: 'eve', evidence: { packets: [52, 900], events: [4] }, amplification: { value: 1.2, per: 'target bytes' } });
    expect(renderProse(f!.explanation)).toBe(
      `client sent 4 packets (2400 bytes) to 198.18.3.3, an address of victim, which has no connection with it and never asked for them, because ${eventText(EVENTS[4]!)} — on packet #52, which attacker eve (${CLS}) forged. victim received 600 bytes of them; the attackers spent 500 bytes in all: 1.20 bytes at the target per attacker byte.`,
    );
  });

  it('only when the target received more than the attackers spent in all (they could have sent that themselves)', () => {
    const received = (n: number) => new Map([['victim', new Map([[key('198.18.1.1'), n]])]]);
    expect(run({ receivedFrom: received(500) })).toEqual([]);
    const [f] = run({ receivedFrom: received(501) });
    expect(f!.amplification).toEqual({ value: 501 / 500, per: 'target bytes' });
    expect(run({ receivedFrom: new Map() })).toEqual([]);
  });

  it('against one byte when the attackers sent nothing; one packet said so', () => {
    const sent = new Map([['client', sentTo([['198.18.3.3', destination('198.18.3.3', { packets: 1, bytes: 60, firstUs: 5000, firstPacketId: 900 })]])]]);
    const [f] = run({ attackers: [fakeAttacker({ sent: [52] })], sentTo: sent });
    expect(f!.amplification).toEqual({ value: 600, per: 'target bytes' });
    expect(renderProse(f!.explanation)).toContain('client sent 1 packet (60 bytes) to 198.18.3.3,');
    expect(renderProse(f!.explanation)).toContain('the attackers spent 0 bytes in all: 600.00 bytes at the target per attacker byte.');
  });

  it('not to a host it had a connection with, by any of its addresses, nor to an address of no host', () => {
    expect(run({ peers: new Map([['client', new Set([key('198.18.4.4')])]]) })).toEqual([]);
    expect(run({ sentTo: new Map([['client', sentTo([['198.18.9.9', destination('198.18.9.9')]])]]), events: [addAddr('client', '198.18.9.9', [52])] })).toEqual([]);
  });

  it('not to the attacker’s own address', () => {
    expect(run({ attackers: [mallory(), eve('198.18.3.3')] })).toEqual([]);
  });

  it('not in answer to packets from there, spoofed or not', () => {
    expect(run({ heardFrom: new Map([['client', new Map([[key('198.18.3.3'), 5000]])]]) })).toEqual([]);
    expect(run({ heardFrom: new Map([['client', new Map([[key('198.18.3.3'), 10]])]]) })).toEqual([]);
    expect(run({ heardFrom: new Map() })).toHaveLength(1);
  });

  it('not when no attacker packet made it send there', () => {
    expect(run({ events: EVENTS.slice(0, 4) })).toEqual([]);
  });

  it('the cause may be the run’s first event', () => {
    expect(run({ events: [EVENTS[4]!] })[0]!.evidence).toEqual({ packets: [52, 900], events: [0] });
  });

  it('per sending host, counting what the target received from that host', () => {
    const sent = new Map([
      ['server', sentTo([['198.18.4.4', destination('198.18.4.4', { firstUs: 7000, firstPacketId: 901 })]])],
      ['client', sentTo([['198.18.3.3', destination('198.18.3.3', { firstUs: 5000, firstPacketId: 900 })]])],
    ]);
    const found = run({ sentTo: sent, events: [...EVENTS, addAddr('server', '198.18.4.4', [51])] });
    expect(found.map((f) => [f.attacker, f.timeUs, f.evidence, f.amplification!.value])).toEqual([
      ['mallory', 7000, { packets: [51, 901], events: [5] }, 999 / 500],
      ['eve', 5000, { packets: [52, 900], events: [4] }, 600 / 500],
    ]);
  });
});
