/**
 * Congestion control. NewReno (RFC 5681 + RFC 6582) owns slow start, loss
 * recovery and the multiplicative decrease; the congestion-avoidance
 * increase is a policy so MPTCP's coupled LIA (RFC 6356) can replace just
 * that part, as RFC 6356 §3 says.
 */
import { seqGeq } from '../wire/seq.ts';

export interface IncreasePolicy {
  /** Bytes to add to cwnd for `ackedBytes` newly acknowledged in congestion avoidance. */
  increase(cc: NewReno, ackedBytes: number): number;
}

/** Uncoupled Reno: one MSS per cwnd of acknowledged bytes (byte counting). */
export const RENO_INCREASE: IncreasePolicy = {
  increase(cc, ackedBytes) {
    return (ackedBytes * cc.mss) / cc.cwnd;
  },
};

export class NewReno {
  cwnd: number;
  ssthresh = Number.POSITIVE_INFINITY;
  /** Set while in fast recovery: recovery ends when this is acknowledged (RFC 6582). */
  recover: number | null = null;
  /**
   * SND.MAX when the last retransmission timeout fired, until the cumulative
   * ACK reaches it: the RTO's RecoveryPoint (RFC 6675 §5.1, RFC 6582 §4's
   * `recover`). No fast recovery starts before then, so the go-back-N resends
   * after a timeout do not halve a window that is already one segment.
   */
  timeoutRecover: number | null = null;
  /**
   * The endpoint's state lets it send data (ESTABLISHED or CLOSE_WAIT), kept
   * by the endpoint: only such subflows belong to a coupled set (RFC 6356 §3).
   */
  canSend = false;

  constructor(
    public mss: number,
    initialWindowSegments = 10,
    public policy: IncreasePolicy = RENO_INCREASE,
  ) {
    this.cwnd = initialWindowSegments * mss;
  }

  get inSlowStart(): boolean {
    return this.cwnd < this.ssthresh;
  }

  /** New data acknowledged outside recovery. */
  onAck(ackedBytes: number): void {
    if (this.inSlowStart) this.cwnd += Math.min(ackedBytes, 2 * this.mss);
    else this.cwnd += Math.max(1, this.policy.increase(this, ackedBytes));
  }

  /** Third duplicate ACK: halve, enter fast recovery (RFC 6582 §3.2 step 2). */
  enterRecovery(flightBytes: number, highestSent: number): void {
    this.ssthresh = Math.max(flightBytes / 2, 2 * this.mss);
    this.cwnd = this.ssthresh + 3 * this.mss;
    this.recover = highestSent;
  }

  /** Each further duplicate ACK in recovery inflates the window. */
  onDupAckInRecovery(): void {
    this.cwnd += this.mss;
  }

  /** Partial ACK in recovery: deflate by what was acknowledged, add one MSS back. */
  onPartialAck(ackedBytes: number): void {
    this.cwnd = Math.max(this.mss, this.cwnd - ackedBytes + this.mss);
  }

  /** RFC 6582 §3.2 step 6, option 1: cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS). */
  exitRecovery(flightBytes: number): void {
    this.cwnd = Math.min(this.ssthresh, Math.max(flightBytes, this.mss) + this.mss);
    this.recover = null;
  }

  /** Retransmission timeout: back to one segment (RFC 5681 §3.1); any fast recovery ends (RFC 6675 §5.1). */
  onTimeout(flightBytes: number, highestSent: number): void {
    this.ssthresh = Math.max(flightBytes / 2, 2 * this.mss);
    this.cwnd = this.mss;
    this.recover = null;
    this.timeoutRecover = highestSent;
  }

  /**
   * Whether a loss signal may start fast recovery with SND.UNA at `sndUna`:
   * RFC 6675 §5.1 forbids it until HighACK reaches the RTO's RecoveryPoint.
   */
  mayEnterRecovery(sndUna: number): boolean {
    if (this.timeoutRecover !== null && seqGeq(sndUna, this.timeoutRecover)) this.timeoutRecover = null;
    return this.recover === null && this.timeoutRecover === null;
  }
}
