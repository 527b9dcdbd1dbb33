/**
 * The Linked Increases Algorithm (RFC 6356 §3): coupled congestion
 * avoidance for the subflows of one connection, so that together they take
 * no more than one TCP would on a shared bottleneck.
 *
 *   alpha = cwnd_total · max_i(cwnd_i / rtt_i²) / (Σ_i cwnd_i / rtt_i)²
 *   per ACK on subflow i: cwnd_i += min(alpha · acked · mss_i / cwnd_total, acked · mss_i / cwnd_i)
 */
import type { IncreasePolicy, NewReno } from '../tcp/congestion.ts';

export interface CoupledMember {
  readonly cc: NewReno;
  readonly srttUs: number | null;
  /** A join whose initiator still waits for the fourth ACK: TCP could send, MPTCP may not yet. */
  readonly preEstablished?: boolean;
}

/**
 * Whether a subflow counts in alpha and cwnd_total now: it can send
 * (ESTABLISHED or CLOSE_WAIT, and not a join still pre-established) and has
 * an RTT estimate, as the multipath-tcp.org kernel's coupled controller
 * decides (mptcp_ccc_sk_can_send over mptcp_sk_can_send). A closed or
 * closing subflow left in the set would keep the survivors at a fraction of
 * Reno's rate.
 */
function coupled(m: CoupledMember): boolean {
  return m.cc.canSend && !m.preEstablished && m.srttUs !== null;
}

export class LiaGroup {
  /** Every subflow the connection made; `coupled` picks the ones that count at each ACK. */
  readonly members = new Set<CoupledMember>();

  /** The increase policy for one member. */
  policyFor(member: CoupledMember): IncreasePolicy {
    return {
      increase: (cc, acked) => {
        const others = [...this.members].filter(coupled);
        let total = 0;
        let best = 0;
        let sum = 0;
        for (const m of others) {
          const w = m.cc.recover !== null ? m.cc.ssthresh : m.cc.cwnd;
          const rtt = m.srttUs!;
          total += w;
          best = Math.max(best, w / (rtt * rtt));
          sum += w / rtt;
        }
        const uncoupled = (acked * cc.mss) / cc.cwnd;
        if (others.length < 2 || sum === 0 || !others.includes(member)) return uncoupled;
        const alpha = (total * best) / (sum * sum);
        return Math.min((alpha * acked * cc.mss) / total, uncoupled);
      },
    };
  }
}
