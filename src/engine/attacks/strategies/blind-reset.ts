/**
 * Reset injection (TCP heritage, RFC 5961): at `atUs`, forge what tears a
 * connection down — a RST (with or without MP_TCPRST), an MP_FASTCLOSE, or
 * a REMOVE_ADDR — toward the victim, on every subflow the attacker knows.
 *
 * With knowledge (it saw the subflow), it uses the sequence numbers it saw
 * last, which the victim accepts only if nothing moved since (RFC 5961:
 * a RST must hit RCV.NXT exactly); an MP_FASTCLOSE also needs the victim's
 * 64-bit key, which it searches for when it did not read it. Without
 * knowledge (off-path, or it saw nothing), it knows only who talks to which
 * service and searches blindly (`blind-search.ts`), one real packet per
 * guess within its budget: a RST needs the client's address and port and
 * exactly RCV.NXT (RFC 5961 §3.2); MP_FASTCLOSE and REMOVE_ADDR ride on
 * ACKs (RFC 8684 §3.5, §3.4.2), so they need an in-window sequence number
 * and an acceptable ACK (RFC 5961 §5.2), and MP_FASTCLOSE the key too.
 * Whether anything breaks is up to the hosts.
 */
import { hex64 } from '../../core/hex.ts';
import type { Out } from '../../scenario/schema-dsl.ts';
import type { IpAddress } from '../../wire/ip-address.ts';
import { formatEndpoint } from '../../wire/ip-address.ts';
import { TCP_FLAG } from '../../wire/tcp-header.ts';
import type { TcpOption } from '../../wire/tcp-options.ts';
import { allValues, fixed } from '../blind-dimensions.ts';
import { BlindSearch, runBlind, searchEstimate, type Dimension, type Dimensions, type GuessEstimate } from '../blind-search.ts';
import type { BLIND_RESET_PARAMS } from '../catalog.ts';
import { craftSegment } from '../craft.ts';
import type { KnownConnection } from '../knowledge.ts';
import { blindTarget, endsOf, optionList, pointText, seenTarget, type SegmentPoint, type SegmentTarget } from '../segment-target.ts';
import type { AttackContext, AttackStrategy, StrategyDefinition } from '../strategy.ts';

type Params = Out<typeof BLIND_RESET_PARAMS>;

interface Target {
  from: { addr: IpAddress; port: number };
  to: { addr: IpAddress; port: number };
  seq: number;
  ack: number;
}

type Point = SegmentPoint & { key?: bigint };

function options(p: Params, key: bigint | null): TcpOption[] {
  switch (p.method) {
    case 'mp-tcprst':
      return [{ kind: 'mp-tcprst', transient: false, reserved: 0, reason: 0 }];
    case 'mp-fastclose':
      return [{ kind: 'mp-fastclose', receiverKey: key ?? 0n, reserved: 0 }];
    case 'remove-addr':
      // Address IDs are small numbers handed out in order: 0 (the initial subflow's) to 2 cover the usual cases.
      return [{ kind: 'remove-addr', addressIds: [0, 1, 2], reserved: 0 }];
    default:
      return [];
  }
}

/** MP_FASTCLOSE and REMOVE_ADDR ride on ACKs (RFC 8684 §3.5, §3.4.2); the others are resets. */
const ridesOnAck = (p: Params) => p.method === 'mp-fastclose' || p.method === 'remove-addr';

function flagsFor(p: Params): number {
  return ridesOnAck(p) ? TCP_FLAG.ACK : TCP_FLAG.RST | TCP_FLAG.ACK;
}

/** A search and what it sends: over keys on a subflow it saw, or over everything on the service's subflow. */
interface Plan {
  target: SegmentTarget;
  dims: Dimensions<Point>;
  what: string;
  why: string;
}

class BlindReset implements AttackStrategy {
  /** The search it ran; null when it needed none; undefined before it struck. */
  private ran: GuessEstimate | null | undefined;

  constructor(private readonly p: Params) {}

  start(ctx: AttackContext): void {
    ctx.later(this.p.atUs, () => this.strike(ctx));
  }

  private strike(ctx: AttackContext): void {
    const plan = this.plan(ctx);
    if (plan === 'informed') {
      this.ran = null;
      for (const c of ctx.knowledge.connections.values()) this.informed(ctx, c);
      return;
    }
    if (!plan) return;
    const search = new BlindSearch(plan.dims, ctx.rng);
    this.ran = searchEstimate(plan.dims, plan.why);
    runBlind(ctx, plan.what, {
      search,
      spacingUs: this.p.spacingUs,
      packet: (pt, n) => {
        const rides = ridesOnAck(this.p);
        const bytes = craftSegment({
          ...endsOf(plan.target, pt, this.p.victim),
          seq: pt.seq,
          ack: pt.ack,
          // A blind RST carries no ACK: RFC 5961 §3.2 checks its sequence number alone.
          flags: rides ? TCP_FLAG.ACK : plan.target.seen ? TCP_FLAG.RST | TCP_FLAG.ACK : TCP_FLAG.RST,
          window: plan.target.window,
          options: [...(rides ? optionList(plan.target.timestampsAt(ctx.now())) : []), ...options(this.p, pt.key ?? null)],
        });
        return { bytes, note: () => `${this.p.method} guess ${n}: ${pointText(pt)}${pt.key !== undefined ? `, key ${hex64(pt.key)}` : ''}` };
      },
    });
  }

  /**
   * What it would do with what it knows now: 'informed' when it saw a
   * subflow and needs nothing else, a search over keys when it saw one but
   * not the victim's key, else a search over everything; null when no
   * service is advertised.
   */
  private plan(ctx: AttackContext): Plan | 'informed' | null {
    const victimIsClient = this.p.victim === 'client';
    const known = [...ctx.knowledge.connections.values()];
    if (known.length > 0) {
      if (this.p.method !== 'mp-fastclose') return 'informed';
      const c = latestSeen(ctx, known, this.p.victim);
      const pair = c ? ctx.knowledge.keyPairs.get(c.key) : undefined;
      const key = victimIsClient ? pair?.client : pair?.server;
      if (!c || key !== undefined) return 'informed';
      const target = seenTarget(ctx, c, this.p.victim);
      return {
        target,
        dims: { ...target.dims, key: allValues(ctx, 64, "keys (MP_FASTCLOSE carries the receiver's key, RFC 8684 §3.5)") },
        what: `saw ${c.key} but not the ${this.p.victim}'s key`,
        why: "It saw the subflow, so its numbers are right until the connection moves on, but MP_FASTCLOSE must carry the victim's 64-bit key, which it never read.",
      };
    }
    const rst = !ridesOnAck(this.p);
    const target = blindTarget(ctx, rst ? 'exact' : 'in-window');
    if (!target) return null;
    const noAck: Dimension<number> = fixed(0, 'no ACK number (a RST is checked on its sequence number alone, RFC 5961 §3.2)');
    const dims: Dimensions<Point> = rst
      ? { ...target.dims, ack: noAck }
      : this.p.method === 'mp-fastclose'
        ? { ...target.dims, key: allValues(ctx, 64, "keys (MP_FASTCLOSE carries the receiver's key, RFC 8684 §3.5)") }
        : target.dims;
    return {
      target,
      dims,
      what: 'knows no subflow',
      why: rst
        ? 'Since RFC 5961 a RST is accepted only at exactly RCV.NXT, so a blind one must hit the client port and all 32 bits of the sequence number at once.'
        : `${this.p.method === 'mp-fastclose' ? 'MP_FASTCLOSE' : 'REMOVE_ADDR'} rides on an ACK, which the victim acts on only with an in-window sequence number and, since RFC 5961, an ACK number within MAX.SND.WND of SND.UNA${this.p.method === 'mp-fastclose' ? ", and it must carry the victim's 64-bit key" : ''}.`,
    };
  }

  /** It saw the subflow: forge from what it saw. */
  private informed(ctx: AttackContext, c: KnownConnection): void {
    const kb = ctx.knowledge;
    const { toServer, toClient } = kb.flowsOf(c);
    const victimIsClient = this.p.victim === 'client';
    const towardVictim = victimIsClient ? toClient : toServer;
    const fromVictim = victimIsClient ? toServer : toClient;
    const t: Target = {
      from: victimIsClient ? c.server : c.client,
      to: victimIsClient ? c.client : c.server,
      seq: towardVictim?.nextSeq ?? ctx.rng.u32(),
      ack: fromVictim?.nextSeq ?? 0,
    };
    let key: bigint | null = null;
    let keyGuessed = false;
    if (this.p.method === 'mp-fastclose') {
      const pair = kb.keyPairs.get(c.key);
      key = (victimIsClient ? pair?.client : pair?.server) ?? null;
      if (key === null) {
        // No subflow seen toward the victim to search keys on (see `plan`): one guess.
        key = ctx.rng.u64();
        keyGuessed = true;
      }
    }
    const guess = towardVictim === undefined || keyGuessed;
    const bytes = craftSegment({ src: t.from.addr, dst: t.to.addr, srcPort: t.from.port, dstPort: t.to.port, seq: t.seq, ack: t.ack, flags: flagsFor(this.p), options: options(this.p, key) });
    const seen = towardVictim ? `the sequence number it saw last (${t.seq}, at ${towardVictim.lastSeenUs} µs)` : 'a guessed sequence number';
    const withKey = this.p.method === 'mp-fastclose' ? (keyGuessed ? `, a guessed key ${hex64(key!)}` : `, the victim's key ${hex64(key!)} it read earlier`) : '';
    ctx.inject(bytes, `${this.p.method} to ${formatEndpoint(t.to.addr, t.to.port)} as ${formatEndpoint(t.from.addr, t.from.port)}, with ${seen}${withKey}`, { guess });
  }

  expectedGuesses(ctx: AttackContext): GuessEstimate | null {
    if (this.ran !== undefined) return this.ran;
    // Not struck yet: the search it would run, without drawing from its own generator.
    const plan = this.plan({ ...ctx, rng: ctx.rng.fork('estimate') });
    return plan === 'informed' || plan === null ? null : searchEstimate(plan.dims, plan.why);
  }
}

/** Of the subflows it saw both ways toward the victim, the one it saw last. */
function latestSeen(ctx: AttackContext, known: KnownConnection[], victim: 'client' | 'server'): KnownConnection | null {
  let best: KnownConnection | null = null;
  let when = -1;
  for (const c of known) {
    const { toServer, toClient } = ctx.knowledge.flowsOf(c);
    const toVictim = victim === 'client' ? toClient : toServer;
    if (toVictim && toVictim.lastSeenUs > when) {
      best = c;
      when = toVictim.lastSeenUs;
    }
  }
  return best;
}

export const blindReset: StrategyDefinition = {
  create: (params) => new BlindReset(params as Params),
  // Against plain TCP the same attacker tears the connection down with a RST.
  tcpEquivalent: (params) => ({ ...params, method: 'rst' }),
};
