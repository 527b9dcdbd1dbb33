/**
 * What a run leaves behind: every packet on every link with its fate, and
 * the decisions hosts took, in order. A digest over all of it fingerprints
 * the run (same scenario + seed ⇒ same digest, in Node and in a browser).
 * In 'digest' mode (benchmarks) packet bytes are hashed but not kept.
 *
 * The digest (version `DIGEST_VERSION`) covers, for every packet: its id,
 * time, link, the nodes it left and reached, its fate and drop reason, and
 * every byte; for every event: its time, actor, packets and each structured
 * field by name, but not prose (`PROSE_FIELDS`), so rewording a sentence
 * changes no digest while any change of behaviour does.
 */
import { StreamDigest } from '../core/digest.ts';
import { PROSE_FIELDS, type HostEvent } from './events.ts';

export type { HostEvent } from './events.ts';

export type PacketFate = 'delivered' | 'dropped' | 'modified' | 'injected';

/** Bump when what the digest covers changes (goldens are then regenerated once). */
export const DIGEST_VERSION = 2;

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

/** 'full' keeps packets, 'digest' hashes them, 'count' only counts them (sweeps, which need neither). */
export type TraceMode = 'full' | 'digest' | 'count';

export class TraceRecorder {
  readonly packets: PacketRecord[] = [];
  readonly events: HostEvent[] = [];
  private readonly digest = new StreamDigest().word(DIGEST_VERSION);
  packetCount = 0;
  bytesOnLinks = 0;

  constructor(readonly mode: TraceMode = 'full') {}

  packet(rec: PacketRecord, bytes: Uint8Array): void {
    this.packetCount++;
    this.bytesOnLinks += bytes.length;
    if (this.mode === 'count') return;
    this.digest.word(1).word(rec.timeUs).word(rec.id).text(rec.link).text(rec.from).text(rec.to).text(rec.fate).text(rec.reason ?? '').bytes(bytes);
    if (this.mode === 'full') {
      rec.bytes = bytes;
      this.packets.push(rec);
    }
  }

  event(e: HostEvent): void {
    if (this.mode !== 'count') digestEvent(this.digest.word(2), e);
    this.events.push(e);
  }

  digestHex(): string {
    return this.mode === 'count' ? '' : this.digest.hex();
  }
}

/** Mixes an event's fields in by name, in sorted order, leaving prose out. */
function digestEvent(d: StreamDigest, e: HostEvent): void {
  const keys = Object.keys(e).sort();
  for (const k of keys) {
    if (PROSE_FIELDS.has(k)) continue;
    d.text(k);
    digestValue(d, (e as unknown as Record<string, unknown>)[k]);
  }
  d.word(keys.length);
}

function digestValue(d: StreamDigest, v: unknown): void {
  if (v === null || v === undefined) d.word(0);
  else if (typeof v === 'number') {
    if (Number.isInteger(v) && Math.abs(v) < 2 ** 31) d.word(1).word(v);
    else d.word(2).text(String(v));
  } else if (typeof v === 'string') d.word(3).text(v);
  else if (typeof v === 'boolean') d.word(v ? 4 : 5);
  else if (typeof v === 'bigint') d.word(6).text(v.toString());
  else if (Array.isArray(v)) {
    d.word(7).word(v.length);
    for (const x of v) digestValue(d, x);
  } else if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).sort();
    d.word(8).word(keys.length);
    for (const k of keys) {
      d.text(k);
      digestValue(d, o[k]);
    }
  }
}
