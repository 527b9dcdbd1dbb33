/**
 * Scripted packet-by-packet exchanges with one TCP endpoint (DESIGN.md §7,
 * quinn-proto's `Pair` idea): feed it segments built from templates, read
 * back what it sent, assert its state after each step.
 */
import type { TcpEvent } from '../sim/events.ts';
import { TcpEndpoint } from '../tcp/tcp-endpoint.ts';
import type { ChallengeAckBudget } from '../tcp/challenge-ack-limit.ts';
import { DEFAULT_TCP_CONFIG, type TcpConfig, type TcpUpper, type TcpUpperEvent } from '../tcp/types.ts';
import { serviceEndpoint } from '../tcp/dispatch-events.ts';
import { buildTcpPacket } from '../wire/build-tcp-packet.ts';
import { ipv4 } from '../wire/ip-address.ts';
import { decodePacket, type DecodedPacket } from '../wire/packet.ts';
import type { TcpHeader } from '../wire/tcp-header.ts';
import type { TcpOption } from '../wire/tcp-options.ts';

export const LOCAL = ipv4(198, 18, 1, 1);
export const REMOTE = ipv4(198, 18, 2, 2);

/** An upper that records the data and the close reason it was given, and every event in order. */
export function recordingUpper(overrides: Partial<TcpUpper> = {}): TcpUpper & { received: Uint8Array[]; closedWith: string | null; seen: TcpUpperEvent[] } {
  const rec = {
    received: [] as Uint8Array[],
    closedWith: null as string | null,
    seen: [] as TcpUpperEvent[],
    options: () => [],
    pull: () => null,
    handle: (_ep: TcpEndpoint, e: TcpUpperEvent) => {
      rec.seen.push(e);
      if (e.kind === 'data') rec.received.push(e.payload.slice());
      else if (e.kind === 'closed') rec.closedWith = e.reason;
    },
    receiveSpace: () => 65535 * 128,
    dataOptionBytes: () => 0,
    ...overrides,
  };
  return rec;
}

export class TcpHarness {
  readonly ep: TcpEndpoint;
  readonly events: TcpEvent[] = [];
  now = 0;

  constructor(upper: TcpUpper = recordingUpper(), iss = 1000, opts: { config?: Partial<TcpConfig>; challengeBudget?: ChallengeAckBudget } = {}) {
    this.ep = new TcpEndpoint({
      challengeBudget: opts.challengeBudget,
      localAddr: LOCAL,
      localPort: 40000,
      remoteAddr: REMOTE,
      remotePort: 8080,
      iss,
      config: { ...DEFAULT_TCP_CONFIG, ...opts.config },
      upper,
      events: (e) => this.events.push(e),
      ipId: () => 1,
    });
  }

  /** What the endpoint sent since last asked, decoded. */
  sent(): DecodedPacket[] {
    return this.ep.takeOutput().map((b) => {
      const d = decodePacket(b);
      if (!d.ok) throw d.error;
      return d.value;
    });
  }

  /** Feeds a segment from the peer. */
  deliver(seg: PeerSegment, atUs = this.now): boolean {
    this.now = atUs;
    const p = this.decoded(seg);
    const accepted = this.ep.handleSegment(atUs, p.header, p.payload, 1);
    serviceEndpoint(this.ep, atUs);
    return accepted;
  }

  /** Fires the endpoint's due timers at `atUs`, as a host would, and lets it send. */
  timeout(atUs: number): void {
    this.now = atUs;
    this.ep.handleTimeout(atUs);
    serviceEndpoint(this.ep, atUs);
  }

  /** Passive open: the endpoint accepts the peer's SYN (as a listener would hand it over) and answers it. */
  acceptSyn(seg: PeerSegment, atUs = this.now): void {
    this.now = atUs;
    this.ep.acceptSyn(atUs, this.decoded(seg).header);
    serviceEndpoint(this.ep, atUs);
  }

  private decoded(seg: PeerSegment): { header: TcpHeader; payload: Uint8Array } {
    const payload = seg.payload ?? new Uint8Array(0);
    const bytes = buildTcpPacket({
      src: REMOTE,
      dst: LOCAL,
      srcPort: 8080,
      dstPort: 40000,
      seq: seg.seq >>> 0,
      ack: (seg.ack ?? 0) >>> 0,
      flags: seg.flags,
      window: seg.window ?? 65535,
      options: seg.options ?? [],
      payloadLength: payload.length,
      fillPayload: (b, at) => b.set(payload, at),
      ipId: 2,
      ttl: 64,
    });
    const d = decodePacket(bytes);
    if (!d.ok) throw d.error;
    const p = d.value;
    return { header: p.tcp!.header, payload: bytes.subarray(p.payloadOffset) };
  }
}

/** A segment from the scripted peer. */
export interface PeerSegment {
  seq: number;
  ack?: number;
  flags: number;
  window?: number;
  options?: TcpOption[];
  payload?: Uint8Array;
}
