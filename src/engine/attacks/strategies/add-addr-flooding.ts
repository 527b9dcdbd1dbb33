/**
 * RFC 6181 §5 (bombing): ADD_ADDRs forged toward the victim, announcing an
 * address that belongs to neither end (the target). A host that acts on
 * them opens joins toward the target: SYNs, retransmitted while nobody
 * answers, that the target never asked for. Whether anything is sent is up
 * to the victim's path manager (its add_addr_accepted limit) and, in v1,
 * to the ADD_ADDR HMAC.
 *
 * From a subflow it saw with everything it needs, it sends `count`
 * ADD_ADDRs a millisecond apart, each with its own address ID. When it must
 * guess (`forge-add-addr.ts`), one search, each guess carrying the next of
 * those IDs; nothing tells it when one got through (the joins go to the
 * target), so it searches on until the space or its budget is spent.
 */
import type { Out } from '../../scenario/schema-dsl.ts';
import { parseIp, type IpAddress } from '../../wire/ip-address.ts';
import { spaceSize, type GuessEstimate } from '../blind-search.ts';
import type { ADD_ADDR_FLOODING_PARAMS } from '../catalog.ts';
import { addAddrEstimate, addAddrPlan, sendAddAddrs } from '../forge-add-addr.ts';
import type { AttackContext, AttackStrategy, StrategyDefinition } from '../strategy.ts';

type Params = Out<typeof ADD_ADDR_FLOODING_PARAMS>;

class AddAddrFlooding implements AttackStrategy {
  /** The search it ran; null when it needed none; undefined before it struck. */
  private ran: GuessEstimate | null | undefined;

  constructor(private readonly p: Params) {}

  start(ctx: AttackContext): void {
    const target = parseIp(this.p.target);
    if (!target) return;
    ctx.later(this.p.atUs, () => this.strike(ctx, target));
  }

  private strike(ctx: AttackContext, target: IpAddress): void {
    // Plain TCP has no ADD_ADDR: against the single-path baseline there is nothing to forge.
    if (ctx.protocol === 'tcp') return;
    const plan = addAddrPlan(ctx, this.p.victim);
    if (!plan) return;
    const ids = Array.from({ length: this.p.count }, (_, i) => 20 + i);
    this.ran = addAddrEstimate(plan);
    if (spaceSize(plan.dims) > 1n) {
      sendAddAddrs(ctx, plan, target, ids, this.p.spacingUs);
      return;
    }
    // It knows everything: one ADD_ADDR per ID, each from the numbers it saw last.
    sendAddAddrs(ctx, plan, target, [ids[0]!], this.p.spacingUs);
    ids.slice(1).forEach((id, i) =>
      ctx.later(this.p.atUs + (i + 1) * 1000, () => {
        const next = addAddrPlan(ctx, this.p.victim);
        if (next) sendAddAddrs(ctx, next, target, [id], this.p.spacingUs);
      }),
    );
  }

  expectedGuesses(ctx: AttackContext): GuessEstimate | null {
    if (this.ran !== undefined) return this.ran;
    if (ctx.protocol === 'tcp') return null;
    return addAddrEstimate(addAddrPlan({ ...ctx, rng: ctx.rng.fork('estimate') }, this.p.victim));
  }
}

export const addAddrFlooding: StrategyDefinition = {
  create: (params) => new AddAddrFlooding(params as Params),
};
