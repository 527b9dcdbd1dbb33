/**
 * RFC 7430 §2: an ADD_ADDR announcing the attacker's own address, forged
 * toward the victim as its peer (`forge-add-addr.ts`): from a subflow it
 * saw, or blindly, searching for what it lacks. If the victim accepts it,
 * it joins the attacker's address; the attacker passes that join on to the
 * real peer (`SubflowRelay`), both HMACs verify because they do not cover
 * addresses, and the attacker sits in the middle of a subflow. A blind
 * search stops once a join reaches its address: the hosts told it it won.
 */
import type { Out } from '../../scenario/schema-dsl.ts';
import { parseIp, type IpAddress } from '../../wire/ip-address.ts';
import { TCP_FLAG } from '../../wire/tcp-header.ts';
import type { GuessEstimate } from '../blind-search.ts';
import type { ADD_ADDR_HIJACK_PARAMS } from '../catalog.ts';
import { addAddrEstimate, addAddrPlan, sendAddAddrs } from '../forge-add-addr.ts';
import { SubflowRelay, type Endpoint } from '../relay.ts';
import type { AttackContext, AttackStrategy, ObservedPacket, StrategyDefinition } from '../strategy.ts';

type Params = Out<typeof ADD_ADDR_HIJACK_PARAMS>;

class AddAddrHijack implements AttackStrategy {
  private relay: SubflowRelay | null = null;
  /** The real end a join to the attacker is passed on to. */
  private target: Endpoint | null = null;
  /** A join reached its address. */
  private joined = false;
  /** The search it ran; null when it needed none; undefined before it struck. */
  private ran: GuessEstimate | null | undefined;

  constructor(private readonly p: Params) {}

  start(ctx: AttackContext): void {
    const own = ctx.spec.address === undefined ? null : parseIp(ctx.spec.address);
    if (!own) return;
    this.relay = new SubflowRelay(own, () => this.target);
    ctx.later(this.p.atUs, () => this.forge(ctx, own));
  }

  receive(ctx: AttackContext, p: ObservedPacket): void {
    const h = p.decoded.tcp!.header;
    if (this.relay?.handle(ctx, p) && h.flags & TCP_FLAG.SYN) this.joined = true;
  }

  private forge(ctx: AttackContext, own: IpAddress): void {
    // Plain TCP has no ADD_ADDR: against the single-path baseline there is nothing to forge.
    if (ctx.protocol === 'tcp') return;
    const plan = addAddrPlan(ctx, this.p.victim);
    if (!plan) return;
    this.target = plan.peer;
    this.ran = addAddrEstimate(plan);
    sendAddAddrs(ctx, plan, own, [this.p.addressId], this.p.spacingUs, () => this.joined);
  }

  expectedGuesses(ctx: AttackContext): GuessEstimate | null {
    if (this.ran !== undefined) return this.ran;
    if (ctx.protocol === 'tcp') return null;
    return addAddrEstimate(addAddrPlan({ ...ctx, rng: ctx.rng.fork('estimate') }, this.p.victim));
  }
}

export const addAddrHijack: StrategyDefinition = {
  create: (params) => new AddAddrHijack(params as Params),
};
