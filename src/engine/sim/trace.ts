/**
 * What a run leaves behind: every packet on every link with its fate, and
 * the decisions hosts took, in order. A digest over all of it fingerprints
 * the run (same scenario + seed ⇒ same digest, in Node and in a browser).
 * In 'digest' mode (benchmarks) packet bytes are hashed but not kept.
 */
import { StreamDigest } from '../core/digest.ts';

export type PacketFate = 'delivered' | 'dropped' | 'modified' | 'injected';

export interface PacketRecord {
  id: number;
  timeUs: number;
  link: string;
  /** Node that put it on the link, and the node at the other end. */
  from: string;
  to: string;
  length: number;
  fate: PacketFate;
  /** Why it was dropped: 'queue', 'loss', 'mtu', 'link-down', 'ttl', ... */
  reason?: string;
  /** Present in 'full' mode. */
  bytes?: Uint8Array;
}

export interface HostEvent {
  timeUs: number;
  host: string;
  /** A stable kind for filtering: 'tcp-state', 'mptcp-join-rejected', 'add-addr-ignored', ... */
  kind: string;
  /** One sentence for people. */
  text: string;
  /** Packet ids the decision was about. */
  packets?: number[];
}

/** 'full' keeps packets, 'digest' hashes them, 'count' only counts them (sweeps, which need neither). */
export type TraceMode = 'full' | 'digest' | 'count';

export class TraceRecorder {
  readonly packets: PacketRecord[] = [];
  readonly events: HostEvent[] = [];
  private readonly digest = new StreamDigest();
  packetCount = 0;
  bytesOnLinks = 0;

  constructor(readonly mode: TraceMode = 'full') {}

  packet(rec: PacketRecord, bytes: Uint8Array): void {
    this.packetCount++;
    this.bytesOnLinks += bytes.length;
    if (this.mode === 'count') return;
    const d = this.digest;
    d.word(rec.timeUs).word(rec.id).text(rec.link).word(rec.fate.length).bytes(bytes);
    if (this.mode === 'full') {
      rec.bytes = bytes;
      this.packets.push(rec);
    }
  }

  event(e: HostEvent): void {
    if (this.mode !== 'count') this.digest.word(e.timeUs).text(e.host).text(e.kind).text(e.text);
    this.events.push(e);
  }

  digestHex(): string {
    return this.mode === 'count' ? '' : this.digest.hex();
  }
}
