import { describe, expect, it } from 'vitest';
import { decodePacket } from '../wire/packet.ts';
import { parseIp } from '../wire/ip-address.ts';
import { sendForgedData } from './own-join.ts';
import type { AttackContext } from './strategy.ts';

/** The part of an attack context sendForgedData uses: the flows it saw, and where injected packets go. */
function context(mappingLength: number, sent: Uint8Array[]): AttackContext {
  const server = parseIp('198.18.1.2')!;
  const flows = new Map([['f', { dst: server, dstPort: 8080, nextDsn: 1_000_000n, mappingLength }]]);
  return { knowledge: { flows }, inject: (bytes: Uint8Array) => void sent.push(bytes) } as unknown as AttackContext;
}

const joined = { own: parseIp('198.18.66.6')!, port: 59059, peer: { addr: parseIp('198.18.1.2')!, port: 8080 }, isn: 100, peerIsn: 200, checksums: false, note: '' };

describe('forged data on the attacker’s own subflow', () => {
  it('a chunk as large as a Linux mapping (31,328 bytes under one DSS) goes out in segments that fit a 1500-byte path, each mapping its own part', () => {
    const sent: Uint8Array[] = [];
    sendForgedData(context(31_328, sent), joined, new TextEncoder().encode('HIJACKED'), 1_000_000n);
    expect(Math.max(...sent.map((b) => b.length))).toBeLessThanOrEqual(1500);
    const first = sent.slice(0, 22).map((b) => decodePacket(b));
    const maps = first.map((d) => (d.ok ? d.value.tcp!.header.options.find((o) => o.kind === 'dss') : undefined)).map((o) => (o && o.kind === 'dss' ? o.mapping! : null));
    // The first copy: 22 segments whose mappings tile DSN 1,000,000 .. 1,031,328 without a gap.
    expect(maps[0]).toMatchObject({ dsn: 1_000_000n, ssn: 1 });
    for (let i = 1; i < maps.length; i++) expect(maps[i]!.dsn).toBe(maps[i - 1]!.dsn + BigInt(maps[i - 1]!.dataLength));
    expect(maps.reduce((n, m) => n + m!.dataLength, 0)).toBe(31_328);
  });

  it('a chunk the size of one engine segment stays one segment', () => {
    const sent: Uint8Array[] = [];
    sendForgedData(context(1424, sent), joined, new TextEncoder().encode('HIJACKED'), 1_000_000n);
    expect(sent).toHaveLength(8);
  });
});
