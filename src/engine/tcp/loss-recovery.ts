/**
 * When a sender enters loss recovery and what each ACK does to it: NewReno
 * without SACK (RFC 6582: partial ACKs, the next hole resent at once), SACK
 * recovery with it (RFC 6675: a lost first chunk starts recovery), and no
 * new recovery after a timeout until RecoveryPoint is passed (RFC 6675 §5.1,
 * kept by `NewReno.mayEnterRecovery`). The endpoint owns the sequence
 * numbers; this owns the duplicate-ACK count and the decisions.
 */
import type { TcpHeader } from '../wire/tcp-header.ts';
import { seqGeq } from '../wire/seq.ts';
import type { NewReno } from './congestion.ts';
import { DUP_THRESH, type SendQueue } from './send-queue.ts';

export class LossRecovery {
  dupAcks = 0;

  constructor(
    private readonly queue: SendQueue,
    private readonly cc: NewReno,
    private readonly sackOk: () => boolean,
  ) {}

  /** A cumulative ACK that moved SND.UNA on by `acked` bytes to `ack`; `inFlight` is read after the release. */
  onAdvance(ack: number, acked: number, inFlight: () => number): void {
    const cc = this.cc;
    if (cc.recover === null) {
      this.dupAcks = 0;
      cc.onAck(acked);
    } else if (seqGeq(ack, cc.recover)) {
      cc.exitRecovery(inFlight());
      this.dupAcks = 0;
    } else if (!this.sackOk()) {
      // NewReno partial ACK: the next hole is lost too; send it at once (RFC 6582 §3.2 step 5).
      cc.onPartialAck(acked);
      const first = this.queue.first();
      if (first) this.queue.markLost(first);
    }
  }

  /** RFC 5681 §2: an ACK at SND.UNA with no data that moves no window, while data is outstanding. */
  onDuplicate(h: TcpHeader): void {
    if (!countsAsDuplicate(h)) return;
    this.dupAcks++;
    if (this.cc.recover !== null && !this.sackOk()) this.cc.onDupAckInRecovery();
  }

  /**
   * Enters recovery on the third duplicate ACK, or when SACKs show the first
   * chunk lost (RFC 6675 §5); returns what triggered it, or null.
   */
  maybeEnter(newSack: boolean, sndUna: number, flight: number, sndMax: number): 'dup-acks' | 'sack' | null {
    const q = this.queue;
    if (!((this.dupAcks >= DUP_THRESH || (newSack && q.firstIsLost())) && this.cc.mayEnterRecovery(sndUna))) return null;
    const first = q.first();
    if (!first || first.transmissions === 0) return null;
    q.markLost(first);
    this.cc.enterRecovery(flight, sndMax);
    if (this.sackOk()) this.cc.cwnd = this.cc.ssthresh;
    return this.dupAcks >= DUP_THRESH ? 'dup-acks' : 'sack';
  }
}

/** RFC 8684 §3.3.6: a duplicate ACK that carries an MPTCP signalling option is not a congestion signal. */
function countsAsDuplicate(h: TcpHeader): boolean {
  for (const o of h.options) {
    if (o.kind === 'add-addr' || o.kind === 'remove-addr' || o.kind === 'mp-prio' || o.kind === 'mp-fail' || o.kind === 'mp-fastclose') return false;
  }
  return true;
}
