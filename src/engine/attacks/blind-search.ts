/**
 * The blind search of an attacker that lacks what it needs (RFC 7430 §2):
 * the values it must get right — client port, sequence number, ACK number,
 * a token, an HMAC, a key — are the dimensions of a product space, and it
 * tries the points of that space one real packet at a time, in an order
 * drawn from its own seeded generator, never the same point twice, until
 * the space or its budget runs out (or the hosts tell it that it found
 * what it looked for). The same dimensions give the expected number of
 * guesses and the chance that a budget suffices, so what a run reports is
 * the search the attacker really ran.
 *
 * The order is an affine permutation of the point indices, i ↦ (a·i + b)
 * mod N with gcd(a, N) = 1, read in mixed radix (the first dimension
 * varies fastest): a bijection of [0, N), so no point comes twice however
 * large N is (2^224 for a blind v1 ADD_ADDR), at a bigint multiply per
 * guess. Against a target placed independently of the order, any
 * non-repeating order finds it after (N + 1) / 2 guesses on average.
 */
import type { Rng } from '../core/rng.ts';
import type { AttackContext } from './strategy.ts';

/** One value a blind attacker must get right. */
export interface Dimension<V> {
  /** The factor as the formula shows it, its count first: "28232 client ports (Linux's 32768–60999)". */
  readonly label: string;
  readonly count: bigint;
  /** The i-th candidate, 0 ≤ i < count; distinct i give distinct values. */
  valueAt(i: bigint): V;
}

export type Dimensions<P> = { readonly [K in keyof P]: Dimension<P[K]> };
/** Dimensions of any point type, for what only counts and labels them. */
export type AnyDimensions = { readonly [k: string]: Dimension<unknown> };

/** What a strategy says a blind attempt costs. */
export interface GuessEstimate {
  /** Mean number of guessed packets the search it runs needs to succeed. */
  guesses: number;
  /** The factors with their numbers. */
  formula: string;
  /** One sentence. */
  why: string;
  /** Probability that `budget` guesses succeed, for that search. */
  successWithin(budget: number): number;
}

export class BlindSearch<P extends object> {
  /** Points in the space. */
  readonly size: bigint;
  private readonly keys: (keyof P)[];
  private readonly stride: bigint;
  private readonly offset: bigint;
  private taken = 0n;

  constructor(
    readonly dims: Dimensions<P>,
    rng: Rng,
  ) {
    this.keys = Object.keys(dims) as (keyof P)[];
    this.size = this.keys.reduce((n, k) => n * dims[k].count, 1n);
    if (this.size <= 1n) {
      this.stride = 1n;
      this.offset = 0n;
      return;
    }
    let a = 1n + randomBelow(rng, this.size - 1n);
    while (gcd(a, this.size) !== 1n) a = 1n + randomBelow(rng, this.size - 1n);
    this.stride = a;
    this.offset = randomBelow(rng, this.size);
  }

  /** Points handed out so far. */
  get tried(): number {
    return Number(this.taken);
  }

  get exhausted(): boolean {
    return this.taken >= this.size;
  }

  /** The next untried point, or null when every point has been tried. */
  next(): P | null {
    if (this.taken >= this.size) return null;
    let index = (this.stride * this.taken + this.offset) % this.size;
    this.taken++;
    const point = {} as P;
    for (const k of this.keys) {
      const d = this.dims[k];
      point[k] = d.valueAt(index % d.count);
      index /= d.count;
    }
    return point;
  }
}

/** Uniform in [0, n) for n ≥ 1, from 32 more random bits than n has (a bias below 2^-32). */
export function randomBelow(rng: Rng, n: bigint): bigint {
  let x = 0n;
  for (let bits = 0; bits < n.toString(2).length + 32; bits += 32) x = (x << 32n) | BigInt(rng.u32());
  return x % n;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Points of a product of dimensions. */
export function spaceSize(dims: AnyDimensions): bigint {
  return Object.values(dims).reduce((n, d) => n * d.count, 1n);
}

/** "2^64" for powers of two from 2^17 on, else the number ("28232", "1.23e+21"). */
export function countText(n: bigint): string {
  if (n >= 1n << 17n && (n & (n - 1n)) === 0n) return `2^${n.toString(2).length - 1}`;
  return n < 10_000_000n ? n.toString() : Number(n).toExponential(2);
}

export function numberText(x: number): string {
  return x < 1e7 ? String(Math.round(x * 100) / 100) : x.toExponential(2);
}

/**
 * The product as text: "28232 client ports (…) × 683 sequence numbers (…)",
 * then the values it knows (dimensions of one value), which it need not guess.
 */
export function factorsText(dims: AnyDimensions): string {
  const all = Object.values(dims);
  const guessed = all.filter((d) => d.count > 1n).map((d) => d.label);
  const given = all.filter((d) => d.count === 1n).map((d) => d.label);
  return `${guessed.length > 0 ? guessed.join(' × ') : '1'}${given.length > 0 ? ` [known: ${given.join('; ')}]` : ''}`;
}

/** The factors and, when they are several, their product: "28232 client ports × 683 … = 1.93e+7". */
function productText(dims: AnyDimensions): string {
  const several = Object.values(dims).filter((d) => d.count > 1n).length > 1;
  return several ? `${factorsText(dims)} = ${countText(spaceSize(dims))}` : factorsText(dims);
}

/**
 * Mean position of the first of `targets` hits among `n` points tried in
 * a uniformly random order without repetition: (n + 1) / (targets + 1).
 */
export function meanGuesses(n: bigint, targets = 1): number {
  return (Number(n) + 1) / (targets + 1);
}

/**
 * Probability that `budget` guesses drawn without repetition from `n`
 * points hit at least one of `targets`: 1 − C(n − t, b) / C(n, b), which is
 * 1 − Π_{i<t} (1 − b / (n − i)); min(1, b / n) for one target.
 */
export function hitWithin(n: bigint, budget: number, targets = 1): number {
  if (budget <= 0 || targets <= 0) return 0;
  if (BigInt(Math.floor(budget)) >= n - BigInt(targets) + 1n) return 1;
  let logMiss = 0;
  for (let i = 0; i < targets; i++) logMiss += Math.log1p(-budget / (Number(n) - i));
  return -Math.expm1(logMiss);
}

/** A one-stage search over `dims` with `targets` points that succeed. */
export function searchEstimate(dims: AnyDimensions, why: string, targets = 1): GuessEstimate {
  const n = spaceSize(dims);
  const mean = meanGuesses(n, targets);
  const share = targets === 1 ? '(N + 1) / 2' : `(N + 1) / ${targets + 1} (${targets} points succeed)`;
  return {
    guesses: mean,
    formula: `${share} with N = ${productText(dims)} → ${numberText(mean)} guesses`,
    why,
    successWithin: (budget) => hitWithin(n, budget, targets),
  };
}

/**
 * Two searches one after the other, the first answered by an oracle (a
 * SYN+MP_JOIN gets a SYN/ACK for a valid token, a RST otherwise), so their
 * sizes add instead of multiplying; each has one target. The guess that
 * finds the first is also spent, and every guess of the second needs one
 * of the first's kind to open the way (counted apart, not as a guess).
 */
export function sequentialEstimate(first: AnyDimensions, second: AnyDimensions, why: string, note: string): GuessEstimate {
  const t = spaceSize(first);
  const h = spaceSize(second);
  const mean = meanGuesses(t) + meanGuesses(h);
  return {
    guesses: mean,
    formula: `(T + 1) / 2 + (H + 1) / 2 with T = ${productText(first)}, then H = ${productText(second)} (${note}) → ${numberText(mean)} guesses`,
    why,
    successWithin: (budget) => sequentialHit(t, h, budget),
  };
}

/**
 * P(the first search hits at guess j ≤ budget and the second within the
 * budget − j guesses left) = (1/T) Σ_{j=1..min(T, B)} min(1, (B − j) / H).
 */
function sequentialHit(t: bigint, h: bigint, budget: number): number {
  const b = Math.floor(budget);
  const T = Number(t);
  const H = Number(h);
  const m = Math.min(T, b);
  if (m <= 0) return 0;
  // The first c values of j leave at least H guesses: certain.
  const c = Math.max(0, Math.min(m, b - H));
  const rest = ((m - c) * b - (m * (m + 1)) / 2 + (c * (c + 1)) / 2) / H;
  return Math.min(1, (c + rest) / T);
}

export interface BlindRun<P extends object> {
  search: BlindSearch<P>;
  spacingUs: number;
  /** The packet for one point, and a note saying what it guessed (made only if the guess is logged). */
  packet(point: P, n: number): { bytes: Uint8Array; note: () => string };
  /** True once it knows it succeeded (the hosts told it), to stop early. */
  done?(): boolean;
  /** Sent from its own machine rather than where it taps. */
  fromHome?: boolean;
}

/**
 * Tries the search's points one real packet each, `spacingUs` apart, until
 * the space or the budget is spent (the attacker refuses guesses beyond
 * it) or `done`. A search of one point guesses nothing: its packet is an
 * ordinary injection. With a budget of 0 it does not start.
 */
export function runBlind<P extends object>(ctx: AttackContext, what: string, run: BlindRun<P>): void {
  const guess = run.search.size > 1n;
  if (guess && ctx.spec.guessBudget === 0) {
    ctx.act({ kind: 'attacker-gives-up', note: `${what} would take guesses (${factorsText(run.search.dims)}), and its guess budget is 0` });
    return;
  }
  if (guess) ctx.act({ kind: 'attacker-blind', note: `${what}: guesses ${factorsText(run.search.dims)}, one packet each, ${ctx.spec.guessBudget} at most` });
  let n = 0;
  const send = (): boolean => {
    if (run.done?.()) return false;
    const p = run.search.next();
    if (!p) return false;
    n++;
    const { bytes, note } = run.packet(p, n);
    return ctx.inject(bytes, note, { guess, ...(run.fromHome ? { fromHome: true } : {}) }) !== null;
  };
  if (!guess) {
    send();
    return;
  }
  // Paced, so 1000 guesses take 10 ms of simulated time at the default 10 µs.
  paced(ctx, run.spacingUs, send);
}

/** Calls `step` now and every `spacingUs` after, while it returns true. */
export function paced(ctx: AttackContext, spacingUs: number, step: () => boolean): void {
  const tick = () => {
    if (step()) ctx.later(ctx.now() + spacingUs, tick);
  };
  tick();
}
