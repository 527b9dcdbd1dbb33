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
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('ca', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
  it('a bounded edit distance stops past its limit and agrees below it', () => {
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 1)).toBe(2);
    expect(editDistance('a'.repeat(1000), 'b', 2)).toBe(3);
  });
  it('guesses near names and prefixes, not unrelated ones', () => {
    expect(closest('delay', ['id', 'delayUs', 'bandwidthBps'])).toBe('delayUs');
    expect(closest('bandwidth', ['delayUs', 'bandwidthBps'])).toBe('bandwidthBps');
    expect(closest('loss', ['lossRate', 'queuePackets'])).toBe('lossRate');
    expect(closest('sever', ['client', 'server'])).toBe('server');
    expect(closest('hostz', ['client', 'server'])).toBeUndefined();
    expect(closest('c', ['a', 'b'])).toBeUndefined();
    expect(closest('HSOTS', ['hosts'])).toBe('hosts');
    expect(closest('bandwith', ['bandwidthBps', 'bandwidth'])).toBe('bandwidth');
  });
  it('gives a huge word or candidate no suggestion, cheaply', () => {
    const huge = 'reno'.repeat(1_250_000); // 5 MB
    expect(closest(huge, ['reno', 'cubic'])).toBeUndefined();
    expect(closest('reno', [huge, 'renoo'])).toBe('renoo');
    expect(closest(`${'x'.repeat(65)}`, ['x'.repeat(64)])).toBeUndefined();
  });
  it('shows values briefly', () => {
    expect(show('x'.repeat(100))).toMatch(/^"x+…" \(100 characters\)$/);
    expect(show('x'.repeat(38))).toBe(`"${'x'.repeat(38)}"`);
    // Escapes lengthen the text: the cut is by shown characters, as for the whole string encoded.
    expect(show('"'.repeat(30))).toBe(`${JSON.stringify('"'.repeat(30)).slice(0, 36)}…" (30 characters)`);
    expect([show(null), show([]), show({}), show(undefined), show(1.5)]).toEqual(['null', 'an array', 'an object', 'nothing', '1.5']);
  });
  it('shortens long lists', () => {
    expect(listOf(Array.from({ length: 14 }, (_, i) => `h${i}`))).toBe('h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, h11, … and 2 more');
  });
});
