/**
 * A run's packets as capture files Wireshark reads: raw IP link type,
 * simulation time as timestamps (µs, from the Unix epoch so tools show
 * 1970-01-01 plus the run's time), in time order. Dropped packets are
 * included: they were on the wire up to where they were lost.
 *
 * pcapng (`exportPcapng`) has one interface per link, named after it, so a
 * packet forwarded over three links is three frames on three interfaces and
 * Wireshark's TCP analysis never takes a hop for a retransmission. Classic
 * pcap (`exportPcap`) has no interface id: it is right for one link.
 */
import { LabError } from '../core/errors.ts';
import { LINKTYPE_RAW } from '../pcap/link-types.ts';
import { writePcap } from '../pcap/pcap-writer.ts';
import { writePcapng } from '../pcap/pcapng-writer.ts';
import type { PacketRecord } from '../sim/trace.ts';

export interface ExportOptions {
  /** Only the packets of this link. */
  link?: string;
}

/** The records an export holds: all, or one link's (an unknown link is an error naming the links there are). */
function chosenRecords(records: readonly PacketRecord[], options: ExportOptions): readonly PacketRecord[] {
  if (options.link === undefined) return records;
  const chosen = records.filter((r) => r.link === options.link);
  if (chosen.length === 0) {
    throw new LabError('CLI_USAGE', `no packets on link "${options.link}" (links with packets: ${[...new Set(records.map((r) => r.link))].join(', ')})`);
  }
  return chosen;
}

export function exportPcap(records: readonly PacketRecord[], options: ExportOptions = {}): Uint8Array {
  const sorted = inFrameOrder(chosenRecords(records, options));
  return writePcap(
    sorted.map((r) => {
      if (!r.bytes) throw new LabError('INTERNAL', 'pcap export needs a run traced in full mode');
      return { tsSec: Math.floor(r.timeUs / 1_000_000), tsNsec: (r.timeUs % 1_000_000) * 1000, data: r.bytes };
    }),
    { linkType: LINKTYPE_RAW },
  );
}

/**
 * Every packet on every link as pcapng: one interface per link (in the order
 * links first carry a packet), the same frames in the same order as
 * `exportPcap`, and a comment on the frames of packets that were dropped,
 * modified or injected there.
 */
export function exportPcapng(records: readonly PacketRecord[], options: ExportOptions = {}): Uint8Array {
  const sorted = inFrameOrder(chosenRecords(records, options));
  const links = new Map<string, number>();
  for (const r of sorted) if (!links.has(r.link)) links.set(r.link, links.size);
  return writePcapng(
    [...links.keys()].map((name) => ({ linkType: LINKTYPE_RAW, name })),
    sorted.map((r) => {
      if (!r.bytes) throw new LabError('INTERNAL', 'pcapng export needs a run traced in full mode');
      return {
        interfaceId: links.get(r.link)!,
        tsSec: Math.floor(r.timeUs / 1_000_000),
        tsNsec: (r.timeUs % 1_000_000) * 1000,
        data: r.bytes,
        ...(r.fate === 'delivered' ? {} : { comment: fateComment(r) }),
      };
    }),
  );
}

function fateComment(r: PacketRecord): string {
  const hop = `on ${r.link} (${r.from} → ${r.to})`;
  return r.fate === 'dropped' ? `dropped ${hop}: ${r.reason ?? 'no reason given'}` : `${r.fate} ${hop}`;
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
