/**
 * A join from the attacker's own address without the keys (RFC 8684
 * §3.2), the blind form of every hijack that adds a subflow: a
 * SYN+MP_JOIN needs the server connection's 32-bit token, and the third
 * ACK the 160-bit HMAC of both keys and both nonces.
 *
 * The server answers a SYN+MP_JOIN from the attacker's own address with a
 * SYN/ACK when the token is valid and a RST when it is not (mptcp/stack.ts):
 * an oracle, so it searches tokens first (unless it knows one: seen in a
 * join, or derived from the server's key) and HMACs after, and the two
 * searches add up instead of multiplying. Each HMAC guess takes a join of
 * its own: a wrong third ACK makes the server reset the subflow, so the
 * next guess starts with a new SYN+MP_JOIN carrying the token it found
 * (not a guess: it carries nothing guessed). Every answer reaches it at
 * its own address (`receive`); attempts run side by side, each on its own
 * port, `spacingUs` apart. Should a third ACK be accepted (the fourth ACK
 * arrives), it sends its data on the subflow as `OwnJoin` does.
 */
import { hex32 } from '../core/hex.ts';
import { deriveFromKey } from '../crypto/mptcp-crypto.ts';
import { formatEndpoint, formatIp, type IpAddress } from '../wire/ip-address.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import type { TcpOption } from '../wire/tcp-options.ts';
import { allValues, blindService, bytes160, EPHEMERAL_COUNT, EPHEMERAL_LOW, tokenDim } from './blind-dimensions.ts';
import { BlindSearch, factorsText, paced, searchEstimate, sequentialEstimate, type Dimension, type GuessEstimate } from './blind-search.ts';
import { craftSegment } from './craft.ts';
import { expandDataAck, joinAckOption, sendForgedData } from './own-join.ts';
import type { Endpoint } from './relay.ts';
import type { AttackContext, ObservedPacket } from './strategy.ts';

/** A token it need not guess, and the server end it belongs to. */
export interface KnownToken {
  token: number;
  server: Endpoint;
  how: string;
}

/** The server's token from what it saw: derived from the server's key, or read in a join toward the server. */
export function knownServerToken(ctx: AttackContext): KnownToken | null {
  const kb = ctx.knowledge;
  for (const [key, pair] of kb.keyPairs) {
    const c = kb.connections.get(key);
    if (pair.server === undefined || !c) continue;
    const token = deriveFromKey(kb.versions.get(key) ?? 1, pair.server).token;
    return { token, server: c.server, how: `derived from the server key it read` };
  }
  // A SYN+MP_JOIN carries the receiver's token: the server's, for a join the client opened.
  const seen = kb.facts.find((f) => f.kind === 'token' && f.derivedFrom === undefined);
  const c = seen && kb.connections.get(seen.about);
  return seen && c ? { token: parseInt(seen.value, 16) >>> 0, server: c.server, how: 'read in a join it saw' } : null;
}

const HMAC_LABEL = 'third-ACK HMACs (RFC 8684 §3.2: the leftmost 160 bits of an HMAC keyed with both keys)';
const TOKEN_NOTE = 'a SYN+MP_JOIN gets a SYN/ACK for a valid token and a RST for an unknown one, so the searches add; each HMAC guess also takes a SYN+MP_JOIN with the token found, not counted as a guess';

/** What a blind join costs from what it knows: tokens then HMACs, or HMACs alone when it knows the token. */
export function blindJoinEstimate(ctx: AttackContext): GuessEstimate {
  const quiet = { ...ctx, rng: ctx.rng.fork('estimate') };
  const hmac = { hmac: allValues(quiet, 160, HMAC_LABEL) };
  if (knownServerToken(ctx)) return searchEstimate(hmac, 'It knows the token, so the server answers its SYN+MP_JOIN, but the third ACK must carry the HMAC of both keys, which it never read.');
  return sequentialEstimate({ token: tokenDim(quiet) }, hmac, 'A join needs the token, which the server confirms or refuses one SYN+MP_JOIN at a time, then the 160-bit third-ACK HMAC of keys it never read.', TOKEN_NOTE);
}

interface Attempt {
  port: number;
  isn: number;
  peerIsn: number;
  nonce: number;
  token: number;
  tokenGuessed: boolean;
  /** A guess of the budget is held for its third ACK. */
  promised: boolean;
  phase: 'syn-sent' | 'ack-sent';
}

export interface BlindJoinSpec {
  own: IpAddress;
  /** The bytes it puts into the connection once joined; null to put none. */
  payload: Uint8Array | null;
  spacingUs: number;
  /** What it lacked, for its notes. */
  what: string;
}

export class BlindJoin {
  private readonly server: Endpoint;
  private token: number | null;
  private tokens: BlindSearch<{ token: number }> | null;
  private readonly hmacs: BlindSearch<{ hmac: bigint }>;
  private readonly attempts = new Map<number, Attempt>();
  private nextPort: number;
  /** Guesses sent, and attempts with a known token waiting to spend one on their third ACK. */
  private guessesSent = 0;
  private reserved = 0;
  private hmacSyns = 0;
  private idle = false;
  /** How it came to know the token, when it did. */
  private readonly how: string | null;
  joined = false;

  constructor(
    private readonly ctx: AttackContext,
    private readonly spec: BlindJoinSpec,
    known: KnownToken | null,
  ) {
    const service = blindService(ctx);
    this.server = known?.server ?? (service ? { addr: service.server, port: service.port } : { addr: spec.own, port: 0 });
    this.token = known?.token ?? null;
    this.tokens = known ? null : new BlindSearch({ token: tokenDim(ctx) }, ctx.rng);
    const hmacDim: Dimension<bigint> = allValues(ctx, 160, HMAC_LABEL);
    this.hmacs = new BlindSearch({ hmac: hmacDim }, ctx.rng);
    this.nextPort = ctx.rng.below(EPHEMERAL_COUNT);
    this.how = known?.how ?? null;
  }

  start(): void {
    const { ctx, spec } = this;
    if (ctx.spec.guessBudget === 0 || this.server.port === 0) {
      ctx.act({ kind: 'attacker-gives-up', note: `${spec.what}; a blind join takes guesses, and its guess budget is ${ctx.spec.guessBudget}` });
      return;
    }
    if (this.token !== null) ctx.act({ kind: 'attacker-blind', note: `${spec.what}; it knows the token ${hex32(this.token)} (${this.how}) and guesses the third ACK's HMAC, ${factorsText(this.hmacs.dims)}, one join each` });
    else ctx.act({ kind: 'attacker-blind', note: `${spec.what}; it guesses the token with SYN+MP_JOIN from ${formatIp(spec.own)} to ${formatEndpoint(this.server.addr, this.server.port)} (${factorsText(this.tokens!.dims)}), then the third ACK's HMAC (${factorsText(this.hmacs.dims)})` });
    this.run();
  }

  private run(): void {
    this.idle = false;
    paced(this.ctx, this.spec.spacingUs, () => this.step());
  }

  /** One attempt: a SYN+MP_JOIN with the next guessed token, or with the token it knows when it has a guess left for the third ACK. */
  private step(): boolean {
    const ctx = this.ctx;
    if (this.joined) return false;
    if (this.token === null) {
      const p = this.tokens!.next();
      if (p) return this.open(p.token, true);
      // Every candidate is out: wait for the answers still coming (`settle` gives up when none is left).
      this.idle = true;
      this.settleTokens();
      return false;
    }
    if (this.hmacs.exhausted || this.hmacSyns >= 2 * ctx.spec.guessBudget) return false;
    if (this.guessesSent + this.reserved >= ctx.spec.guessBudget) {
      // Every guess left is promised to an attempt in flight; a refused one gives its guess back (`settle`).
      this.idle = true;
      return false;
    }
    this.hmacSyns++;
    return this.open(this.token, false);
  }

  /** The next free port of the ephemeral range, from a random start (every port busy: the next one). */
  private allocatePort(): number {
    for (let i = 0; i < EPHEMERAL_COUNT; i++) {
      const port = EPHEMERAL_LOW + this.nextPort;
      this.nextPort = (this.nextPort + 1) % EPHEMERAL_COUNT;
      if (!this.attempts.has(port)) return port;
    }
    return EPHEMERAL_LOW + this.nextPort;
  }

  private open(token: number, guessed: boolean): boolean {
    const ctx = this.ctx;
    const port = this.allocatePort();
    const a: Attempt = { port, isn: ctx.rng.u32(), peerIsn: 0, nonce: ctx.rng.u32(), token, tokenGuessed: guessed, promised: !guessed, phase: 'syn-sent' };
    const options: TcpOption[] = [{ kind: 'mss', mss: 1460 }, { kind: 'mp-join-syn', backup: false, addressId: 7, token, nonce: a.nonce, reserved: 0 }];
    const note = guessed ? `SYN+MP_JOIN with a guessed token ${hex32(token)}` : `SYN+MP_JOIN with the token ${hex32(token)}, for its next HMAC guess`;
    if (this.send(a, a.isn, 0, TCP_FLAG.SYN, options, note, guessed) === null) return false;
    if (guessed) this.guessesSent++;
    else this.reserved++;
    this.attempts.set(port, a);
    return true;
  }

  /** A packet to its own address; false when it belongs to none of its attempts. */
  receive(p: ObservedPacket): boolean {
    const ctx = this.ctx;
    const h = p.decoded.tcp!.header;
    const a = this.attempts.get(h.dstPort);
    if (!a || h.srcPort !== this.server.port) return false;
    if (h.flags & TCP_FLAG.RST) {
      // syn-sent: the token is unknown (or the server keeps no more half-open joins); ack-sent: the HMAC was wrong.
      this.settle(a);
      return true;
    }
    if (a.phase === 'syn-sent' && h.flags & TCP_FLAG.SYN && h.flags & TCP_FLAG.ACK) {
      if (!h.options.some((o) => o.kind === 'mp-join-syn-ack')) {
        ctx.act({ kind: 'attacker-join-refused', packet: p.id }, [p.id]);
        this.settle(a);
        return true;
      }
      if (this.token === null) {
        this.token = a.token;
        ctx.act({ kind: 'attacker-blind', note: `the server answered the token ${hex32(a.token)} with a SYN/ACK: it belongs to a connection; now the third ACK's HMAC` }, [p.id]);
        if (this.idle) ctx.later(ctx.now(), () => this.run());
      }
      this.release(a);
      const guess = this.hmacs.next();
      if (!guess) return this.settle(a);
      a.phase = 'ack-sent';
      a.peerIsn = h.seq;
      const id = this.send(a, a.isn + 1, h.seq + 1, TCP_FLAG.ACK, [joinAckOption(ctx, bytes160(guess.hmac), a.token, a.nonce)], 'third ACK with a guessed HMAC', true);
      if (id === null) return this.settle(a);
      this.guessesSent++;
      return true;
    }
    if (a.phase === 'ack-sent' && !(h.flags & TCP_FLAG.SYN)) {
      const dss = h.options.find((o) => o.kind === 'dss');
      if (!dss || dss.dataAck === undefined) return true;
      // The fourth ACK: the server took its guessed HMAC.
      this.joined = true;
      this.attempts.delete(a.port);
      ctx.act({ kind: 'attacker-join-accepted', packet: p.id }, [p.id]);
      if (this.spec.payload) sendForgedData(ctx, { own: this.spec.own, port: a.port, peer: this.server, isn: a.isn, peerIsn: a.peerIsn, checksums: false, note: ' (joined with a guessed HMAC)' }, this.spec.payload, dss.dataAck64 ? dss.dataAck : expandDataAck(ctx, dss.dataAck));
      return true;
    }
    return true;
  }

  /** Its third ACK is due: the guess held for it is no longer held. */
  private release(a: Attempt): void {
    if (!a.promised) return;
    a.promised = false;
    this.reserved--;
  }

  /** An attempt is over without a join: a guess held for it goes back, and an idle search resumes. */
  private settle(a: Attempt): boolean {
    this.attempts.delete(a.port);
    const held = a.promised;
    this.release(a);
    if (held && this.idle && !this.joined) this.run();
    if (a.tokenGuessed) this.settleTokens();
    return true;
  }

  /** Every candidate token tried and answered, none taken: nothing left to try. */
  private settleTokens(): void {
    if (this.token !== null || !this.tokens?.exhausted || [...this.attempts.values()].some((x) => x.tokenGuessed)) return;
    this.tokens = null;
    this.ctx.act({ kind: 'attacker-gives-up', note: `${this.spec.what}; the server refused every token it had in mind` });
  }

  private send(a: Attempt, seq: number, ack: number, flags: number, options: TcpOption[], note: string, guess: boolean): number | null {
    const bytes = craftSegment({ src: this.spec.own, dst: this.server.addr, srcPort: a.port, dstPort: this.server.port, seq, ack, flags, window: 65535, options });
    return this.ctx.inject(bytes, note, { fromHome: true, guess });
  }
}
