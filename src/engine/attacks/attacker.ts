/**
 * One attacker in a run, enforcing its class (security-model.md §4):
 * - it sees packets only on its links, only while it holds its location
 *   (always when on-path, inside its window when partial-time, never when
 *   off-path), and learns from each one;
 * - an eavesdropper never sends, drops or rewrites;
 * - only an active attacker that sees a packet may drop or rewrite it;
 * - any active attacker may inject packets with any source address, where
 *   it sits; blind guesses count against its budget.
 * Its strategy asks; this object decides. Everything it does is a trace
 * event (host = its id) and an entry in `actions`.
 */
import type { Rng } from '../core/rng.ts';
import type { AddressHolder } from '../net/node.ts';
import type { Link, LinkTap, TapVerdict } from '../net/link.ts';
import type { Router } from '../net/router.ts';
import type { AttackerSpec } from '../scenario/types.ts';
import type { Simulation } from '../sim/simulation.ts';
import { decodePacket, type DecodedPacket } from '../wire/packet.ts';
import type { AttackerEvent, HostEvent } from '../sim/events.ts';
import { KnowledgeBase } from './knowledge.ts';
import { learnFromPacket } from './observe.ts';
import type { AttackContext, AttackStrategy, InjectOptions, ObservedPacket, PublicService } from './strategy.ts';
import type { GuessEstimate } from './blind-search.ts';
import { addressKey } from '../net/address-key.ts';
import { tcpView } from '../net/rewrite.ts';
import { formatIp, parseIp, type IpAddress } from '../wire/ip-address.ts';

/** Something an attacker did or decided, as it stands in the trace. */
export type AttackerAction = Extract<HostEvent, AttackerEvent>;

/** The first bytes of a payload the attacker saw, and where. */
export interface PayloadSample {
  packetId: number;
  timeUs: number;
  /** The whole payload's length. */
  length: number;
  bytes: Uint8Array;
}

/** Payload bytes kept per packet, and packets kept: enough to recognise application data, bounded for long runs. */
const SAMPLE_BYTES = 64;
const MAX_SAMPLES = 2048;

/** Where the attacker's packets can enter the network. */
export interface AttackerPlace {
  links: Link[];
  /** Hosts (engine hosts and, in a live run, real ones) and routers by id, to find which way a destination lies. */
  hosts: ReadonlyMap<string, AddressHolder>;
  routers: ReadonlyMap<string, Router>;
  /** The router its own address is reached through, when it has one. */
  home?: Router;
  services: readonly PublicService[];
  protocol: AttackContext['protocol'];
  /** The hosts run TLS (visible on the wire). */
  tls: boolean;
  mac: AttackContext['mac'];
  addAddrMac: AttackContext['addAddrMac'];
  statelessJoin: boolean;
}

export class Attacker implements LinkTap {
  readonly knowledge = new KnowledgeBase();
  readonly actions: AttackerAction[] = [];
  guessesUsed = 0;
  injected = 0;
  /** Every packet it sent itself (it does not learn from them when they pass its taps). */
  readonly sent = new Set<number>();
  /**
   * The payloads it saw (the first bytes of each, up to a bound), for the
   * eavesdropping monitor to compare with what the applications wrote.
   */
  readonly payloadsSeen: PayloadSample[] = [];
  /** The payloads it put on the wire (injected, guessed, relayed, rewritten), by packet id, up to a bound. */
  readonly payloadsSent = new Map<number, Uint8Array>();
  /** Packets of others it dropped or rewrote. */
  readonly touched = new Set<number>();
  /** Its blind guesses (the packets counted against its budget). */
  readonly guessed: number[] = [];
  /** Packets it saw (on its links in its window, or sent to its own address). */
  observed = 0;
  /** Bytes it sent, in all and to each destination address. */
  sentBytes = 0;
  readonly sentBytesTo = new Map<string, number>();
  readonly ctx: AttackContext;
  private readonly strategy: AttackStrategy;

  constructor(
    private readonly sim: Simulation,
    readonly spec: AttackerSpec,
    strategy: (ctx: AttackContext) => AttackStrategy,
    params: Record<string, unknown>,
    private readonly place: AttackerPlace,
  ) {
    const rng: Rng = sim.rng.fork(`attacker:${spec.id}`);
    this.ctx = {
      spec,
      params,
      services: place.services,
      protocol: place.protocol,
      mac: place.mac,
      addAddrMac: place.addAddrMac,
      statelessJoin: place.statelessJoin,
      knowledge: this.knowledge,
      rng,
      now: () => sim.now,
      later: (atUs, fn) => sim.at(atUs, fn),
      inject: (bytes, why, opts) => this.inject(bytes, why, opts ?? {}),
      act: (event, packets) => this.act(event, packets),
    };
    this.strategy = strategy(this.ctx);
    // Only locations that see packets tap their links.
    if (spec.location !== 'off-path') for (const l of place.links) l.taps.push(this);
    if (spec.address !== undefined && place.home) {
      const own = parseIp(spec.address);
      if (own) place.home.localDelivery.set(addressKey(own), (bytes, packetId) => this.receiveOwn(place.home!.id, bytes, packetId));
    }
  }

  /** A packet to its own address: it always sees those, and learns from them. */
  private receiveOwn(router: string, bytes: Uint8Array, packetId: number): void {
    const d = decodePacket(bytes);
    if (!d.ok || !d.value.tcp) return;
    learnFromPacket(this.knowledge, d.value, this.sim.now, packetId, this.place.tls);
    this.observed++;
    this.samplePayload(bytes, d.value, packetId);
    this.strategy.receive?.(this.ctx, { id: packetId, timeUs: this.sim.now, link: `${router} (own address)`, from: router, bytes, decoded: d.value });
  }

  get id(): string {
    return this.spec.id;
  }

  start(): void {
    const s = this.spec;
    this.act({ kind: 'attacker-placed', location: s.location, capability: s.capability, at: [...s.at], window: s.window ? { ...s.window } : null, attack: s.attack });
    if (s.window) {
      const w = s.window;
      const links = this.place.links.map((l) => l.id);
      this.sim.at(w.fromUs, () => this.act({ kind: 'attacker-arrives', links, untilUs: w.toUs }));
      this.sim.at(w.toUs, () => this.act({ kind: 'attacker-leaves', links }));
    }
    this.strategy.start?.(this.ctx);
  }

  describeClass(): string {
    const where = this.spec.location === 'partial-time-on-path' ? `partial-time on-path (${this.spec.window!.fromUs}–${this.spec.window!.toUs} µs)` : this.spec.location;
    return `${where} ${this.spec.capability} at ${this.spec.at.join(', ')}`;
  }

  /** Its strategy's blind search, with the chance its own budget had (null when the attack needs no guess). */
  expectedGuesses(): { guesses: number; formula: string; why: string; successWithinBudget: number } | null {
    const e: GuessEstimate | null = this.strategy.expectedGuesses?.(this.ctx) ?? null;
    return e && { guesses: e.guesses, formula: e.formula, why: e.why, successWithinBudget: e.successWithin(this.spec.guessBudget) };
  }

  /** Holds its location now: sees packets on its links. */
  seesPackets(now: number): boolean {
    const s = this.spec;
    if (s.location === 'off-path') return false;
    if (s.location === 'on-path') return true;
    const w = s.window!;
    return now >= w.fromUs && now < w.toUs;
  }

  onPacket(link: Link, from: 0 | 1, bytes: Uint8Array, packetId: number): TapVerdict {
    const now = this.sim.now;
    if (!this.seesPackets(now) || this.sent.has(packetId)) return { kind: 'pass' };
    const d = decodePacket(bytes);
    if (!d.ok || !d.value.tcp) return { kind: 'pass' };
    learnFromPacket(this.knowledge, d.value, now, packetId, this.place.tls);
    this.observed++;
    this.samplePayload(bytes, d.value, packetId);
    const p: ObservedPacket = { id: packetId, timeUs: now, link: link.id, from: link.ends[from]!.node.id, bytes, decoded: d.value };
    this.strategy.observe?.(this.ctx, p);
    if (this.spec.capability !== 'active' || !this.strategy.intercept) return { kind: 'pass' };
    const v = this.strategy.intercept(this.ctx, p);
    if (v.kind === 'drop') {
      this.act({ kind: 'attacker-drop', packet: packetId, link: link.id, note: v.why }, [packetId]);
      this.touched.add(packetId);
      return { kind: 'drop', reason: `attacker ${this.id}` };
    }
    if (v.kind === 'replace') {
      if (!v.quiet) this.act({ kind: 'attacker-modify', packet: packetId, link: link.id, note: v.why }, [packetId]);
      this.touched.add(packetId);
      this.notePayloadSent(packetId, v.bytes);
      return { kind: 'replace', bytes: v.bytes };
    }
    return { kind: 'pass' };
  }

  private samplePayload(bytes: Uint8Array, d: DecodedPacket, packetId: number): void {
    if (d.payloadLength === 0) return;
    const sample = { packetId, timeUs: this.sim.now, length: d.payloadLength, bytes: bytes.slice(d.payloadOffset, d.payloadOffset + Math.min(d.payloadLength, SAMPLE_BYTES)) };
    if (this.payloadsSeen.length < MAX_SAMPLES) this.payloadsSeen.push(sample);
  }

  private notePayloadSent(id: number, bytes: Uint8Array): void {
    if (this.payloadsSent.size >= MAX_SAMPLES) return;
    // Header lengths only: relays send thousands of packets, and this needs no more than where the payload starts.
    const v = tcpView(bytes);
    if (!v) return;
    const at = v.ipHeaderLength + (bytes[v.ipHeaderLength + 12]! >> 4) * 4;
    if (at < bytes.length) this.payloadsSent.set(id, bytes.slice(at, Math.min(bytes.length, at + SAMPLE_BYTES)));
  }

  private act(event: AttackerEvent, packets?: number[]): void {
    const a = { ...event, timeUs: this.sim.now, host: this.id, ...(packets ? { packets } : {}) } as AttackerAction;
    this.actions.push(a);
    this.sim.trace.event(a);
  }

  private inject(bytes: Uint8Array, why: string | (() => string), opts: InjectOptions): number | null {
    if (this.spec.capability !== 'active') return null;
    const guess = opts.guess ?? false;
    if (guess) {
      if (this.guessesUsed >= this.spec.guessBudget) {
        if (this.guessesUsed === this.spec.guessBudget) this.act({ kind: 'attacker-budget-spent', budget: this.spec.guessBudget });
        this.guessesUsed = this.spec.guessBudget + 1;
        return null;
      }
      this.guessesUsed++;
    }
    const dst = destinationOf(bytes);
    const route = dst ? (opts.fromHome ? this.routeFromHome(dst) : this.routeTo(dst)) : null;
    if (!route) {
      this.act({ kind: 'attacker-no-route', destination: dst ? formatIp(dst) : null, note: `from ${this.spec.at.join(', ')}: ${noteText(why)}` });
      return null;
    }
    const id = this.sim.packetId();
    this.injected++;
    this.sent.add(id);
    if (guess) this.guessed.push(id);
    this.sim.attackerPackets.add(id);
    this.sentBytes += bytes.length;
    this.notePayloadSent(id, bytes);
    const dk = addressKey(dst!);
    this.sentBytesTo.set(dk, (this.sentBytesTo.get(dk) ?? 0) + bytes.length);
    // A blind search sends up to its budget: the first guesses are logged one by one, the rest in the report's count.
    const logged = !opts.quiet && (!guess || this.guessesUsed <= LOGGED_GUESSES);
    if (logged) this.act(guess ? { kind: 'attacker-guess', packet: id, link: route.link.id, guess: this.guessesUsed, note: noteText(why) } : { kind: 'attacker-inject', packet: id, link: route.link.id, note: noteText(why) }, [id]);
    else if (guess && !opts.quiet && this.guessesUsed === LOGGED_GUESSES + 1) this.act({ kind: 'attacker-blind', note: `more guesses follow, one packet each, not logged one by one (the report counts them)` }, [id]);
    route.link.send(route.end, bytes, id, 'injected');
    return id;
  }

  /** From its own machine: out of its home router along the router's routes. */
  private routeFromHome(dst: IpAddress): { link: Link; end: 0 | 1 } | null {
    const home = this.place.home;
    const out = home?.routes.get(addressKey(dst));
    return home && out !== undefined ? home.ports[out]! : null;
  }

  /** The link (and the end it leaves from) that carries a packet to `dst` from where the attacker sits. */
  private routeTo(dst: IpAddress): { link: Link; end: 0 | 1 } | null {
    const key = addressKey(dst);
    // The topology does not change during a run: one lookup per destination.
    const known = this.routes.get(key);
    if (known !== undefined) return known;
    const found = this.findRoute(dst, key);
    this.routes.set(key, found);
    return found;
  }

  private readonly routes = new Map<string, { link: Link; end: 0 | 1 } | null>();

  private findRoute(dst: IpAddress, key: string): { link: Link; end: 0 | 1 } | null {
    const other = (end: 0 | 1): 0 | 1 => (end === 0 ? 1 : 0);
    // Best: a link whose end is the interface holding the address; then any link to the host that has it.
    for (const link of this.place.links) {
      for (const end of [0, 1] as const) {
        const at = link.ends[end]!;
        const host = this.place.hosts.get(at.node.id);
        if (host?.interfaces[at.iface]?.addresses.some((a) => addressKey(a) === key)) return { link, end: other(end) };
      }
    }
    for (const link of this.place.links) {
      for (const end of [0, 1] as const) {
        const host = this.place.hosts.get(link.ends[end]!.node.id);
        if (host?.ownsAddress(dst)) return { link, end: other(end) };
      }
      // Toward a router that forwards it onward (not back over this link): the router does the rest.
      for (const end of [0, 1] as const) {
        const router = this.place.routers.get(link.ends[end]!.node.id);
        const out = router?.routes.get(key);
        if (router && out !== undefined && router.ports[out]!.link !== link) return { link, end: other(end) };
      }
    }
    return null;
  }
}

/** The destination address of an IP packet it built: read off the header (a blind search sends thousands, so no full decode). */
const noteText = (why: string | (() => string)): string => (typeof why === 'string' ? why : why());

/** Guesses logged one by one; the rest are counted in the report, not logged (a budget may be millions). */
const LOGGED_GUESSES = 8;

function destinationOf(bytes: Uint8Array): IpAddress | null {
  const version = bytes.length > 0 ? bytes[0]! >> 4 : 0;
  if (version === 4 && bytes.length >= 20) return { family: 4, bytes: bytes.slice(16, 20) };
  if (version === 6 && bytes.length >= 40) return { family: 6, bytes: bytes.slice(24, 40) };
  return null;
}
