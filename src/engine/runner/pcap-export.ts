/**
 * A run's packets as a classic pcap file Wireshark reads: raw IP link type,
 * simulation time as timestamps (µs, from the Unix epoch so tools show
 * 1970-01-01 plus the run's time), every packet seen on every link (or on
 * one link), in time order. Dropped packets are included: they were on the
 * wire up to where they were lost.
 */
import { LabError } from '../core/errors.ts';
import { LINKTYPE_RAW } from '../pcap/link-types.ts';
import { writePcap } from '../pcap/pcap-writer.ts';
import type { PacketRecord } from '../sim/trace.ts';

export function exportPcap(records: readonly PacketRecord[], options: { link?: string } = {}): Uint8Array {
  const chosen = options.link === undefined ? records : records.filter((r) => r.link === options.link);
  if (options.link !== undefined && chosen.length === 0 && !records.some((r) => r.link === options.link)) {
    throw new LabError('CLI_USAGE', `no packets on link "${options.link}" (links with packets: ${[...new Set(records.map((r) => r.link))].join(', ')})`);
  }
  const sorted = inFrameOrder(chosen);
  return writePcap(
    sorted.map((r) => {
      if (!r.bytes) throw new LabError('INTERNAL', 'pcap export needs a run traced in full mode');
      return { tsSec: Math.floor(r.timeUs / 1_000_000), tsNsec: (r.timeUs % 1_000_000) * 1000, data: r.bytes };
    }),
    { linkType: LINKTYPE_RAW },
  );
}

/**
 * Records in the order a pcap holds them: by time, ties in trace order.
 * Records already in that order come back as they are (one pass, no sort),
 * so a caller that orders them once can hand the result to every export.
 */
export function inFrameOrder(records: readonly PacketRecord[]): readonly PacketRecord[] {
  let ordered = true;
  for (let i = 1; i < records.length && ordered; i++) ordered = records[i - 1]!.timeUs <= records[i]!.timeUs;
  if (ordered) return records;
  return records
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.timeUs - b.r.timeUs || a.i - b.i)
    .map((x) => x.r);
}

/**
 * Packet id → the first frame (1-based) of `exportPcap(records)` that holds
 * it (a packet keeps its id across hops, so it may be in several frames).
 */
export function firstFrameOfPacket(records: readonly PacketRecord[]): Map<number, number> {
  const frames = new Map<number, number>();
  inFrameOrder(records).forEach((r, i) => {
    if (!frames.has(r.id)) frames.set(r.id, i + 1);
  });
  return frames;
}
