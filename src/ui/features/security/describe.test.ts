import { describe, expect, it } from 'vitest';
import { chance } from './describe.ts';

describe('chance', () => {
  it('says a probability the way people read it', () => {
    expect(chance(1)).toBe('1');
    expect(chance(2)).toBe('1');
    expect(chance(0)).toBe('0');
    expect(chance(0.4237)).toBe('0.42');
    expect(chance(1000 / 2 ** 32)).toBe('1 in 4.3e+6');
  });
});
