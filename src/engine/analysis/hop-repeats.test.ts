import { describe, expect, it } from 'vitest';
import { HopRepeats } from './hop-repeats.ts';

describe('HopRepeats', () => {
  it('takes the same packet on another interface as a later hop, and on the same interface as a retransmission', () => {
    const h = new HopRepeats();
    expect(h.isRepeat(0, 'a')).toBe(false);
    expect(h.isRepeat(1, 'a')).toBe(true);
    expect(h.isRepeat(2, 'a')).toBe(true);
    expect(h.isRepeat(0, 'a')).toBe(false); // sent again where it was first seen
    expect(h.repeats).toBe(2);
  });

  it('remembers only the newest packets', () => {
    const h = new HopRepeats(2);
    h.isRepeat(0, 'a');
    h.isRepeat(0, 'b');
    h.isRepeat(0, 'c');
    expect(h.isRepeat(1, 'a')).toBe(false);
    expect(h.isRepeat(1, 'c')).toBe(true);
  });
});
