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
import type { KnownConnection } from './knowledge.ts';
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
  /** The sender's timestamps option, continued from what it saw (none when blind: the hosts do not enforce PAWS). */
  timestamps: TcpOption | null;
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
    timestamps: toVictim.tsVal !== null ? { kind: 'timestamps', tsval: (toVictim.tsVal + 1) >>> 0, tsecr: fromVictim?.tsVal ?? 0 } : null,
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
    timestamps: null,
    window: 502,
    seen: null,
  };
}

/** The segment's addresses and ports: toward the victim, from its peer. */
export function endsOf(t: SegmentTarget, p: SegmentPoint, victim: Victim): { src: IpAddress; dst: IpAddress; srcPort: number; dstPort: number } {
  return victim === 'client' ? { src: t.server.addr, dst: p.client, srcPort: t.server.port, dstPort: p.port } : { src: p.client, dst: t.server.addr, srcPort: p.port, dstPort: t.server.port };
}

/** What one guess holds, for its note: "198.18.1.1:40000, seq 123, ack 456". */
export function pointText(p: SegmentPoint): string {
  return `${formatEndpoint(p.client, p.port)}, seq ${p.seq}, ack ${p.ack}`;
}
