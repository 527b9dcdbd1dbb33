import { describe, expect, it } from 'vitest';
import { TimerTable } from './timer-table.ts';

describe('TimerTable', () => {
  it('gives the earliest deadline, fires a due timer once, and clears', () => {
    const t = new TimerTable(['a', 'b'] as const);
    expect(t.next()).toBe(Infinity);
    t.set('a', 30);
    t.set('b', 10);
    expect(t.next()).toBe(10);
    expect(t.take('b', 9)).toBe(false);
    expect(t.take('b', 10)).toBe(true);
    expect(t.take('b', 10)).toBe(false);
    expect(t.isSet('a')).toBe(true);
    t.clearAll();
    expect(t.next()).toBe(Infinity);
  });
});
