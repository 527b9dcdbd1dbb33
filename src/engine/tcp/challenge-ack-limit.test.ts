import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng.ts';
import { ChallengeAckBudget, tooSoonAfterLast, UNLIMITED_CHALLENGE_ACKS } from './challenge-ack-limit.ts';

/** How many challenge ACKs the budget allows in the second starting at `second` s. */
function allowedIn(b: ChallengeAckBudget, second: number): number {
  let n = 0;
  while (n < 10_000 && b.take(second * 1_000_000 + n)) n++;
  return n;
}

describe('RFC 5961 §7 limits, as Linux applies them', () => {
  it('per socket: one every 500 ms (tcp_invalid_ratelimit), the first always', () => {
    expect(tooSoonAfterLast(null, 0, 500_000)).toBe(false);
    expect(tooSoonAfterLast(1_000_000, 1_499_999, 500_000)).toBe(true);
    expect(tooSoonAfterLast(1_000_000, 1_500_000, 500_000)).toBe(false);
  });

  it('per host, off by default (tcp_challenge_ack_limit = INT_MAX since Linux 6.0)', () => {
    expect(allowedIn(UNLIMITED_CHALLENGE_ACKS, 0)).toBe(10_000);
  });

  it('per host, when set: each second a budget drawn in [limit/2, 3·limit/2), so the count leaks nothing exact (CVE-2016-5696)', () => {
    const b = new ChallengeAckBudget(100, Rng.root(7).fork('challenge-acks'));
    const budgets = [0, 1, 2, 3, 4, 5, 6, 7].map((s) => allowedIn(b, s));
    for (const n of budgets) {
      expect(n).toBeGreaterThanOrEqual(50);
      expect(n).toBeLessThan(150);
    }
    expect(new Set(budgets).size).toBeGreaterThan(1);
  });
});
