import { describe, expect, it } from 'vitest';
import { eventText, type HostEvent } from '../sim/events.ts';
import { singlePathScenario } from '../testing/scenarios.ts';
import { fakeApp, fakeAttackFree, fakeAttacker, fakeTruth, type TruthInit } from '../testing/truth-builder.ts';
import { degradation } from './degradation.ts';
import { renderProse } from './prose.ts';

const CLS = 'on-path active at r1';
const removeAddr = (timeUs: number, packets?: number[]): HostEvent => ({ kind: 'mptcp-remove-addr', timeUs, host: 'client', token: 'aa', addressId: 2, address: '198.18.2.2', subflows: 1, ...(packets ? { packets } : {}) });
const prio = (timeUs: number, backup: boolean, packets: number[]): HostEvent => ({ kind: 'mptcp-prio-received', timeUs, host: 'client', token: 'aa', subflow: '198.18.1.1:40000→198.18.2.2:8080', backup, addressId: null, subflows: 1, packets });
const challenge = (timeUs: number, host: string, packets: number[]): HostEvent => ({ kind: 'tcp-challenge-ack', timeUs, host, local: '198.18.2.2:8080', remote: '198.18.1.1:40000', trigger: { what: 'rst-not-rcv-nxt', seq: 1, rcvNxt: 2 }, packets });
const mallory = () => fakeAttacker({ sent: [51, 52, 53, 54], touched: [70] });
const removed = (e: HostEvent, p: number, who = 'mallory') => `client removed subflows on packet #${p}, which attacker ${who} (${CLS}) sent: ${eventText(e)}.`;
const demoted = (e: HostEvent, p: number) => `client demoted a subflow to backup on packet #${p}, which attacker mallory (${CLS}) sent: ${eventText(e)}.`;

describe('degradation: subflows removed or demoted on an attacker’s packet', () => {
  it('each such decision, in one finding per attacker from the first', () => {
    const events = [
      removeAddr(300, [99, 51]),
      prio(100, true, [52]),
      prio(150, false, [53]), // not a demotion
      removeAddr(160, [98]), // no attacker's
      removeAddr(170), // no packet
      removeAddr(180, [70]), // rewritten, not sent, by the attacker
      { kind: 'mptcp-add-addr-received', timeUs: 190, host: 'client', token: 'aa', addressId: 3, address: '198.18.9.9', port: null, hmacVerified: true, packets: [54] } satisfies HostEvent,
      { kind: 'mptcp-join-accepted', timeUs: 195, host: 'client', token: 'aa', subflow: 's', remoteAddressId: 3, backup: true, packets: [54] } satisfies HostEvent, // a backup subflow joined: no demotion
    ];
    const [f, ...rest] = degradation.evaluate(fakeTruth({ attackers: [mallory()], events }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ failure: 'degradation', timeUs: 100, attacker: 'mallory', evidence: { packets: [52, 51], events: [1, 0] } });
    expect(f!.amplification).toBeUndefined();
    expect(renderProse(f!.explanation)).toBe(`${demoted(events[1]!, 52)} ${removed(events[0]!, 51)}`);
  });

  it('each attacker for its own packets', () => {
    const eve = fakeAttacker({ id: 'eve', sent: [80] });
    const events = [removeAddr(300, [51]), removeAddr(200, [80]), removeAddr(400, [52])];
    const found = degradation.evaluate(fakeTruth({ attackers: [mallory(), eve], events }));
    expect(found.map((f) => [f.attacker, f.timeUs, f.evidence.packets, f.evidence.events])).toEqual([
      ['eve', 200, [80], [1]],
      ['mallory', 300, [51, 52], [0, 2]],
    ]);
    expect(renderProse(found[0]!.explanation)).toBe(removed(events[1]!, 80, 'eve'));
  });
});

describe('degradation: goodput lost against the attacker-free run', () => {
  const scenario = singlePathScenario({ thresholds: { stallUs: 1_000_000, degradationPercent: 25 } });
  /** Without the attacker: 2 MB in 1 s (16 Mbit/s). */
  const ref = fakeApp({ startedUs: 1000, completedUs: 1_001_000, bytesRead: { client: 400_000, server: 1_600_000 } });
  /** With it: 2.8 MB in 2 s (11.2 Mbit/s, 30 % less). */
  const slow = fakeApp({ startedUs: 1000, completedUs: 2_001_000, bytesRead: { client: 800_000, server: 2_000_000 } });
  const run = (o: TruthInit) => degradation.evaluate(fakeTruth({ scenario, attackers: [mallory()], apps: [slow], base: fakeAttackFree({ apps: [ref] }), ...o }));
  const LOST = `bulk completed at 2.001000 s instead of 1.001000 s without the attacker: goodput 11.20 Mbit/s instead of 16.00, 30.0 % less (the scenario's threshold is 25 %).`;

  it('holds when it fell by more than the threshold, from the first host decision on an attacker packet', () => {
    const events = [challenge(100, 'r9', [51]), challenge(500, 'server', [99, 70]), challenge(600, 'client', [51]), challenge(2_001_001, 'client', [52]), challenge(700, 'client', [98])];
    const [f, ...rest] = run({ events });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ failure: 'degradation', timeUs: 2_001_000, attacker: 'mallory', evidence: { packets: [70], events: [1, 2] } });
    expect(renderProse(f!.explanation)).toBe(`${LOST} Attacker mallory (${CLS}) had a hand in the run from packet #70 on.`);
  });

  it('counting decisions up to the moment it completed', () => {
    expect(run({ events: [challenge(2_001_000, 'client', [51])] })[0]!.evidence).toEqual({ packets: [51], events: [0] });
  });

  it('with up to eight of those decisions as evidence', () => {
    const events = Array.from({ length: 10 }, (_, i) => challenge(1000 + i, 'client', [51]));
    expect(run({ events })[0]!.evidence.events).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('else from the first packet an attacker dropped or rewrote before the transfer completed', () => {
    const m = fakeAttacker({
      sent: [62],
      touched: [61, 63],
      actions: [
        { kind: 'attacker-placed', location: 'on-path', capability: 'active', at: ['r1'], window: null, attack: 'data-injection', timeUs: 0, host: 'mallory' },
        { kind: 'attacker-drop', packet: 61, link: 'l1', note: '', timeUs: 2_001_001, host: 'mallory' },
        { kind: 'attacker-drop', packet: 64, link: 'l1', note: '', timeUs: 550, host: 'mallory' },
        { kind: 'attacker-modify', packet: 63, link: 'l1', note: '', timeUs: 2_001_000, host: 'mallory' },
      ],
    });
    const [f] = run({ attackers: [m] });
    expect(f).toMatchObject({ timeUs: 2_001_000, attacker: 'mallory', evidence: { packets: [63], events: [] } });
    expect(renderProse(f!.explanation)).toBe(`${LOST} Attacker mallory (${CLS}) had a hand in the run from packet #63 on.`);
  });

  it('not when no attacker packet had a part in the run', () => {
    expect(run({ events: [challenge(500, 'server', [99])] })).toEqual([]);
  });

  it('not at exactly the threshold', () => {
    const events = [challenge(500, 'server', [51])];
    expect(run({ events, apps: [{ ...slow, bytesRead: { client: 1_000_000, server: 2_000_000 } }] })).toEqual([]);
    expect(run({ events, apps: [{ ...slow, bytesRead: { client: 999_999, server: 2_000_000 } }] })).toHaveLength(1);
  });

  it('not without the attacker-free run, or a completion in either run', () => {
    const events = [challenge(500, 'server', [51])];
    expect(run({ events, base: null })).toEqual([]);
    expect(run({ events, base: fakeAttackFree({ apps: [] }) })).toEqual([]);
    expect(run({ events, base: fakeAttackFree({ apps: [{ ...ref, completedUs: null }] }) })).toEqual([]);
    expect(run({ events, apps: [{ ...slow, completedUs: null }] })).toEqual([]);
    // A transfer that never completed nor delivered anything is denied service, not degraded.
    expect(run({ events: [challenge(0, 'server', [51])], apps: [{ ...slow, completedUs: null, bytesRead: { client: 0, server: 0 } }] })).toEqual([]);
  });

  it('cites a decision that is both a path change and part of the slowdown once', () => {
    const events = [challenge(500, 'server', [51]), prio(100, true, [52])];
    const [f] = run({ events });
    expect(f!.evidence).toEqual({ packets: [52, 51], events: [1, 0] });
  });

  it('joins a path change by the same attacker, in time order', () => {
    const events = [challenge(500, 'server', [51]), prio(2_100_000, true, [52])];
    const [f, ...rest] = run({ events });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ timeUs: 2_001_000, evidence: { packets: [51, 52], events: [0, 1] } });
    expect(renderProse(f!.explanation)).toBe(`${LOST} Attacker mallory (${CLS}) had a hand in the run from packet #51 on. ${demoted(events[1]!, 52)}`);
  });
});
