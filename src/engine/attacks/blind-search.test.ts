/**
 * The blind search's order and arithmetic: every point once, in a seeded
 * order; candidates that surely hold a value the hosts accept; and the
 * expected-guesses and success figures the attacker report shows.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng.ts';
import type { AttackerPrior } from '../scenario/types.ts';
import { acceptableAckDim, dsnDim, exactSeqDim, inWindowSeqDim, tokenDim } from './blind-dimensions.ts';
import { BlindSearch, hitWithin, meanGuesses, searchEstimate, sequentialEstimate, type Dimension } from './blind-search.ts';
import type { AttackContext } from './strategy.ts';

const ctxWith = (prior: AttackerPrior = {}, seed = 1): AttackContext => ({ spec: { prior }, rng: Rng.root(seed).fork('attacker:test') }) as unknown as AttackContext;
const list = <V>(values: V[], label = 'values'): Dimension<V> => ({ label: `${values.length} ${label}`, count: BigInt(values.length), valueAt: (i) => values[Number(i)]! });
const drain = <P extends object>(s: BlindSearch<P>): P[] => {
  const out: P[] = [];
  for (let p = s.next(); p; p = s.next()) out.push(p);
  return out;
};
const seqDiff = (a: number, b: number) => (a - b) | 0;

describe('BlindSearch', () => {
  const dims = { a: list([0, 1, 2, 3, 4, 5]), b: list(['x', 'y', 'z']), c: list([10, 20]) };

  it('hands out every point of the product exactly once, then null', () => {
    const points = drain(new BlindSearch(dims, Rng.root(7)));
    expect(points).toHaveLength(36);
    expect(new Set(points.map((p) => `${p.a}${p.b}${p.c}`)).size).toBe(36);
  });

  it('walks them in an order its seed decides: the same seed, the same order', () => {
    const order = (seed: number) => drain(new BlindSearch(dims, Rng.root(seed))).map((p) => `${p.a}${p.b}${p.c}`);
    expect(order(3)).toEqual(order(3));
    expect(order(3)).not.toEqual(order(4));
  });

  it('never repeats in spaces far too large to list (2^224, a blind v1 ADD_ADDR)', () => {
    const huge: Dimension<bigint> = { label: '2^224 points', count: 1n << 224n, valueAt: (i) => i };
    const s = new BlindSearch({ v: huge }, Rng.root(1));
    expect(s.size).toBe(1n << 224n);
    expect(new Set(Array.from({ length: 5000 }, () => s.next()!.v)).size).toBe(5000);
  });
});

describe('candidates that surely hold an accepted value', () => {
  const window = 2 ** 28; // 16 slices of the sequence space, so the cover is easy to check
  const samples = Array.from({ length: 200 }, (_, i) => (Math.imul(i, 0x9e3779b1) >>> 0) >>> 0);

  it('in-window sequence numbers: one per window, and RCV.NXT ≤ some guess < RCV.NXT + RCV.WND wherever RCV.NXT is', () => {
    const d = inWindowSeqDim(ctxWith({ windowBytes: window }));
    expect(d.count).toBe(16n);
    const guesses = Array.from({ length: 16 }, (_, i) => d.valueAt(BigInt(i)));
    for (const rcvNxt of samples) expect(guesses.some((g) => seqDiff(g, rcvNxt) >= 0 && seqDiff(g, rcvNxt) < window)).toBe(true);
  });

  it('with a range known before the run, only the windows that cover it', () => {
    // 3001 values across the wrap at 2^32: four windows of 1000 bytes.
    const d = inWindowSeqDim(ctxWith({ windowBytes: 1000, seq: { from: 4_294_967_000, to: 2_704 } }));
    expect(d.count).toBe(4n);
    const guesses = Array.from({ length: 4 }, (_, i) => d.valueAt(BigInt(i)));
    for (let k = 0; k < 3001; k++) {
      const rcvNxt = (4_294_967_000 + k) >>> 0;
      expect(guesses.some((g) => seqDiff(g, rcvNxt) >= 0 && seqDiff(g, rcvNxt) < 1000)).toBe(true);
    }
  });

  it('ACK numbers: one per MAX.SND.WND, each range [SND.UNA − MAX.SND.WND, SND.UNA] holds one (RFC 5961 §5.2)', () => {
    const d = acceptableAckDim(ctxWith({ maxSendWindowBytes: window }));
    expect(d.count).toBe(16n);
    const guesses = Array.from({ length: 16 }, (_, i) => d.valueAt(BigInt(i)));
    for (const sndUna of samples) expect(guesses.some((g) => seqDiff(sndUna, g) >= 0 && seqDiff(sndUna, g) <= window)).toBe(true);
  });

  it("a RST's sequence number: every value (2^32), or each of the range it knew", () => {
    expect(exactSeqDim(ctxWith()).count).toBe(2n ** 32n);
    const d = exactSeqDim(ctxWith({ seq: { from: 10, to: 14 } }));
    expect(Array.from({ length: 5 }, (_, i) => d.valueAt(BigInt(i)))).toEqual([10, 11, 12, 13, 14]);
  });

  it('32-bit DSNs: one per window of the low 32 bits (the receiver expands them against the DSN it expects)', () => {
    expect(dsnDim(ctxWith()).count).toBe(683n);
    const d = dsnDim(ctxWith({ dsn: { from: '18446744073709551615', to: '18446744073709551615' } }));
    expect(d.valueAt(0n)).toEqual({ low32: 0xffffffff, full: 2n ** 64n - 1n });
  });

  it("tokens: every 32-bit value, or the prior's candidates", () => {
    expect(tokenDim(ctxWith()).count).toBe(2n ** 32n);
    expect(tokenDim(ctxWith({ tokens: ['0000000a', 'ffffffff'] })).valueAt(1n)).toBe(0xffffffff);
  });
});

describe('the estimate', () => {
  it('one target among N tried without repetition: (N + 1) / 2 on average, min(1, budget / N) within a budget', () => {
    expect(meanGuesses(9n)).toBe(5);
    expect(hitWithin(1000n, 250)).toBeCloseTo(0.25, 12);
    expect(hitWithin(1000n, 1000)).toBe(1);
    expect(hitWithin(1n << 64n, 1000)).toBeCloseTo(1000 / 2 ** 64, 30);
  });

  it('several targets: the first of k hits comes after (N + 1) / (k + 1), and a budget misses them all with C(N − k, b) / C(N, b)', () => {
    expect(meanGuesses(9n, 2)).toBeCloseTo(10 / 3, 12);
    // N = 4, k = 2, b = 1: P(miss) = 2/4.
    expect(hitWithin(4n, 1, 2)).toBeCloseTo(0.5, 12);
    expect(hitWithin(4n, 3, 2)).toBe(1);
  });

  it('shows each factor with its number, and what it knows apart', () => {
    const e = searchEstimate({ port: list([1, 2, 3, 4], 'client ports'), seq: list([5], 'x') }, 'why');
    expect(e.formula).toBe('(N + 1) / 2 with N = 4 client ports [known: 1 x] → 2.5 guesses');
    expect(e.successWithin(2)).toBe(0.5);
    const two = searchEstimate({ port: list([1, 2, 3, 4], 'client ports'), seq: list([5, 6, 7], 'sequence numbers') }, 'why');
    expect(two.formula).toBe('(N + 1) / 2 with N = 4 client ports × 3 sequence numbers = 12 → 6.5 guesses');
  });

  it('sequential searches (a token oracle, then HMACs) add: T/2 + H/2, and a budget must cover both', () => {
    const e = sequentialEstimate({ token: list([1, 2, 3, 4], 'tokens') }, { hmac: list([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'HMACs') }, 'why', 'oracle');
    expect(e.guesses).toBe(2.5 + 5.5);
    // Token at guess j (1/4 each), then min(1, (b − j) / 10) for the HMAC: b = 5 gives (4 + 3 + 2 + 1) / 40.
    expect(e.successWithin(5)).toBeCloseTo(10 / 40, 12);
    expect(e.successWithin(14)).toBe(1);
  });
});
