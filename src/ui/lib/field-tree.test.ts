import { describe, expect, it } from 'vitest';
import type { FieldNode } from '../../engine/index.ts';
import { ancestorsOf, bitPattern, byteRange, defaultExpanded, innermostFieldAt, nodeAt, visibleFields } from './field-tree.ts';

const f = (label: string, offset: number, length: number, extra: Partial<FieldNode> = {}): FieldNode => ({ label, value: '', offset, length, ...extra });

// A TCP header with one MPTCP option, shaped like the engine's dissection.
const layers: FieldNode[] = [
  f('Frame', 0, 40),
  f('TCP', 0, 40, {
    children: [
      f('Source port', 0, 2),
      f('Header length', 12, 1, { mask: 0xf0 }),
      f('Flags', 12, 2, { mask: 0x01ff, children: [f('SYN', 13, 1, { mask: 0x02 }), f('ACK', 13, 1, { mask: 0x10 })] }),
      f('Options', 20, 20, {
        children: [
          f('NOP', 20, 1),
          f('ADD_ADDR', 24, 16, {
            children: [
              f('Kind', 24, 1, { value: '30 (Multipath TCP)' }),
              f('Subtype', 26, 1, { mask: 0xf0 }),
              f('IPv4 address', 28, 4),
              f('Truncated HMAC', 32, 8, { problem: 'HMAC mismatch' }),
            ],
          }),
        ],
      }),
    ],
  }),
];

describe('field paths', () => {
  it('finds nodes and their ancestors', () => {
    expect(nodeAt(layers, '1.3.1.3')!.label).toBe('Truncated HMAC');
    expect(nodeAt(layers, '1.9')).toBeUndefined();
    expect(ancestorsOf('1.3.1.3')).toEqual(['1', '1.3', '1.3.1']);
    expect(byteRange(nodeAt(layers, '1.3.1.3'))).toEqual([32, 40]);
  });
});

describe('innermostFieldAt (hex click -> field)', () => {
  it('picks the innermost whole-byte field covering the byte', () => {
    expect(innermostFieldAt(layers, 33)).toBe('1.3.1.3');
    expect(innermostFieldAt(layers, 28)).toBe('1.3.1.2');
    expect(innermostFieldAt(layers, 0)).toBe('1.0');
  });
  it('stops at the first bit field when only bit fields cover the byte', () => {
    expect(innermostFieldAt(layers, 12)).toBe('1.1');
    expect(innermostFieldAt(layers, 13)).toBe('1.2');
    expect(innermostFieldAt(layers, 26)).toBe('1.3.1.1');
  });
  it('falls back to the enclosing field for bytes no child covers', () => {
    expect(innermostFieldAt(layers, 22)).toBe('1.3');
    expect(innermostFieldAt(layers, 99)).toBeNull();
  });
});

describe('defaultExpanded', () => {
  it('opens MPTCP options and the way to them, and the way to problems', () => {
    const open = defaultExpanded(layers);
    expect([...open].sort()).toEqual(['1', '1.3', '1.3.1']);
    expect(visibleFields(layers, open).map((v) => v.node.label)).toContain('Truncated HMAC');
    expect(visibleFields(layers, new Set()).map((v) => v.node.label)).toEqual(['Frame', 'TCP']);
  });
});

describe('bitPattern', () => {
  it('draws the masked bits of a field', () => {
    const bytes = new Uint8Array(14);
    bytes[12] = 0x50;
    bytes[13] = 0x12;
    expect(bitPattern(bytes, nodeAt(layers, '1.1')!)).toBe('0101 ....');
    expect(bitPattern(bytes, nodeAt(layers, '1.2.0')!)).toBe('.... ..1.');
    expect(bitPattern(bytes, nodeAt(layers, '1.0')!)).toBeNull();
  });
});
