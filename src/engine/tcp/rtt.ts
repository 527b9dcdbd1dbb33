/**
 * Retransmission timeout per RFC 6298, with Linux's bounds: RTO between
 * 200 ms and 120 s, 1 s before the first measurement. Samples only from
 * segments sent once (Karn's rule), which the caller guarantees.
 */
export const MIN_RTO_US = 200_000;
export const MAX_RTO_US = 120_000_000;
export const INITIAL_RTO_US = 1_000_000;
/** RFC 6298 §5.7 (Linux TCP_TIMEOUT_FALLBACK): the RTO data starts with when the SYN's timer expired. */
export const FALLBACK_RTO_US = 3_000_000;
/** Clock granularity G of RFC 6298 §2 (1 ms). */
const GRANULARITY_US = 1000;

export class RttEstimator {
  srttUs: number | null = null;
  rttvarUs = 0;
  private baseRtoUs = INITIAL_RTO_US;
  /** Exponential backoff after timeouts (RFC 6298 §5.5); reset by a new sample. */
  private backoff = 0;
  /** Smallest sample seen (for schedulers). */
  minRttUs: number | null = null;

  sample(rttUs: number): void {
    const r = Math.max(1, rttUs);
    if (this.srttUs === null) {
      this.srttUs = r;
      this.rttvarUs = r / 2;
    } else {
      this.rttvarUs = 0.75 * this.rttvarUs + 0.25 * Math.abs(this.srttUs - r);
      this.srttUs = 0.875 * this.srttUs + 0.125 * r;
    }
    this.minRttUs = this.minRttUs === null ? r : Math.min(this.minRttUs, r);
    this.baseRtoUs = clamp(this.srttUs + Math.max(GRANULARITY_US, 4 * this.rttvarUs));
    this.backoff = 0;
  }

  /**
   * RFC 6298 §5.7: the handshake needed a timeout and gave no RTT sample, so
   * the RTO is re-initialized to 3 s (no backoff) when data begins.
   */
  restartAfterSynTimeout(): void {
    if (this.srttUs !== null) return;
    this.baseRtoUs = FALLBACK_RTO_US;
    this.backoff = 0;
  }

  get rtoUs(): number {
    return clamp(this.baseRtoUs * 2 ** this.backoff);
  }

  backOff(): void {
    if (this.baseRtoUs * 2 ** this.backoff < MAX_RTO_US) this.backoff++;
  }
}

function clamp(us: number): number {
  return Math.round(Math.min(MAX_RTO_US, Math.max(MIN_RTO_US, us)));
}
