/**
 * RFC 7430 §6: an active attacker on the path of a new subflow rewrites
 * the source of its SYN+MP_JOIN to its own address. The join HMACs cover
 * keys and nonces, not addresses, so both ends still verify each other;
 * the far end now sends that subflow to the attacker, which passes it on
 * (`SubflowRelay.intercept`). Binding the HMAC to the addresses (the
 * address-bound-join-hmac what-if) makes the far end's check fail.
 */
import { parseIp } from '../../wire/ip-address.ts';
import { SubflowRelay } from '../relay.ts';
import { PASS, type AttackContext, type AttackStrategy, type ObservedPacket, type StrategyDefinition, type Verdict } from '../strategy.ts';

class SynJoinRedirect implements AttackStrategy {
  private relay: SubflowRelay | null = null;

  start(ctx: AttackContext): void {
    const own = ctx.spec.address === undefined ? null : parseIp(ctx.spec.address);
    // Packets to its own address only ever belong to subflows it took over.
    if (own) this.relay = new SubflowRelay(own, () => null);
  }

  intercept(ctx: AttackContext, p: ObservedPacket): Verdict {
    if (!this.relay) return PASS;
    const rewritten = this.relay.intercept(ctx, p, (q) => q.decoded.tcp!.header.options.some((o) => o.kind === 'mp-join-syn'));
    if (!rewritten) return PASS;
    const syn = p.decoded.tcp!.header.options.some((o) => o.kind === 'mp-join-syn');
    return { kind: 'replace', bytes: rewritten, why: syn ? 'the SYN+MP_JOIN now comes from its own address' : 'source rewritten to its own address', quiet: !syn };
  }

  receive(ctx: AttackContext, p: ObservedPacket): void {
    this.relay?.handle(ctx, p);
  }
}

export const synJoinRedirect: StrategyDefinition = {
  create: () => new SynJoinRedirect(),
};
