/**
 * The two "learn now, strike later" hijacks, which act the same way once
 * they know both keys of a connection: join it from the attacker's own
 * address and send data on that subflow (`OwnJoin`).
 *
 * - handshake-eavesdrop-hijack (RFC 7430 §5): the keys come from the initial
 *   handshake it watched; it joins at `atUs`.
 * - time-shifted-hijack (RFC 6181 §6.2): it acts `delayUs` after it left the
 *   path, with whatever it learned while there.
 *
 * Without both keys (off-path, it missed the handshake, or keys never
 * crossed the wire) it joins blindly (`BlindJoin`): the token, unless it
 * knows it, then the third-ACK HMAC, one real SYN+MP_JOIN and third ACK at
 * a time within its guess budget. Plain TCP has no joins: against the
 * single-path baseline it does nothing.
 */
import { hex64 } from '../../core/hex.ts';
import type { Out } from '../../scenario/schema-dsl.ts';
import type { AttackerSpec } from '../../scenario/types.ts';
import { parseIp, type IpAddress } from '../../wire/ip-address.ts';
import { BlindJoin, blindJoinEstimate, knownServerToken } from '../blind-join.ts';
import type { GuessEstimate } from '../blind-search.ts';
import type { HANDSHAKE_HIJACK_PARAMS, TIME_SHIFTED_PARAMS } from '../catalog.ts';
import { OwnJoin } from '../own-join.ts';
import type { AttackContext, AttackStrategy, ObservedPacket, StrategyDefinition } from '../strategy.ts';

class JoinWithKeys implements AttackStrategy {
  private join: OwnJoin | null = null;
  private blind: BlindJoin | null = null;
  /** The search it ran; null when it needed none; undefined before it struck. */
  private ran: GuessEstimate | null | undefined;

  constructor(
    private readonly text: string,
    private readonly spacingUs: number,
    private readonly when: (ctx: AttackContext) => number,
  ) {}

  start(ctx: AttackContext): void {
    const own = ctx.spec.address === undefined ? null : parseIp(ctx.spec.address);
    if (!own || ctx.protocol === 'tcp') return;
    ctx.later(this.when(ctx), () => this.strike(ctx, own));
  }

  receive(ctx: AttackContext, p: ObservedPacket): void {
    if (this.blind?.receive(p)) return;
    this.join?.receive(ctx, p);
  }

  private strike(ctx: AttackContext, own: IpAddress): void {
    const kb = ctx.knowledge;
    const payload = Uint8Array.from(this.text, (ch) => ch.charCodeAt(0));
    for (const [key, pair] of kb.keyPairs) {
      if (pair.client === undefined || pair.server === undefined) continue;
      const c = kb.connections.get(key);
      if (!c) continue;
      const { toServer } = kb.flowsOf(c);
      ctx.act({ kind: 'attacker-uses-keys', note: `knows both keys of ${key} (client ${hex64(pair.client)}, server ${hex64(pair.server)}): joins it from its own address as if it were the client` });
      this.ran = null;
      this.join = new OwnJoin(ctx, own, { peer: c.server, version: kb.versions.get(key) ?? 1, ownKey: pair.client, peerKey: pair.server, checksums: toServer?.checksums ?? false }, payload);
      this.join.open(ctx);
      return;
    }
    const keys = kb.facts.filter((f) => f.kind === 'key').length;
    this.ran = blindJoinEstimate(ctx);
    const what = `knows ${keys === 0 ? 'no key' : 'only one key'} of any connection, so it cannot compute a join HMAC`;
    this.blind = new BlindJoin(ctx, { own, payload, spacingUs: this.spacingUs, what }, knownServerToken(ctx));
    this.blind.start();
  }

  expectedGuesses(ctx: AttackContext): GuessEstimate | null {
    if (this.ran !== undefined) return this.ran;
    if (ctx.protocol === 'tcp') return null;
    const bothKeys = [...ctx.knowledge.keyPairs.values()].some((p) => p.client !== undefined && p.server !== undefined);
    return bothKeys ? null : blindJoinEstimate(ctx);
  }
}

/** Against single-path TCP there is no join: the same attacker injects its text into the stream instead, at the same moment. */
const injectInstead = (atUs: (spec: AttackerSpec) => number) => (spec: AttackerSpec) => ({
  attack: 'data-injection' as const,
  params: { victim: 'server', atUs: atUs(spec), text: (spec.params.text as string | undefined) ?? 'HIJACKED BY THE ATTACKER' },
});

export const handshakeEavesdropHijack: StrategyDefinition = {
  create: (params) => {
    const p = params as Out<typeof HANDSHAKE_HIJACK_PARAMS>;
    return new JoinWithKeys(p.text, p.spacingUs, () => p.atUs);
  },
  tcpCounterpart: injectInstead((spec) => (spec.params.atUs as number | undefined) ?? 200_000),
  tcpEquivalentLabel: () => 'a data injection (single-path TCP has no joins to hijack by)',
};

export const timeShiftedHijack: StrategyDefinition = {
  create: (params) => {
    const p = params as Out<typeof TIME_SHIFTED_PARAMS>;
    return new JoinWithKeys(p.text, p.spacingUs, (ctx) => (ctx.spec.window?.toUs ?? 0) + p.delayUs);
  },
  tcpCounterpart: injectInstead((spec) => (spec.window?.toUs ?? 0) + ((spec.params.delayUs as number | undefined) ?? 100_000)),
  tcpEquivalentLabel: () => 'a data injection (single-path TCP has no joins to hijack by)',
};
