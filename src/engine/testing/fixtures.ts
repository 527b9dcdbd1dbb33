/**
 * Access to the committed Linux captures (fixtures/captures) and their
 * tshark-made manifest, for tests.
 */
import { readFileSync } from 'node:fs';
import { CaptureReader } from '../pcap/reader.ts';
import { linkLayerPayload } from '../pcap/link-layer.ts';
import { decodePacket, type DecodedPacket } from '../wire/packet.ts';
import type { TcpOption } from '../wire/tcp-options.ts';

const DIR = new URL('../../../fixtures/captures/', import.meta.url);

export interface ManifestSubflow {
  client: string;
  server: string;
  join: boolean;
  token?: string;
  initiator?: 'client' | 'server';
  backup?: { syn: boolean; synAck: boolean };
  addrIds?: { initiator: number; responder: number };
  synAckTruncatedHmac?: string;
  ackHmac?: string;
}

export interface ManifestEntry {
  description: string;
  linkTypeNumber: number;
  format: 'pcap' | 'pcapng';
  frames: number;
  connections: {
    client: string;
    server: string;
    clientKey: string;
    serverKey: string;
    clientToken: string;
    serverToken: string;
    clientIdsn: string;
    serverIdsn: string;
    subflows: ManifestSubflow[];
  }[];
  addAddrFrames: number[];
  removeAddrFrames: number[];
  mpPrioFrames: number[];
  fastcloseFrames: number[];
  tcprstFrames: number[];
  addAddr: { frame: number; echo: boolean; truncatedHmac: string | null; address: string; port: number | null; addrId: number; sender: 'client' | 'server' }[];
  dssChecksum: boolean;
  mptcpOptionCounts: Record<string, number>;
  wireshark: { expectedTokens: { frame: number; token: string }[]; expectedIdsns: { frame: number; idsn: string }[] };
}

export function readManifest(): Record<string, ManifestEntry> {
  return JSON.parse(readFileSync(new URL('manifest.json', DIR), 'utf8')) as Record<string, ManifestEntry>;
}

export function readFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, DIR)));
}

/** Runs `fn` on the decoded packet of `frame`, with the file offset of its IP header. */
function atFrame<T>(file: Uint8Array, frame: number, fn: (d: DecodedPacket, ipOffset: number) => T | undefined): T | undefined {
  let result: T | undefined;
  const reader = new CaptureReader({
    packet: (p) => {
      if (p.frame !== frame) return;
      const link = linkLayerPayload(p.linkType, p.data);
      if (!link.ok) return;
      const d = decodePacket(p.data.subarray(link.value.offset));
      if (d.ok) result = fn(d.value, p.fileOffset + link.value.offset);
    },
  });
  reader.push(file);
  reader.end();
  return result;
}

/**
 * The absolute file offset of the first option of `kind` in `frame`, for
 * tests that flip bits at exactly one place.
 */
export function optionOffset(file: Uint8Array, frame: number, kind: TcpOption['kind']): number {
  const found = atFrame(file, frame, (d, ip) => {
    const i = d.tcp?.header.options.findIndex((o) => o.kind === kind) ?? -1;
    return i >= 0 ? ip + d.tcpOffset + d.tcp!.optionOffsets[i]! : undefined;
  });
  if (found === undefined) throw new Error(`frame ${frame} has no ${kind} option`);
  return found;
}

/** The absolute file offset of `frame`'s TCP payload. */
export function payloadOffset(file: Uint8Array, frame: number): number {
  const found = atFrame(file, frame, (d, ip) => (d.payloadLength > 0 ? ip + d.payloadOffset : undefined));
  if (found === undefined) throw new Error(`frame ${frame} has no payload`);
  return found;
}
