/**
 * RFC 6181 §5 (bombing): ADD_ADDRs forged on a subflow the attacker saw,
 * announcing an address that belongs to neither end (the target). A host
 * that acts on them opens joins toward the target: SYNs, retransmitted
 * while nobody answers, that the target never asked for. Whether anything
 * is sent is up to the victim's path manager (its add_addr_accepted limit)
 * and, in v1, to the ADD_ADDR HMAC.
 */
import type { Out } from '../../scenario/schema-dsl.ts';
import { parseIp } from '../../wire/ip-address.ts';
import type { ADD_ADDR_FLOODING_PARAMS } from '../catalog.ts';
import { addAddrGuesses, forgeAddAddr } from '../forge-add-addr.ts';
import type { AttackContext, AttackStrategy, StrategyDefinition } from '../strategy.ts';

type Params = Out<typeof ADD_ADDR_FLOODING_PARAMS>;

class AddAddrFlooding implements AttackStrategy {
  constructor(private readonly p: Params) {}

  start(ctx: AttackContext): void {
    const target = parseIp(this.p.target);
    if (!target) return;
    for (let i = 0; i < this.p.count; i++) ctx.later(this.p.atUs + i * 1000, () => forgeAddAddr(ctx, target, 20 + i, this.p.victim));
  }

  expectedGuesses(ctx: AttackContext): { guesses: number; why: string } {
    return addAddrGuesses(ctx);
  }
}

export const addAddrFlooding: StrategyDefinition = {
  create: (params) => new AddAddrFlooding(params as Params),
};
