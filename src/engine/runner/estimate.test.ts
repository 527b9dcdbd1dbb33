import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../scenario/builtin/index.ts';
import type { Scenario } from '../scenario/types.ts';
import { estimateRun } from './estimate.ts';
import { runScenario } from './run-scenario.ts';

const blind = builtinScenario('attack-blind-reset')!;
const twoPath = builtinScenario('two-path-v1')!;
const bulk = (bytes: number): Scenario => ({ ...twoPath, durationUs: 3600e6, traffic: twoPath.traffic.map((t) => ({ ...t, kind: 'bulk' as const, bytes, startUs: 0 })) });
const exchanges = (count: number): Scenario => {
  const t = twoPath.traffic[0]!;
  return { ...twoPath, durationUs: 3600e6, traffic: [{ id: 'rr', kind: 'request-response', from: t.from, to: t.to, port: t.port, startUs: 0, requestBytes: 100, responseBytes: 1000, count, intervalUs: 0 }] };
};
const guessing = (attackers: number, guessBudget: number): Scenario => ({ ...blind, attackers: Array.from({ length: attackers }, (_, i) => ({ ...blind.attackers[0]!, id: `m${i}`, guessBudget })) });

/** Within a factor of two either way. */
const near = (value: number, measured: number) => {
  expect(value).toBeGreaterThan(measured / 2);
  expect(value).toBeLessThan(measured * 2);
};

describe('estimateRun', () => {
  // The runs of the calibration table in estimate.ts (measured with `lab run`, digest mode).
  it.each([
    ['10 MB bulk', bulk(10e6), 25_161, 0.74, 47],
    ['300 MB bulk', bulk(300e6), 640_495, 12.3, 139],
    ['10,000 exchanges', exchanges(10_000), 60_012, 1.0, 51],
    ['100,000 exchanges', exchanges(100_000), 600_012, 14.9, 132],
    ['10,000 guesses', guessing(1, 10_000), 10_260, 0.98, 57],
    ['100,000 guesses', guessing(1, 100_000), 100_265, 5.4, 147],
    ['16 attackers × 20,000 guesses', guessing(16, 20_000), 320_262, 54, 181],
  ])('%s: packets, seconds and digest memory within 2× of the measured run', (_name, s, packets, seconds, mb) => {
    const e = estimateRun(s);
    near(e.packets, packets);
    near(e.seconds, seconds);
    near(e.megabytes.digest, mb);
    expect(e.megabytes.full).toBeGreaterThan(e.megabytes.digest);
  });

  it('matches a real small run within 2× (packets)', () => {
    const s = builtinScenario('two-path-v1')!;
    near(estimateRun(s).packets, runScenario(s, { trace: 'count' }).packetCount);
  });

  it('grows with guesses, bytes and exchanges, and is cheap for the built-ins', () => {
    expect(estimateRun(guessing(16, 200_000)).seconds).toBeGreaterThan(estimateRun(guessing(1, 200_000)).seconds);
    expect(estimateRun(bulk(1e9)).packets).toBeGreaterThan(estimateRun(bulk(1e8)).packets * 5);
    for (const id of ['two-path-v1', 'attack-blind-reset', 'wifi-lte']) expect(estimateRun(builtinScenario(id)!).seconds, id).toBeLessThan(2);
  });

  it('a transfer cannot move more than its links carry before the run ends', () => {
    const short = { ...bulk(1e9), durationUs: 1_000_000 };
    expect(estimateRun(short).packets).toBeLessThan(estimateRun(bulk(1e9)).packets / 50);
  });

  it('counts floods as attacker packets', () => {
    const flood = builtinScenario('attack-join-dos')!;
    expect(estimateRun(flood).attackerPackets).toBeGreaterThan(0);
  });
});
