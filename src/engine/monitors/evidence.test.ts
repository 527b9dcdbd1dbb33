import { describe, expect, it } from 'vitest';
import { fakeAttacker } from '../testing/truth-builder.ts';
import { attackerPackets, contains, firstAttackerPacket, injectedPackets } from './evidence.ts';

describe('attacker packets as evidence', () => {
  const a = fakeAttacker({ id: 'a', sent: [1, 2], touched: [5] });
  const b = fakeAttacker({ id: 'b', sent: [3], touched: [2, 6] });

  it('injected: only what attackers sent themselves, by sender', () => {
    const m = injectedPackets([a, b]);
    expect([...m.keys()].sort()).toEqual([1, 2, 3]);
    expect(m.get(1)).toBe(a);
    expect(m.get(3)).toBe(b);
    expect(m.has(5)).toBe(false);
  });

  it('every attacker packet: sent, then dropped or rewritten; a packet one attacker sent stays its own even if another rewrote it', () => {
    const m = attackerPackets([a, b]);
    expect([...m.keys()].sort()).toEqual([1, 2, 3, 5, 6]);
    expect(m.get(2)).toBe(a);
    expect(m.get(5)).toBe(a);
    expect(m.get(6)).toBe(b);
  });

  it('the first attacker packet in a list, with who sent it; none in no list', () => {
    const m = attackerPackets([a, b]);
    expect(firstAttackerPacket([9, 6, 1], m)).toEqual({ packet: 6, attacker: b });
    expect(firstAttackerPacket([9, 10], m)).toBeNull();
    expect(firstAttackerPacket([], m)).toBeNull();
    expect(firstAttackerPacket(undefined, m)).toBeNull();
  });
});

describe('contains', () => {
  const hay = Uint8Array.of(1, 2, 3, 1, 2, 4);
  it('finds a needle at the start, inside and at the very end', () => {
    expect(contains(hay, Uint8Array.of(1, 2))).toBe(true);
    expect(contains(hay, Uint8Array.of(3, 1))).toBe(true);
    expect(contains(hay, Uint8Array.of(2, 4))).toBe(true);
    expect(contains(hay, hay)).toBe(true);
  });
  it('a partial match is no match, nor a needle longer than the hay', () => {
    expect(contains(hay, Uint8Array.of(1, 2, 5))).toBe(false);
    expect(contains(hay, Uint8Array.of(4, 1))).toBe(false);
    expect(contains(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 3))).toBe(false);
  });
  it('an empty needle is in any hay', () => {
    expect(contains(hay, new Uint8Array(0))).toBe(true);
    expect(contains(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });
});
