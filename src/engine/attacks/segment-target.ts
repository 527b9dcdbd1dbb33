/**
 * Where a forged segment goes and with which numbers: a subflow toward the
 * victim, as its peer would send. Each value is a dimension of a blind
 * search (`blind-search.ts`): one value when the attacker saw the subflow
 * (the numbers it saw last), the candidates of `blind-dimensions.ts` when
 * it did not. The strategy adds what else its packet needs (an HMAC, a
 * key, a DSS mapping) and runs the search; whatever is known costs nothing.
 */
import { formatEndpoint, type IpAddress } from '../wire/ip-address.ts';
import type { TcpOption } from '../wire/tcp-options.ts';
import { acceptableAckDim, blindService, clientAddressDim, clientPortDim, exactSeqDim, fixed, inWindowSeqDim } from './blind-dimensions.ts';
import type { Dimensions } from './blind-search.ts';
import type { FlowView, KnownConnection } from './knowledge.ts';
import type { Endpoint } from './relay.ts';
import type { AttackContext } from './strategy.ts';

export type Victim = 'client' | 'server';

/** The four-tuple's unknowns and the two sequence numbers. */
export interface SegmentPoint {
  client: IpAddress;
  port: number;
  seq: number;
  ack: number;
}

export interface SegmentTarget {
  /** The server end of the subflow. */
  server: Endpoint;
  dims: Dimensions<SegmentPoint>;
  /**
   * The sender's timestamps option at a time, continued from what it saw
   * (none when blind: a segment without timestamps is not checked by PAWS).
   */
  timestampsAt(nowUs: number): TcpOption | null;
  /** The window the sender advertised last (a plausible one when blind). */
  window: number;
  /** The subflow it saw, when it saw one. */
  seen: KnownConnection | null;
}

/** The subflow it saw: every value known, the latest it saw. */
export function seenTarget(ctx: AttackContext, c: KnownConnection, victim: Victim): SegmentTarget {
  const { toServer, toClient } = ctx.knowledge.flowsOf(c);
  const toVictim = victim === 'client' ? toClient! : toServer!;
  const fromVictim = victim === 'client' ? toServer : toClient;
  const seen = `seen at ${toVictim.lastSeenUs} µs`;
  return {
    server: c.server,
    dims: {
      client: fixed(c.client.addr, `client ${formatEndpoint(c.client.addr, c.client.port)} (seen)`),
      port: fixed(c.client.port, 'its port (seen)'),
      seq: fixed(toVictim.nextSeq, `sequence number ${toVictim.nextSeq} (${seen})`),
      ack: fixed(fromVictim?.nextSeq ?? toVictim.ack, `ACK number ${fromVictim?.nextSeq ?? toVictim.ack} (${seen})`),
    },
    timestampsAt: (nowUs) => continuedTimestamps(toVictim, fromVictim, nowUs),
    window: toVictim.window,
    seen: c,
  };
}

/**
 * The first advertised service's subflow, unseen: client address, port,
 * sequence number (in the window, or exactly RCV.NXT for a RST) and ACK
 * number to guess, narrowed by what it knew before the run. Null when no
 * service is advertised.
 */
export function blindTarget(ctx: AttackContext, seq: 'in-window' | 'exact'): SegmentTarget | null {
  const service = blindService(ctx);
  if (!service) return null;
  return {
    server: { addr: service.server, port: service.port },
    dims: { client: clientAddressDim(ctx, service), port: clientPortDim(ctx), seq: seq === 'exact' ? exactSeqDim(ctx) : inWindowSeqDim(ctx), ack: acceptableAckDim(ctx) },
    timestampsAt: () => null,
    window: 502,
    seen: null,
  };
}

/**
 * The timestamps option the sender of `f` would put on a segment now: its
 * last TSval moved on by the milliseconds since (Linux's timestamp clock
 * ticks every millisecond, and so does the engine's), echoing the other
 * direction's. A TSval left where it was seen falls behind the victim's
 * TS.Recent as soon as the real peer sends again, and PAWS (RFC 7323 §5.3)
 * drops it; a TSval is no secret from one that saw the connection. A TSval
 * seen only on a SYN/ACK cannot be continued: a SYN-cookie SYN/ACK's is up
 * to 63 ticks behind the clock (its low 6 bits hold options), so the segment
 * goes without timestamps, which PAWS does not check (as in Linux).
 */
export function continuedTimestamps(f: FlowView, back: FlowView | undefined, nowUs: number): TcpOption | null {
  if (f.tsVal === null || f.tsOnSyn) return null;
  const ticks = Math.floor(nowUs / 1000) - Math.floor(f.lastSeenUs / 1000);
  return { kind: 'timestamps', tsval: (f.tsVal + Math.max(0, ticks)) >>> 0, tsecr: back?.tsVal ?? 0 };
}

/** An option that may be absent, as a list to spread. */
export function optionList(o: TcpOption | null): TcpOption[] {
  return o ? [o] : [];
}

/** The segment's addresses and ports: toward the victim, from its peer. */
export function endsOf(t: SegmentTarget, p: SegmentPoint, victim: Victim): { src: IpAddress; dst: IpAddress; srcPort: number; dstPort: number } {
  return victim === 'client' ? { src: t.server.addr, dst: p.client, srcPort: t.server.port, dstPort: p.port } : { src: p.client, dst: t.server.addr, srcPort: p.port, dstPort: t.server.port };
}

/** What one guess holds, for its note: "198.18.1.1:40000, seq 123, ack 456". */
export function pointText(p: SegmentPoint): string {
  return `${formatEndpoint(p.client, p.port)}, seq ${p.seq}, ack ${p.ack}`;
}
