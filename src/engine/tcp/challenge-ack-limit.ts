/**
 * How often challenge ACKs (RFC 5961 §3.2, §4.2, §5.2) may be sent; RFC
 * 5961 §7 asks for a limit and leaves its shape to the implementation.
 * Two limits, as Linux's tcp_send_challenge_ack applies them:
 *
 * - per socket: at most one every `invalidRateLimitUs` (Linux's
 *   tcp_invalid_ratelimit, 500 ms), checked first; a refused one does not
 *   move the interval on;
 * - per host: at most about `limitPerSecond` a second across all sockets
 *   (Linux's per-netns tcp_challenge_ack_limit). Since Linux 6.0 its default
 *   is INT_MAX, i.e. off, because a shared counter is a side channel
 *   (CVE-2016-5696); when set, each second's budget is drawn in
 *   [limit/2, limit·3/2) for the same reason.
 */
import type { Rng } from '../core/rng.ts';

/** The per-host budget. Shared by every endpoint of one host. */
export class ChallengeAckBudget {
  private second = -1;
  private left = 0;

  constructor(
    readonly limitPerSecond: number,
    private readonly rng: Rng | null,
  ) {}

  /** Takes one challenge ACK from this second's budget; false when it is spent. */
  take(nowUs: number): boolean {
    if (!Number.isFinite(this.limitPerSecond)) return true;
    const second = Math.floor(nowUs / 1_000_000);
    if (second !== this.second) {
      this.second = second;
      const half = Math.floor((this.limitPerSecond + 1) / 2);
      this.left = this.rng ? half + this.rng.below(this.limitPerSecond) : this.limitPerSecond;
    }
    if (this.left <= 0) return false;
    this.left--;
    return true;
  }
}

/** No host-wide limit: Linux's default since 6.0. */
export const UNLIMITED_CHALLENGE_ACKS = new ChallengeAckBudget(Number.POSITIVE_INFINITY, null);

/**
 * The per-socket limit: whether a challenge ACK at `nowUs` comes too soon
 * after the last one sent at `lastUs` (null: none yet).
 */
export function tooSoonAfterLast(lastUs: number | null, nowUs: number, intervalUs: number): boolean {
  return lastUs !== null && nowUs - lastUs < intervalUs;
}
