/**
 * An MPTCP connection the attacker opens legitimately from its own address
 * (RFC 7430 §4: "open one session legitimately"): SYN with MP_CAPABLE, the
 * server's key from the SYN/ACK, the third ACK with both keys. It keeps
 * nothing else; what it gets is the connection's token.
 */
import { hex32, hex64 } from '../core/hex.ts';
import { deriveFromKey, type MptcpVersion } from '../crypto/mptcp-crypto.ts';
import { formatEndpoint, type IpAddress } from '../wire/ip-address.ts';
import { MPC_FLAG } from '../wire/mptcp/types.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import type { TcpOption } from '../wire/tcp-options.ts';
import { craftSegment } from './craft.ts';
import type { Endpoint } from './relay.ts';
import type { AttackContext, ObservedPacket } from './strategy.ts';

export class OwnConnection {
  private readonly isn: number;
  private readonly port: number;
  private readonly key: bigint;
  token: number | null = null;

  constructor(
    ctx: AttackContext,
    private readonly own: IpAddress,
    private readonly server: Endpoint,
    private readonly version: MptcpVersion,
    private readonly established: (token: number) => void,
  ) {
    this.isn = ctx.rng.u32();
    this.port = 32768 + ctx.rng.below(28232);
    this.key = ctx.rng.u64();
  }

  open(ctx: AttackContext): void {
    const mpc: TcpOption = this.version === 1 ? { kind: 'mp-capable', version: 1, flags: MPC_FLAG.H } : { kind: 'mp-capable', version: 0, flags: MPC_FLAG.H, senderKey: this.key };
    this.send(ctx, this.isn, 0, TCP_FLAG.SYN, [{ kind: 'mss', mss: 1460 }, mpc], `opens its own MPTCP v${this.version} connection to ${formatEndpoint(this.server.addr, this.server.port)}, as any client may`);
  }

  /** A packet to its own address; false when it is not for this connection. */
  receive(ctx: AttackContext, p: ObservedPacket): boolean {
    const h = p.decoded.tcp!.header;
    if (h.dstPort !== this.port || this.token !== null) return h.dstPort === this.port;
    const mpc = h.options.find((o) => o.kind === 'mp-capable');
    if (!(h.flags & TCP_FLAG.SYN && h.flags & TCP_FLAG.ACK) || !mpc || mpc.senderKey === undefined) return true;
    const serverKey = mpc.senderKey;
    this.token = deriveFromKey(this.version, serverKey).token;
    this.send(ctx, this.isn + 1, h.seq + 1, TCP_FLAG.ACK, [{ kind: 'mp-capable', version: this.version, flags: MPC_FLAG.H, senderKey: this.key, receiverKey: serverKey }], `third ACK with its key ${hex64(this.key)} and the server's ${hex64(serverKey)}: the connection's token is ${hex32(this.token)}`);
    this.established(this.token);
    return true;
  }

  private send(ctx: AttackContext, seq: number, ack: number, flags: number, options: TcpOption[], why: string): void {
    const bytes = craftSegment({ src: this.own, dst: this.server.addr, srcPort: this.port, dstPort: this.server.port, seq, ack, flags, window: 65535, options });
    ctx.inject(bytes, why, { fromHome: true });
  }
}
