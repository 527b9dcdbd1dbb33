import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromHex, toHex } from '../core/hex.ts';
import { linkLayerPayload } from './link-layer.ts';
import { writePcap } from './pcap-writer.ts';
import { writePcapng } from './pcapng-writer.ts';
import { readCapture } from './read-capture.ts';
import type { PcapRecordInput } from './pcap-writer.ts';

// Cross-checks against Wireshark's own tools. These are required, not
// optional: a machine without tshark/editcap fails here with instructions.

let dir = '';

function tool(name: string, args: string[]): string {
  try {
    return execFileSync(name, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') {
      throw new Error(`${name} is not installed or not on PATH; install Wireshark's command-line tools (apt-get install tshark; \`npm test\` does this through scripts/ensure-system-deps.mjs)`, { cause: e });
    }
    throw new Error(`${name} ${args.join(' ')} failed: ${err.stderr ?? err.message}`, { cause: e });
  }
}

function tsharkFields(file: string, fields: string[]): string[][] {
  const out = tool('tshark', ['-r', file, '-T', 'fields', '-E', 'separator=/t', ...fields.flatMap((f) => ['-e', f])]);
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

/** "1700000000.123456789" (any number of decimals) as [sec, nsec]. */
function epoch(text: string): [number, number] {
  const [s, frac = ''] = text.split('.');
  return [Number(s), Number(frac.padEnd(9, '0').slice(0, 9))];
}

function ipv4(src: string, dst: string, payloadLength: number): Uint8Array {
  const total = 20 + payloadLength;
  const ip = new Uint8Array(total);
  ip.set(fromHex(`45000000 00010000 40fd0000`)); // protocol 253 (experimental) keeps tshark's dissection short
  ip[2] = total >> 8;
  ip[3] = total & 0xff;
  ip.set(src.split('.').map(Number), 12);
  ip.set(dst.split('.').map(Number), 16);
  for (let i = 20; i < total; i++) ip[i] = i & 0xff;
  return ip;
}

const MAC2 = fromHex('020000000001 020000000002');
const cat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const PACKETS: PcapRecordInput[] = [
  { tsSec: 1700000000, tsNsec: 123456789, data: cat(MAC2, fromHex('0800'), ipv4('10.0.0.1', '10.0.0.2', 26)) },
  { tsSec: 1700000000, tsNsec: 999999999, data: cat(MAC2, fromHex('8100 0064 0800'), ipv4('10.0.0.3', '10.0.0.4', 100)) },
  { tsSec: 1700000001, tsNsec: 0, data: cat(MAC2, fromHex('88a8 00c8 8100 0064 0800'), ipv4('10.0.0.5', '10.0.0.6', 1400)) },
  { tsSec: 1700000002, tsNsec: 1000, data: cat(MAC2, fromHex('0800'), ipv4('10.0.0.7', '10.0.0.8', 200)).subarray(0, 64), originalLength: 234 },
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pcap-tools-'));
});
afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('agreement with tshark and editcap', () => {
  for (const nanosecond of [false, true]) {
    for (const littleEndian of [true, false]) {
      it(`tshark reads PcapWriter output (${nanosecond ? 'ns' : 'µs'}, ${littleEndian ? 'LE' : 'BE'}) as the reader does`, () => {
        const file = join(dir, `w-${nanosecond}-${littleEndian}.pcap`);
        writeFileSync(file, writePcap(PACKETS, { linkType: 1, nanosecond, littleEndian }));
        const rows = tsharkFields(file, ['frame.number', 'frame.len', 'frame.cap_len', 'frame.time_epoch', 'ip.src']);
        const ours = readCapture(readFileSync(file));
        expect(ours.problems).toEqual([]);
        expect(rows).toHaveLength(PACKETS.length);
        rows.forEach(([num, len, capLen, time, src], i) => {
          const p = ours.packets[i]!;
          expect([Number(num), Number(len), Number(capLen), ...epoch(time!)]).toEqual([p.frame, p.originalLength, p.capturedLength, p.tsSec, p.tsNsec]);
          const link = linkLayerPayload(p.linkType, p.data);
          expect(link.ok && link.value.network).toBe('ipv4');
          if (link.ok) expect(Array.from(p.data.subarray(link.value.offset + 12, link.value.offset + 16)).join('.')).toBe(src);
        });
      });
    }
  }

  it('editcap conversions to pcapng and nanosecond pcap read back identically', () => {
    const src = join(dir, 'src.pcap');
    writeFileSync(src, writePcap(PACKETS, { linkType: 1, nanosecond: true }));
    const original = readCapture(readFileSync(src));
    for (const [format, ext] of [['pcapng', 'pcapng'], ['nsecpcap', 'pcap'], ['pcap', 'pcap']] as const) {
      const out = join(dir, `conv-${format}.${ext}`);
      tool('editcap', ['-F', format, src, out]);
      const converted = readCapture(readFileSync(out));
      expect(converted.format).toBe(format === 'pcapng' ? 'pcapng' : 'pcap');
      expect(converted.problems).toEqual([]);
      const micro = format === 'pcap';
      expect(converted.packets.map((p) => [p.tsSec, p.tsNsec, p.linkType, p.originalLength, toHex(p.data)])).toEqual(
        original.packets.map((p) => [p.tsSec, micro ? Math.floor(p.tsNsec / 1000) * 1000 : p.tsNsec, p.linkType, p.originalLength, toHex(p.data)]),
      );
    }
  });

  it('tshark reads writePcapng output with several interfaces and resolutions as the reader does', () => {
    const file = join(dir, 'multi.pcapng');
    const raw = ipv4('192.0.2.1', '192.0.2.2', 10);
    writeFileSync(
      file,
      writePcapng(
        [{ linkType: 1, tsresol: 9 }, { linkType: 101 }, { linkType: 101, tsresol: 0x80 | 20 }],
        [
          { interfaceId: 0, tsSec: 1700000000, tsNsec: 123456789, data: PACKETS[0]!.data },
          { interfaceId: 1, tsSec: 1700000000, tsNsec: 500000000, data: raw },
          { interfaceId: 2, tsSec: 1700000003, tsNsec: 250000000, data: raw },
        ],
        { littleEndian: false },
      ),
    );
    const rows = tsharkFields(file, ['frame.number', 'frame.interface_id', 'frame.cap_len', 'frame.time_epoch', 'ip.src']);
    const ours = readCapture(readFileSync(file));
    expect(ours.problems).toEqual([]);
    expect(rows.map(([n, ifid, cap, t, ip]) => [Number(n), Number(ifid), Number(cap), ...epoch(t!), ip])).toEqual(
      ours.packets.map((p) => {
        const link = linkLayerPayload(p.linkType, p.data);
        const off = link.ok ? link.value.offset : -1;
        return [p.frame, p.interfaceId, p.capturedLength, p.tsSec, p.tsNsec, Array.from(p.data.subarray(off + 12, off + 16)).join('.')];
      }),
    );
  });

  it('tshark finds the same IP source behind every supported link header', () => {
    const ip = ipv4('198.51.100.7', '198.51.100.8', 4);
    const frames: Array<[number, Uint8Array]> = [
      [0, cat(fromHex('02000000'), ip)], // NULL, little-endian host
      [0, cat(fromHex('00000002'), ip)], // NULL, big-endian host
      [108, cat(fromHex('00000002'), ip)],
      [101, ip],
      [228, ip],
      [113, cat(fromHex('0000 0001 0006 020000000001 0000 0800'), ip)],
      [276, cat(fromHex('0800 0000 00000002 0001 00 06 020000000001 0000'), ip)],
      [1, cat(MAC2, fromHex('9100 0001 8100 0002 0800'), ip)],
    ];
    for (const [linkType, data] of frames) {
      const file = join(dir, `lt-${linkType}.pcap`);
      writeFileSync(file, writePcap([{ tsSec: 1, tsNsec: 0, data }], { linkType }));
      const [[src]] = tsharkFields(file, ['ip.src']) as [[string]];
      const p = readCapture(readFileSync(file)).packets[0]!;
      const link = linkLayerPayload(p.linkType, p.data);
      expect(link.ok, `link type ${linkType}`).toBe(true);
      if (link.ok) expect(Array.from(p.data.subarray(link.value.offset + 12, link.value.offset + 16)).join('.'), `link type ${linkType}`).toBe(src);
    }
  });
});
