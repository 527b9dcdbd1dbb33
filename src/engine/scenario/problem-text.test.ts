import { describe, expect, it } from 'vitest';
import { childPath, closest, editDistance, listOf, show } from './problem-text.ts';

describe('problem text', () => {
  it('paths use dots for names and quotes for anything else', () => {
    expect(childPath('$', 'links')).toBe('$.links');
    expect(childPath('$.ui', 'a-b')).toBe('$.ui["a-b"]');
  });
  it('edit distance counts swaps as one and ignores case', () => {
    expect(editDistance('delay', 'delayUs')).toBe(2);
    expect(editDistance('hsots', 'hosts')).toBe(1);
    expect(editDistance('MTU', 'mtu')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });
  it('guesses near names and prefixes, not unrelated ones', () => {
    expect(closest('delay', ['id', 'delayUs', 'bandwidthBps'])).toBe('delayUs');
    expect(closest('bandwidth', ['delayUs', 'bandwidthBps'])).toBe('bandwidthBps');
    expect(closest('loss', ['lossRate', 'queuePackets'])).toBe('lossRate');
    expect(closest('sever', ['client', 'server'])).toBe('server');
    expect(closest('hostz', ['client', 'server'])).toBeUndefined();
    expect(closest('c', ['a', 'b'])).toBeUndefined();
  });
  it('shows values briefly', () => {
    expect(show('x'.repeat(100))).toMatch(/^"x+…" \(100 characters\)$/);
    expect([show(null), show([]), show({}), show(undefined), show(1.5)]).toEqual(['null', 'an array', 'an object', 'nothing', '1.5']);
  });
  it('shortens long lists', () => {
    expect(listOf(Array.from({ length: 14 }, (_, i) => `h${i}`))).toBe('h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, h11, … and 2 more');
  });
});
