/**
 * The codec against every packet Linux sent in the committed captures:
 * decoding finds the options tshark found, and re-encoding the decoded
 * packet gives back the very same bytes.
 */
import { describe, expect, it } from 'vitest';
import { toHex } from '../core/hex.ts';
import { CaptureReader } from '../pcap/reader.ts';
import { linkLayerPayload } from '../pcap/link-layer.ts';
import { readFixture, readManifest } from '../testing/fixtures.ts';
import { mptcpOptionName } from './mptcp/mptcp-option.ts';
import { decodePacket, encodeTcpPacket } from './packet.ts';
import { isMptcpOption } from './tcp-options.ts';

const manifest = readManifest();

describe.each(Object.keys(manifest))('real packets of %s', (name) => {
  it('decode, then encode, gives the same bytes; option counts match tshark', () => {
    const counts: Record<string, number> = {};
    let packets = 0;
    const reader = new CaptureReader({
      packet: (p) => {
        const link = linkLayerPayload(p.linkType, p.data);
        expect(link.ok).toBe(true);
        if (!link.ok || link.value.network === 'other') return;
        const ip = p.data.subarray(link.value.offset);
        const d = decodePacket(ip, { version: 1 });
        expect(d.ok).toBe(true);
        if (!d.ok || !d.value.tcp) return;
        expect(d.value.problems).toEqual([]);
        packets++;
        for (const o of d.value.tcp.header.options) if (isMptcpOption(o)) counts[mptcpOptionName(o)] = (counts[mptcpOptionName(o)] ?? 0) + 1;
        const again = encodeTcpPacket({ ip: d.value.ip, tcp: d.value.tcp.header, payload: ip.subarray(d.value.payloadOffset, d.value.payloadOffset + d.value.payloadLength) });
        expect(toHex(again)).toBe(toHex(ip.subarray(0, again.length)));
        expect(again.length).toBe(d.value.ip.version === 4 ? d.value.ip.totalLength : 40 + d.value.ip.payloadLength);
      },
    });
    reader.push(readFixture(name));
    reader.end();
    expect(packets).toBeGreaterThan(10);
    expect(counts).toEqual(manifest[name]!.mptcpOptionCounts);
  });
});
