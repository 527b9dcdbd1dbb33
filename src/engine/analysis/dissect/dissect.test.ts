import { describe, expect, it } from 'vitest';
import { toHex } from '../../core/hex.ts';
import { optionOffset, readFixture, readManifest } from '../../testing/fixtures.ts';
import { analyzeCaptureIndexed } from '../analyze-capture.ts';
import type { FieldNode } from './field.ts';

const walk = (nodes: readonly FieldNode[], fn: (n: FieldNode, parent: FieldNode | null) => void, parent: FieldNode | null = null) => {
  for (const n of nodes) {
    fn(n, parent);
    if (n.children) walk(n.children, fn, n);
  }
};

const find = (nodes: readonly FieldNode[], pred: (n: FieldNode) => boolean): FieldNode | undefined => {
  let hit: FieldNode | undefined;
  walk(nodes, (n) => {
    if (!hit && pred(n)) hit = n;
  });
  return hit;
};

describe.each(Object.keys(readManifest()))('dissection of every frame of %s', (name) => {
  it('names bytes inside the frame, children inside their parents', () => {
    const file = readFixture(name);
    const { index } = analyzeCaptureIndexed(file);
    for (let f = 1; f <= index.size; f++) {
      const d = index.dissect(f, file)!;
      expect(d.problems).toEqual([]);
      walk(d.layers, (n, parent) => {
        expect(n.offset).toBeGreaterThanOrEqual(0);
        expect(n.offset + n.length).toBeLessThanOrEqual(d.bytes.length);
        if (parent) {
          expect(n.offset).toBeGreaterThanOrEqual(parent.offset);
          expect(n.offset + n.length).toBeLessThanOrEqual(parent.offset + parent.length);
        }
      });
    }
  });
});

describe('dissection fields', () => {
  const name = 'v1-two-subflows-add-addr.pcap';
  const m = readManifest()[name]!;
  const file = readFixture(name);
  const { index, report } = analyzeCaptureIndexed(file);
  const join = report.connections[0]!.subflows[1]!;

  it('an MP_JOIN SYN/ACK truncated HMAC field covers exactly its 8 bytes, and says it verified', () => {
    const d = index.dissect(join.synAckFrame!, file)!;
    const opt = find(d.layers, (n) => n.kind === 'mptcp-option' && n.optionKind === 'mp-join-syn-ack')!;
    const hmac = opt.children!.find((c) => c.label === "Sender's truncated HMAC")!;
    expect(hmac.length).toBe(8);
    expect(toHex(d.bytes.subarray(hmac.offset, hmac.offset + 8))).toBe(hmac.value);
    expect(hmac.value).toBe(m.connections[0]!.subflows[1]!.synAckTruncatedHmac);
    expect(hmac.note).toMatch(/^verified/);
    expect(hmac.problem).toBeUndefined();
  });

  it('a forged ADD_ADDR HMAC is marked at the field', () => {
    const frame = m.addAddr.find((a) => !a.echo)!.frame;
    const copy = file.slice();
    copy[optionOffset(file, frame, 'add-addr') + 10]! ^= 0x01;
    const forged = analyzeCaptureIndexed(copy);
    const d = forged.index.dissect(frame, copy)!;
    const field = find(d.layers, (n) => n.label === 'Truncated HMAC')!;
    expect(field.problem).toMatch(/ADD_ADDR HMAC for address ID 1 \(198\.18\.2\.2\) is [0-9a-f]{16}, the keys give [0-9a-f]{16}/);
  });

  it('MP_CAPABLE keys carry their token and IDSN', () => {
    const d = index.dissect(3, file)!;
    const key = find(d.layers, (n) => n.label === "Sender's key")!;
    const c = report.connections[0]!;
    expect(key.value).toBe(c.clientKey);
    expect(key.note).toContain(`token ${c.clientToken}, IDSN ${c.clientIdsn}`);
  });

  it('layers are named as Wireshark users expect', () => {
    const d = index.dissect(1, file)!;
    expect(d.layers.map((l) => l.label)).toEqual(['Frame', 'Ethernet II', 'Internet Protocol version 4', 'Transmission Control Protocol']);
    expect(d.layers[1]!.value).toMatch(/^Src: [0-9a-f:]{17}, Dst: [0-9a-f:]{17}$/);
  });

  it('flags frames with MPTCP options without decoding them again', () => {
    expect(index.hasMptcp(1)).toBe(true);
    expect(Array.from({ length: index.size }, (_, i) => index.hasMptcp(i + 1)).every(Boolean)).toBe(true);
  });
});
