/**
 * SYN+MP_JOIN floods (RFC 7430 §3 and §4): many joins for one connection,
 * each from a spoofed source nobody answers from (so no RST ever clears the
 * server's half-open state). With a half-open limit the legitimate join
 * finds every slot taken (join-dos); without one the server keeps state
 * and computes an HMAC for every SYN (resource-exhaustion).
 *
 * join-dos needs the connection's token: it derives it from a key it read
 * or takes it from a join it saw; without one it guesses tokens (a blind
 * search over 2^32, or the candidates its prior names), which the server
 * refuses after a table lookup unless one is right. Spoofing its sources,
 * it never hears which.
 */
import { hex32 } from '../../core/hex.ts';
import { deriveFromKey } from '../../crypto/mptcp-crypto.ts';
import type { Out } from '../../scenario/schema-dsl.ts';
import { formatEndpoint, ipv4, parseIp, type IpAddress } from '../../wire/ip-address.ts';
import { TCP_FLAG } from '../../wire/tcp-header.ts';
import type { TcpOption } from '../../wire/tcp-options.ts';
import type { JOIN_FLOOD_PARAMS } from '../catalog.ts';
import { craftSegment } from '../craft.ts';
import type { Endpoint } from '../relay.ts';
import type { AttackContext, AttackStrategy, ObservedPacket, StrategyDefinition } from '../strategy.ts';
import { OwnConnection } from '../own-connection.ts';
import { tokenDim } from '../blind-dimensions.ts';
import { BlindSearch, searchEstimate, type GuessEstimate } from '../blind-search.ts';

type Params = Out<typeof JOIN_FLOOD_PARAMS>;

/** Spoofed sources: 198.19.255.0/24, where no host of any scenario lives. */
function spoofedSource(ctx: AttackContext): IpAddress {
  return ipv4(198, 19, 255, 1 + ctx.rng.below(254));
}

/** The server's token and address, from what it knows. */
export function knownJoinTarget(ctx: AttackContext): { token: number; server: Endpoint; how: string } | null {
  const kb = ctx.knowledge;
  for (const [key, pair] of kb.keyPairs) {
    const c = kb.connections.get(key);
    // Both keys seen means the third ACK went by: the server now accepts joins for the token.
    if (pair.server === undefined || pair.client === undefined || !c) continue;
    const token = deriveFromKey(kb.versions.get(key) ?? 1, pair.server).token;
    return { token, server: c.server, how: `the token ${hex32(token)} it derived from the server key it read` };
  }
  const tokenFact = kb.facts.find((f) => f.kind === 'token' && f.derivedFrom === undefined);
  if (tokenFact) {
    const c = kb.connections.get(tokenFact.about);
    if (c) return { token: parseInt(tokenFact.value, 16), server: c.server, how: `the token ${tokenFact.value} it saw in a join` };
  }
  return null;
}

class JoinFlood implements AttackStrategy {
  private flooded = false;

  constructor(protected readonly p: Params) {}

  /** From `atUs` on, as soon as it knows a token (at once, guessing, when it can never see one). */
  start(ctx: AttackContext): void {
    ctx.later(this.p.atUs, () => this.tryFlood(ctx));
    // A partial-time attacker that saw no token by the time it leaves floods with guesses then.
    const w = ctx.spec.window;
    if (w) ctx.later(Math.max(w.toUs, this.p.atUs), () => this.tryFlood(ctx));
  }

  observe(ctx: AttackContext): void {
    if (ctx.now() >= this.p.atUs) this.tryFlood(ctx);
  }

  private tryFlood(ctx: AttackContext): void {
    if (this.flooded) return;
    const known = ctx.protocol === 'tcp' ? null : knownJoinTarget(ctx);
    if (ctx.protocol === 'tcp') {
      // Nothing to learn first: the SYN flood needs only the public service.
      this.flooded = true;
      this.flood(ctx, null);
      return;
    }
    if (!known && ctx.spec.location !== 'off-path' && ctx.now() < (ctx.spec.window?.toUs ?? Infinity)) return; // it may still see one
    this.flooded = true;
    this.flood(ctx, known);
  }

  /** Floods one server with SYN+MP_JOIN for `known`'s token (guessed tokens when null). */
  protected flood(ctx: AttackContext, known: { token: number; server: Endpoint; how: string } | null): void {
    const service = ctx.services[0];
    const server = known?.server ?? (service ? { addr: service.server, port: service.port } : null);
    if (!server || this.p.count === 0) return;
    if (ctx.protocol === 'tcp') {
      synFlood(ctx, server, this.p);
      return;
    }
    ctx.act({ kind: 'attacker-flood', note: known ? `floods ${formatEndpoint(server.addr, server.port)} with ${this.p.count} SYN+MP_JOIN from spoofed sources, using ${known.how}` : `knows no token: floods ${formatEndpoint(server.addr, server.port)} with SYN+MP_JOIN carrying guessed tokens` });
    const guesses = known ? null : new BlindSearch({ token: tokenDim(ctx) }, ctx.rng);
    let i = 0;
    const next = () => {
      if (i >= this.p.count) return;
      const token = known ? known.token : guesses!.next()?.token;
      if (token === undefined) return;
      const bytes = spoofedSyn(ctx, server, () => [{ kind: 'mp-join-syn', backup: false, addressId: 1 + ctx.rng.below(8), token, nonce: ctx.rng.u32(), reserved: 0 }]);
      if (ctx.inject(bytes, `SYN+MP_JOIN ${i + 1}/${this.p.count} for token ${hex32(token)}`, { guess: !known, quiet: true }) === null) return;
      i++;
      ctx.later(ctx.now() + this.p.spacingUs, next);
    };
    next();
  }

  expectedGuesses(ctx: AttackContext): GuessEstimate | null {
    if (knownJoinTarget(ctx)) return null;
    const e = searchEstimate({ token: tokenDim({ ...ctx, rng: ctx.rng.fork('estimate') }) }, 'A SYN+MP_JOIN with an unknown token is refused after a table lookup: only the right one takes a half-open slot.');
    // The flood sends `count` joins at most, whatever the budget.
    return { ...e, successWithin: (budget) => e.successWithin(Math.min(budget, this.p.count)) };
  }
}

/**
 * RFC 7430 §4: the attacker opens a connection of its own to the server
 * (every client may), which gives it a valid token, then floods joins for
 * it from spoofed sources while keeping no state itself.
 */
class SynFloodAmplification extends JoinFlood {
  private conn: OwnConnection | null = null;

  override start(ctx: AttackContext): void {
    const own = ctx.spec.address === undefined ? null : parseIp(ctx.spec.address);
    const service = ctx.services[0];
    if (!own || !service) return;
    const server = { addr: service.server, port: service.port };
    if (ctx.protocol === 'tcp') {
      ctx.later(this.p.atUs, () => this.flood(ctx, null));
      return;
    }
    this.conn = new OwnConnection(ctx, own, server, ctx.protocol === 'mptcp-v0' ? 0 : 1, (token) =>
      ctx.later(Math.max(ctx.now(), this.p.atUs), () => this.flood(ctx, { token, server, how: `the token ${hex32(token)} of its own connection` })),
    );
    ctx.later(0, () => this.conn!.open(ctx));
  }

  receive(ctx: AttackContext, p: ObservedPacket): void {
    this.conn?.receive(ctx, p);
  }

  override expectedGuesses(): null {
    return null;
  }
}

/** A SYN from a spoofed source and an ephemeral port, with Linux's MSS and `extra` options (drawn after the header's numbers). */
function spoofedSyn(ctx: AttackContext, server: Endpoint, extra: () => TcpOption[]): Uint8Array {
  const src = spoofedSource(ctx);
  const srcPort = 32768 + ctx.rng.below(28232);
  const seq = ctx.rng.u32();
  return craftSegment({ src, dst: server.addr, srcPort, dstPort: server.port, seq, ack: 0, flags: TCP_FLAG.SYN, window: 65535, options: [{ kind: 'mss', mss: 1460 }, ...extra()] });
}

/**
 * The TCP equivalent of a join flood, for the single-path baseline: as many
 * plain SYNs to the service, from spoofed sources, at the same pace (RFC
 * 4987's SYN flood). Whether the server keeps state for them is up to it
 * (SYN cookies or not).
 */
function synFlood(ctx: AttackContext, server: Endpoint, p: Params): void {
  ctx.act({ kind: 'attacker-flood', note: `floods ${formatEndpoint(server.addr, server.port)} with ${p.count} SYNs from spoofed sources (single-path TCP has no joins: a SYN flood is the same attack)` });
  let i = 0;
  const next = () => {
    if (i >= p.count) return;
    const bytes = spoofedSyn(ctx, server, () => []);
    if (ctx.inject(bytes, `SYN ${i + 1}/${p.count}`, { quiet: true }) === null) return;
    i++;
    ctx.later(ctx.now() + p.spacingUs, next);
  };
  next();
}

export const synFloodAmplification: StrategyDefinition = {
  create: (params) => new SynFloodAmplification(params as Params),
  tcpEquivalentLabel: () => 'a SYN flood (the TCP equivalent of syn-flood-amplification)',
};

export const joinDos: StrategyDefinition = {
  create: (params) => new JoinFlood(params as Params),
  tcpEquivalentLabel: () => 'a SYN flood (the TCP equivalent of join-dos)',
};
