/**
 * What an attacker-free run's capture shows of its first TCP handshake, for
 * tests that hand an attacker prior knowledge read off that run
 * (`AttackerSpec.prior`).
 */
import { fromHex } from '../core/hex.ts';
import type { RunResult } from '../runner/run-scenario.ts';
import { decodePacket } from '../wire/packet.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';

export interface Handshake {
  clientPort: number;
  /** Initial sequence numbers of the client's SYN and the server's SYN/ACK. */
  clientIss: number;
  serverIss: number;
}

/** The first SYN and SYN/ACK of a run recorded in full. */
export function firstHandshake(r: RunResult): Handshake {
  let syn: { port: number; seq: number } | null = null;
  let synAck: number | null = null;
  for (const p of r.packets) {
    const d = decodePacket(fromHex(p.hex));
    if (!d.ok || !d.value.tcp) continue;
    const h = d.value.tcp.header;
    if (!(h.flags & TCP_FLAG.SYN)) continue;
    if (h.flags & TCP_FLAG.ACK) synAck ??= h.seq >>> 0;
    else syn ??= { port: h.srcPort, seq: h.seq >>> 0 };
    if (syn && synAck !== null) return { clientPort: syn.port, clientIss: syn.seq, serverIss: synAck };
  }
  throw new Error('the run has no complete handshake');
}
