/**
 * RFC 7430 §6: an active attacker on the path of a new subflow rewrites
 * the source of its SYN+MP_JOIN to its own address. The join HMACs cover
 * keys and nonces, not addresses, so both ends still verify each other;
 * the far end now sends that subflow to the attacker, which passes it on
 * (`SubflowRelay.intercept`). Binding the HMAC to the addresses (the
 * address-bound-join-hmac what-if) makes the far end's check fail.
 *
 * An attacker that cannot rewrite a SYN it never sees (off-path, or on
 * path while no join went by) has one way left to get its own address
 * joined: a blind join (`BlindJoin`) at `atUs` — the token (unless it knows
 * it), then the third-ACK HMAC, within its guess budget. It does not use
 * keys it may have read: joining with them is handshake-eavesdrop-hijack.
 */
import type { Out } from '../../scenario/schema-dsl.ts';
import { parseIp, type IpAddress } from '../../wire/ip-address.ts';
import { BlindJoin, blindJoinEstimate, knownServerToken } from '../blind-join.ts';
import type { GuessEstimate } from '../blind-search.ts';
import type { SYN_JOIN_REDIRECT_PARAMS } from '../catalog.ts';
import { SubflowRelay } from '../relay.ts';
import { PASS, type AttackContext, type AttackStrategy, type ObservedPacket, type StrategyDefinition, type Verdict } from '../strategy.ts';

type Params = Out<typeof SYN_JOIN_REDIRECT_PARAMS>;

class SynJoinRedirect implements AttackStrategy {
  private relay: SubflowRelay | null = null;
  private blind: BlindJoin | null = null;
  /** The blind search it ran; null when it took over a join instead; undefined before it decided. */
  private ran: GuessEstimate | null | undefined;

  constructor(private readonly p: Params) {}

  start(ctx: AttackContext): void {
    const own = ctx.spec.address === undefined ? null : parseIp(ctx.spec.address);
    if (!own) return;
    // Packets to its own address only ever belong to subflows it took over (or its blind joins).
    this.relay = new SubflowRelay(own, () => null);
    // Plain TCP has no joins: against the single-path baseline there is nothing to take over or open.
    if (ctx.protocol !== 'tcp') ctx.later(this.p.atUs, () => this.strike(ctx, own));
  }

  intercept(ctx: AttackContext, p: ObservedPacket): Verdict {
    if (!this.relay) return PASS;
    const rewritten = this.relay.intercept(ctx, p, (q) => q.decoded.tcp!.header.options.some((o) => o.kind === 'mp-join-syn'));
    if (!rewritten) return PASS;
    const syn = p.decoded.tcp!.header.options.some((o) => o.kind === 'mp-join-syn');
    return { kind: 'replace', bytes: rewritten, why: syn ? 'the SYN+MP_JOIN now comes from its own address' : 'source rewritten to its own address', quiet: !syn };
  }

  receive(ctx: AttackContext, p: ObservedPacket): void {
    if (this.blind?.receive(p)) return;
    this.relay?.handle(ctx, p);
  }

  /** By `atUs` it has taken over a join, or it tries to get its own address joined blindly. */
  private strike(ctx: AttackContext, own: IpAddress): void {
    if (this.relay?.tookOver) {
      this.ran = null;
      return;
    }
    this.ran = blindJoinEstimate(ctx);
    this.blind = new BlindJoin(ctx, { own, payload: null, spacingUs: this.p.spacingUs, what: 'took over no join (it saw no SYN+MP_JOIN to rewrite)' }, knownServerToken(ctx));
    this.blind.start();
  }

  expectedGuesses(ctx: AttackContext): GuessEstimate | null {
    if (this.ran !== undefined) return this.ran;
    return ctx.protocol === 'tcp' || this.relay?.tookOver ? null : blindJoinEstimate(ctx);
  }
}

export const synJoinRedirect: StrategyDefinition = {
  create: (params) => new SynJoinRedirect(params as Params),
  // Single-path TCP has no join to redirect; the same attacker's way into its stream is to inject into it.
  tcpCounterpart: (spec) => ({ attack: 'data-injection', params: { victim: 'server', atUs: (spec.params.atUs as number | undefined) ?? 100_000 } }),
  tcpEquivalentLabel: () => 'a data injection (single-path TCP has no joins to redirect)',
};
