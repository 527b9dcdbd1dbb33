import { describe, expect, it } from 'vitest';
import { eventText, type HostEvent } from '../sim/events.ts';
import { fakeApp, fakeAttackFree, fakeAttacker, fakeTruth, type TruthInit } from '../testing/truth-builder.ts';
import { breakage, connectionDos } from './connection-dos.ts';
import { renderProse } from './prose.ts';

const STALL = 1_000_000;

describe('breakage: when an application’s connection broke', () => {
  it('never, for a transfer that completed with its FINs and no long gap', () => {
    expect(breakage(fakeApp(), STALL, 10_000_000)).toBeNull();
  });

  it('at an abort of either side: the earlier', () => {
    expect(breakage(fakeApp({ closedBy: { client: 'reset-received', server: 'fin' }, closedAtUs: { client: 400_000, server: 900_000 } }), STALL, 10_000_000)).toEqual({
      timeUs: 400_000,
      what: 'the client\'s connection ended with "reset-received"',
    });
    expect(breakage(fakeApp({ closedBy: { client: 'timeout', server: 'reset-sent' }, closedAtUs: { client: 700_000, server: 300_000 } }), STALL, 10_000_000)).toEqual({
      timeUs: 300_000,
      what: 'the server\'s connection ended with "reset-sent"',
    });
  });

  it('not at an end without a time, or a time without an end', () => {
    expect(breakage(fakeApp({ closedBy: { client: 'reset-received', server: null }, closedAtUs: { client: null, server: 400_000 } }), STALL, 10_000_000)).toBeNull();
  });

  it('at the stall limit after the last progress, when the gap is longer than the limit', () => {
    const app = fakeApp({ startedUs: 1_000_000, progress: [[1_500_000, 100], [2_600_001, 200], [5_000_000, 300]], completedUs: 5_000_000 });
    expect(breakage(app, STALL, 10_000_000)).toEqual({ timeUs: 2_500_000, what: 'no data was delivered for 1.100 s (from 1.500000 s)' });
    // From the start, too.
    expect(breakage(fakeApp({ startedUs: 250_000, progress: [[1_250_001, 10], [1_300_000, 1000]], completedUs: 1_300_000 }), STALL, 10_000_000)).toEqual({
      timeUs: 1_250_000,
      what: 'no data was delivered for 1.000 s (from 0.250000 s)',
    });
    // A gap of exactly the limit is no stall.
    expect(breakage(fakeApp({ progress: [[1_000_000, 10], [2_000_000, 1000]], completedUs: 2_000_000 }), STALL, 10_000_000)).toBeNull();
  });

  it('at the stall limit after the last progress of a transfer that never completed, if the run went on longer', () => {
    const app = fakeApp({ startedUs: 1_500_000, completedUs: null, closedBy: { client: null, server: null }, closedAtUs: { client: null, server: null }, progress: [[2_000_000, 100]] });
    expect(breakage(app, STALL, 3_000_001)).toEqual({ timeUs: 3_000_000, what: 'no data was delivered after 2.000000 s, and the transfer never completed' });
    expect(breakage(app, STALL, 3_000_000)).toBeNull();
    expect(breakage({ ...app, completedUs: 2_000_000 }, STALL, 9_000_000)).toBeNull();
  });

  it('the first of several', () => {
    const app = fakeApp({ startedUs: 1_500_000, completedUs: null, closedBy: { client: 'aborted', server: null }, closedAtUs: { client: 3_500_000, server: null }, progress: [[2_000_000, 100]] });
    expect(breakage(app, STALL, 9_000_000)).toEqual({ timeUs: 3_000_000, what: 'no data was delivered after 2.000000 s, and the transfer never completed' });
    expect(breakage({ ...app, closedAtUs: { client: 2_500_000, server: null } }, STALL, 9_000_000)).toEqual({ timeUs: 2_500_000, what: 'the client\'s connection ended with "aborted"' });
  });
});

/** The client's connection reset at 400 ms. */
const reset = fakeApp({ closedBy: { client: 'reset-received', server: 'fin' }, closedAtUs: { client: 400_000, server: 1_000_000 } });
const tcp = (kind: 'tcp-reset' | 'tcp-challenge-ack' | 'tcp-timeout', host: string, timeUs: number, packets?: number[]): HostEvent => {
  const ends = { local: '198.18.1.1:40000', remote: '198.18.2.2:8080' };
  const common = { timeUs, host, ...(packets ? { packets } : {}), ...ends };
  if (kind === 'tcp-reset') return { kind, when: 'at-rcv-nxt', ...common };
  if (kind === 'tcp-timeout') return { kind, phase: 'data', retransmissions: 15, ...common };
  return { kind, trigger: { what: 'rst-not-rcv-nxt', seq: 5, rcvNxt: 9 }, ...common };
};
const mallory = () => fakeAttacker({ sent: [55, 56, 57, 58] });
const run = (o: TruthInit) => connectionDos.evaluate(fakeTruth({ base: fakeAttackFree({ apps: [fakeApp()] }), apps: [reset], attackers: [mallory()], ...o }));
const HEAD = 'The connection of bulk (client → server) was denied service: the client\'s connection ended with "reset-received".';
const COMPLETED = ' Without the attacker the same run completed at 1.000000 s.';
const CLS = 'on-path active at r1';

describe('connection-dos: blamed on an attacker packet', () => {
  it('the ending an attacker packet caused', () => {
    const events = [
      tcp('tcp-timeout', 'r9', 300, [57]), // another host
      tcp('tcp-reset', 'client', 400_001, [57]), // after it broke
      tcp('tcp-challenge-ack', 'client', 100),
      tcp('tcp-challenge-ack', 'server', 200, [55]),
      tcp('tcp-reset', 'client', 400_000, [99, 56]),
    ];
    const [f, ...rest] = run({ events });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ failure: 'connection-dos', timeUs: 400_000, attacker: 'mallory', evidence: { packets: [56], events: [4] } });
    expect(f!.amplification).toBeUndefined();
    expect(renderProse(f!.explanation)).toBe(`${HEAD} ${eventText(events[4]!)}: packet #56 came from attacker mallory (${CLS}).${COMPLETED}`);
  });

  const endings: HostEvent[] = [
    tcp('tcp-reset', 'client', 300_000, [56]),
    tcp('tcp-timeout', 'client', 300_000, [56]),
    { kind: 'mptcp-fastclose-accepted', timeUs: 300_000, host: 'client', token: 'aa', packets: [56] },
    { kind: 'mptcp-tcprst-received', timeUs: 300_000, host: 'client', token: 'aa', subflow: 's', reason: 1, transient: false, packets: [56] },
    { kind: 'mptcp-remove-addr', timeUs: 300_000, host: 'client', token: 'aa', addressId: 1, address: null, subflows: 1, packets: [56] },
    { kind: 'tls-alert', timeUs: 300_000, host: 'client', cause: 'bad-record-mac', record: 3, packets: [56] },
  ];
  it.each(endings.map((e) => [e.kind, e] as const))('%s is an ending', (_, e) => {
    const [f] = run({ events: [tcp('tcp-challenge-ack', 'server', 200, [55]), e] });
    expect(f!.evidence).toEqual({ packets: [56], events: [1] });
  });

  it('else the hosts’ first decision on an attacker packet, then the last ending', () => {
    const events = [
      tcp('tcp-challenge-ack', 'r9', 100, [57]), // another host
      tcp('tcp-challenge-ack', 'client', 400_001, [57]), // after it broke
      tcp('tcp-challenge-ack', 'server', 200, [99, 55]),
      tcp('tcp-challenge-ack', 'client', 300, [56]),
      tcp('tcp-timeout', 'server', 350_000, [98]),
      tcp('tcp-reset', 'client', 400_000, [97]),
    ];
    const [f] = run({ events });
    expect(f).toMatchObject({ timeUs: 400_000, attacker: 'mallory', evidence: { packets: [55], events: [2, 5] } });
    expect(renderProse(f!.explanation)).toBe(`${HEAD} ${eventText(events[2]!)}: packet #55 came from attacker mallory (${CLS}). Then ${eventText(events[5]!)}.${COMPLETED}`);
    // Without an ending: that decision alone.
    const [g] = run({ events: events.slice(2, 3) });
    expect(g!.evidence).toEqual({ packets: [55], events: [0] });
    expect(renderProse(g!.explanation)).toBe(`${HEAD} ${eventText(events[2]!)}: packet #55 came from attacker mallory (${CLS}).${COMPLETED}`);
  });

  it('an ending an attacker packet caused comes before earlier decisions on attacker packets', () => {
    const events = [tcp('tcp-challenge-ack', 'server', 200, [55]), tcp('tcp-reset', 'client', 400_000, [56])];
    expect(run({ events })[0]!.evidence).toEqual({ packets: [56], events: [1] });
  });

  it('else the first attacker packet the hosts took in by then', () => {
    const events = [tcp('tcp-reset', 'client', 400_000, [97])];
    const attackerArrivals = new Map([
      ['client', [{ packetId: 58, atUs: 250, accepted: true }]],
      [
        'server',
        [
          { packetId: 55, atUs: 100, accepted: false },
          { packetId: 56, atUs: 400_001, accepted: true },
          { packetId: 57, atUs: 200, accepted: true },
        ],
      ],
      ['r9', [{ packetId: 55, atUs: 50, accepted: true }]],
    ]);
    const [f] = run({ events, attackerArrivals });
    expect(f).toMatchObject({ timeUs: 400_000, attacker: 'mallory', evidence: { packets: [57], events: [0] } });
    expect(renderProse(f!.explanation)).toBe(`${HEAD} packet #57, which attacker mallory (${CLS}) sent, passed TCP's checks and was taken in; then ${eventText(events[0]!)}.${COMPLETED}`);
    const [g] = run({ attackerArrivals });
    expect(g!.evidence).toEqual({ packets: [57], events: [] });
    expect(renderProse(g!.explanation)).toBe(`${HEAD} packet #57, which attacker mallory (${CLS}) sent, passed TCP's checks and was taken in.${COMPLETED}`);
  });

  it('taken in by the moment it broke, not after', () => {
    const at = (atUs: number) => new Map([['server', [{ packetId: 57, atUs, accepted: true }]]]);
    expect(run({ attackerArrivals: at(400_000) })[0]!.evidence.packets).toEqual([57]);
    expect(run({ attackerArrivals: at(400_001) })).toEqual([]);
  });

  it('else the first packet an attacker dropped or rewrote by then', () => {
    const m = fakeAttacker({
      touched: [61, 62],
      actions: [
        { kind: 'attacker-inject', packet: 60, link: 'l1', note: '', timeUs: 100, host: 'mallory' },
        { kind: 'attacker-drop', packet: 61, link: 'l1', note: '', timeUs: 400_001, host: 'mallory' },
        { kind: 'attacker-modify', packet: 62, link: 'l1', note: '', timeUs: 300, host: 'mallory' },
      ],
    });
    const eve = fakeAttacker({ id: 'eve', touched: [63], actions: [{ kind: 'attacker-drop', packet: 63, link: 'l2', note: '', timeUs: 200, host: 'eve' }] });
    const events = [tcp('tcp-reset', 'client', 400_000)];
    const [f] = run({ attackers: [m, eve], events });
    expect(f).toMatchObject({ attacker: 'mallory', evidence: { packets: [62], events: [0] } });
    expect(renderProse(f!.explanation)).toBe(`${HEAD} attacker mallory (${CLS}) dropped or rewrote its packets, from packet #62 on.${COMPLETED}`);
    const [g] = run({ attackers: [eve, m] });
    expect(g).toMatchObject({ attacker: 'eve', evidence: { packets: [63], events: [] } });
    // Dropped by the moment it broke.
    const dropped = (timeUs: number) => fakeAttacker({ touched: [61], actions: [{ kind: 'attacker-drop', packet: 61, link: 'l1', note: '', timeUs, host: 'mallory' }] });
    expect(run({ attackers: [dropped(400_000)] })[0]!.evidence.packets).toEqual([61]);
    expect(run({ attackers: [dropped(400_001)] })).toEqual([]);
    // What the hosts took in comes first.
    const [h] = run({ attackers: [m], attackerArrivals: new Map([['server', [{ packetId: 62, atUs: 300, accepted: true }]]]) });
    expect(renderProse(h!.explanation)).toContain('packet #62, which attacker mallory (on-path active at r1) sent, passed TCP\'s checks');
  });

  it('is not reported when no attacker packet had a part in it', () => {
    expect(run({ events: [tcp('tcp-reset', 'client', 400_000, [97])], attackerArrivals: new Map([['server', [{ packetId: 55, atUs: 100, accepted: false }]]]) })).toEqual([]);
  });
});

describe('connection-dos: only where the attacker-free run did not break', () => {
  const events = [tcp('tcp-reset', 'client', 400_000, [56])];
  it('not when it broke there too, nor when baselines are off', () => {
    expect(run({ events, base: fakeAttackFree({ apps: [reset] }) })).toEqual([]);
    expect(run({ events, base: null })).toEqual([]);
  });
  it('not for an application that did not break', () => {
    expect(run({ events, apps: [fakeApp()] })).toEqual([]);
  });
  it('says whether the attacker-free run completed or only did not break, judged against its own end', () => {
    const running = fakeApp({ completedUs: null, closedBy: { client: null, server: null }, closedAtUs: { client: null, server: null }, progress: [[1_000_000, 100]] });
    for (const base of [fakeAttackFree({ apps: [running], endUs: 2_000_000 }), fakeAttackFree({ apps: [] })]) {
      const [f] = run({ events, base });
      expect(renderProse(f!.explanation)).toBe(`${HEAD} ${eventText(events[0]!)}: packet #56 came from attacker mallory (${CLS}). Without the attacker the same run did not break.`);
    }
    expect(run({ events, base: fakeAttackFree({ apps: [running], endUs: 2_000_001 }) })).toEqual([]);
  });
  it('each application against its own attacker-free run, with a stall as the breakage', () => {
    const stalled = fakeApp({ id: 'second', client: 'client', server: 'server', startedUs: 0, progress: [[3_000_000, 1000]], completedUs: 3_000_000 });
    const found = run({ events: [tcp('tcp-challenge-ack', 'server', 1_000_000, [57])], apps: [fakeApp(), stalled], base: fakeAttackFree({ apps: [reset, fakeApp({ id: 'second' })] }) });
    expect(found.map((f) => [f.timeUs, f.evidence.packets])).toEqual([[1_000_000, [57]]]);
    expect(renderProse(found[0]!.explanation)).toContain('The connection of second (client → server) was denied service: no data was delivered for 3.000 s (from 0.000000 s).');
  });
});
