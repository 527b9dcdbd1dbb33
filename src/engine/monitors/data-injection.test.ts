import { describe, expect, it } from 'vitest';
import { toHex } from '../core/hex.ts';
import type { AppReport } from '../host/apps.ts';
import { fakeApp, fakeAttackFree, fakeAttacker, fakeTruth, type TruthInit } from '../testing/truth-builder.ts';
import { dataInjection } from './data-injection.ts';
import { renderProse } from './prose.ts';

/** The 16 bytes the reader got at the first wrong offset. */
const FORGED = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);
const junk = (n: number) => new Uint8Array(n).fill(0x11);
const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
/** A payload carrying the first 8 forged bytes (as many as the monitor looks for) among others. */
const CARRIES = cat(junk(5), FORGED.slice(0, 8), junk(3));

/** The app with a wrong byte read by `side` at 250 ms, offset 4096. */
function corrupted(side: 'server' | 'client', over: Partial<AppReport> = {}): AppReport {
  const app = fakeApp(over);
  return {
    ...app,
    intact: false,
    firstMismatch: { ...app.firstMismatch, [side]: side === 'server' ? 4096 : 512 },
    mismatchAtUs: { ...app.mismatchAtUs, [side]: side === 'server' ? 250_000 : 260_000 },
    mismatchBytes: { ...app.mismatchBytes, [side]: toHex(FORGED) },
  };
}

const intactBase = () => fakeAttackFree({ apps: [fakeApp()] });
const run = (o: TruthInit) => dataInjection.evaluate(fakeTruth({ base: intactBase(), ...o }));
const VERBATIM = (reader: string, writer: string, offset: number, packet: number, who: string) =>
  `The ${reader} application of bulk read bytes that ${writer}'s application never wrote, from stream offset ${offset} on. They came in packet #${packet}, which attacker ${who} (on-path active at r1) sent: ${reader} took them for the next bytes of the stream because every sequence number in it was one it accepted.`;
const TAKEN = (reader: string, writer: string, offset: number, packet: number, who: string) =>
  `The ${reader} application of bulk read bytes that ${writer}'s application never wrote, from stream offset ${offset} on. ${reader} had taken in packet #${packet} from attacker ${who} (on-path active at r1) before: its payload passed every check and was read as part of the stream.`;

describe('data-injection: the wrong bytes in an attacker’s packet', () => {
  it('blames the earliest attacker packet that carried them', () => {
    const mallory = fakeAttacker({ sent: [30, 45], payloadsSent: [[30, cat(FORGED.slice(1, 9), junk(4))], [45, CARRIES]] });
    const eve = fakeAttacker({ id: 'eve', payloadsSent: [[41, CARRIES], [60, CARRIES]] });
    const [f, ...rest] = run({ attackers: [mallory, eve], apps: [corrupted('server')] });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ failure: 'data-injection', timeUs: 250_000, attacker: 'eve', evidence: { packets: [41], events: [] } });
    expect(f!.amplification).toBeUndefined();
    expect(renderProse(f!.explanation)).toBe(VERBATIM('server', 'client', 4096, 41, 'eve'));
  });

  it('a packet one attacker sent and another rewrote is the first one’s', () => {
    const mallory = fakeAttacker({ payloadsSent: [[45, CARRIES]] });
    const eve = fakeAttacker({ id: 'eve', payloadsSent: [[45, CARRIES]] });
    expect(run({ attackers: [mallory, eve], apps: [corrupted('server')] })[0]!.attacker).toBe('mallory');
  });

  it('the packet that carried them, even when the reader took in another attacker payload before', () => {
    const mallory = fakeAttacker({ payloadsSent: [[41, junk(20)], [45, CARRIES]] });
    const [f] = run({ attackers: [mallory], apps: [corrupted('server')], attackerArrivals: new Map([['server', [{ packetId: 41, atUs: 10, accepted: true }]]]) });
    expect(f!.evidence.packets).toEqual([45]);
    expect(renderProse(f!.explanation)).toBe(VERBATIM('server', 'client', 4096, 45, 'mallory'));
  });

  it('for either reader, the server’s first', () => {
    const mallory = fakeAttacker({ payloadsSent: [[45, CARRIES]] });
    const app = corrupted('server', corrupted('client'));
    const found = run({ attackers: [mallory], apps: [app] });
    expect(found.map((f) => [f.timeUs, f.attacker, f.evidence.packets])).toEqual([
      [250_000, 'mallory', [45]],
      [260_000, 'mallory', [45]],
    ]);
    expect(renderProse(found[1]!.explanation)).toBe(VERBATIM('client', 'server', 512, 45, 'mallory'));
  });

  it('wrong bytes no attacker packet carried, and nothing an attacker sent taken in, are not an attack’s', () => {
    const mallory = fakeAttacker({ payloadsSent: [[45, junk(30)]] });
    expect(run({ attackers: [mallory], apps: [corrupted('server')] })).toEqual([]);
  });
});

describe('data-injection: only where the attacker-free run read intact bytes', () => {
  const mallory = () => fakeAttacker({ payloadsSent: [[45, CARRIES]] });
  it('not when the same reader got wrong bytes without any attacker (a rewriting middlebox)', () => {
    expect(run({ attackers: [mallory()], apps: [corrupted('server')], base: fakeAttackFree({ apps: [corrupted('server')] }) })).toEqual([]);
  });
  it('still when only the other reader did, when baselines are off, or when the attacker-free run has no such app', () => {
    expect(run({ attackers: [mallory()], apps: [corrupted('server')], base: fakeAttackFree({ apps: [corrupted('client')] }) })).toHaveLength(1);
    expect(run({ attackers: [mallory()], apps: [corrupted('server')], base: null })).toHaveLength(1);
    expect(run({ attackers: [mallory()], apps: [corrupted('server')], base: fakeAttackFree({ apps: [] }) })).toHaveLength(1);
  });
  it('each app against its own attacker-free run', () => {
    const second = corrupted('client', { id: 'second' });
    const found = run({ attackers: [mallory()], apps: [corrupted('server'), second], base: fakeAttackFree({ apps: [fakeApp(), corrupted('client')] }) });
    expect(found.map((f) => f.timeUs)).toEqual([250_000]);
  });
  it('needs both when and what was read wrong', () => {
    const app = corrupted('server');
    expect(run({ attackers: [mallory()], apps: [{ ...app, mismatchBytes: { client: null, server: null } }] })).toEqual([]);
    expect(run({ attackers: [mallory()], apps: [{ ...app, mismatchAtUs: { client: null, server: null } }] })).toEqual([]);
  });
});

describe('data-injection: bytes a record layer transformed', () => {
  it('blames the first attacker payload the reader took in by then', () => {
    const mallory = fakeAttacker({ payloadsSent: [[41, junk(20)], [42, junk(20)]] });
    const eve = fakeAttacker({ id: 'eve', payloadsSent: [[43, junk(20)], [44, junk(20)]] });
    const attackerArrivals = new Map([
      ['client', [{ packetId: 44, atUs: 10, accepted: true }]], // not the reader
      [
        'server',
        [
          { packetId: 41, atUs: 100, accepted: false }, // refused
          { packetId: 99, atUs: 120, accepted: true }, // no payload of an attacker's
          { packetId: 42, atUs: 250_001, accepted: true }, // after the wrong bytes were read
          { packetId: 43, atUs: 250_000, accepted: true },
        ],
      ],
    ]);
    const [f, ...rest] = run({ attackers: [mallory, eve], apps: [corrupted('server')], attackerArrivals });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ failure: 'data-injection', timeUs: 250_000, attacker: 'eve', evidence: { packets: [43], events: [] } });
    expect(renderProse(f!.explanation)).toBe(TAKEN('server', 'client', 4096, 43, 'eve'));
  });

  it('not when the reader took in nothing an attacker sent', () => {
    const mallory = fakeAttacker({ payloadsSent: [[41, junk(20)]] });
    expect(run({ attackers: [mallory], apps: [corrupted('server')], attackerArrivals: new Map([['client', [{ packetId: 41, atUs: 10, accepted: true }]]]) })).toEqual([]);
    expect(run({ attackers: [mallory], apps: [corrupted('server')], attackerArrivals: new Map([['server', [{ packetId: 41, atUs: 10, accepted: false }]]]) })).toEqual([]);
  });
});
