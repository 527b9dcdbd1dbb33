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
 * Without both keys (it missed the handshake, or keys never crossed the
 * wire) it cannot make the join HMAC and says so.
 */
import { hex64 } from '../../core/hex.ts';
import type { Out } from '../../scenario/schema-dsl.ts';
import { parseIp, type IpAddress } from '../../wire/ip-address.ts';
import type { HANDSHAKE_HIJACK_PARAMS, TIME_SHIFTED_PARAMS } from '../catalog.ts';
import { OwnJoin } from '../own-join.ts';
import type { AttackContext, AttackStrategy, ObservedPacket, StrategyDefinition } from '../strategy.ts';

class JoinWithKeys implements AttackStrategy {
  private join: OwnJoin | null = null;

  constructor(
    private readonly text: string,
    private readonly when: (ctx: AttackContext) => number,
  ) {}

  start(ctx: AttackContext): void {
    const own = ctx.spec.address === undefined ? null : parseIp(ctx.spec.address);
    if (!own) return;
    ctx.later(this.when(ctx), () => this.strike(ctx, own));
  }

  receive(ctx: AttackContext, p: ObservedPacket): void {
    this.join?.receive(ctx, p);
  }

  private strike(ctx: AttackContext, own: IpAddress): void {
    const kb = ctx.knowledge;
    for (const [key, pair] of kb.keyPairs) {
      if (pair.client === undefined || pair.server === undefined) continue;
      const c = kb.connections.get(key);
      if (!c) continue;
      const { toServer } = kb.flowsOf(c);
      ctx.act({ kind: 'attacker-uses-keys', note: `knows both keys of ${key} (client ${hex64(pair.client)}, server ${hex64(pair.server)}): joins it from its own address as if it were the client` });
      this.join = new OwnJoin(ctx, own, { peer: c.server, version: kb.versions.get(key) ?? 1, ownKey: pair.client, peerKey: pair.server, checksums: toServer?.checksums ?? false }, Uint8Array.from(this.text, (ch) => ch.charCodeAt(0)));
      this.join.open(ctx);
      return;
    }
    const keys = kb.facts.filter((f) => f.kind === 'key').length;
    ctx.act({ kind: 'attacker-gives-up', note: `knows ${keys === 0 ? 'no key' : 'only one key'} of any connection: without both it cannot compute a join HMAC` });
  }

  expectedGuesses(): { guesses: number; why: string } {
    return { guesses: 2 ** 32 * 2 ** 160, why: 'without the keys: 2^32 tokens × 2^160 third-ACK HMACs for a join the peer accepts' };
  }
}

export const handshakeEavesdropHijack: StrategyDefinition = {
  create: (params) => {
    const p = params as Out<typeof HANDSHAKE_HIJACK_PARAMS>;
    return new JoinWithKeys(p.text, () => p.atUs);
  },
};

export const timeShiftedHijack: StrategyDefinition = {
  create: (params) => {
    const p = params as Out<typeof TIME_SHIFTED_PARAMS>;
    return new JoinWithKeys(p.text, (ctx) => (ctx.spec.window?.toUs ?? 0) + p.delayUs);
  },
};
