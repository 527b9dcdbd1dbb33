import { describe, expect, it } from 'vitest';
import { findingKey, type ReviewDecision } from '../../../engine/index.ts';
import { attackText, classText, findingKeyText, findingTitle, parseFindingKey } from './finding-text.ts';

const parts: Pick<ReviewDecision, 'attack' | 'place' | 'location' | 'capability' | 'window' | 'failure'> = { attack: 'blind-reset:remove-addr', place: 'r1', location: 'partial-time-on-path', capability: 'active', window: 'join', failure: 'connection-dos' };

describe('finding text', () => {
  it('names attacks, variants and classes in words', () => {
    expect(attackText('add-addr-hijack')).toBe('ADD_ADDR hijack');
    expect(attackText('blind-reset:remove-addr')).toBe('Reset injection (REMOVE_ADDR)');
    expect(attackText('nobody:knows')).toBe('nobody:knows');
    expect(classText(parts)).toBe('partial-time on-path active, join window');
    expect(classText({ location: 'off-path', capability: 'active', window: null })).toBe('off-path active');
    expect(findingTitle(parts)).toBe('Connection denial of service: Reset injection (REMOVE_ADDR) at r1 (partial-time on-path active, join window)');
    expect(findingTitle({ ...parts, place: 'off-path', location: 'off-path', window: null })).toBe('Connection denial of service: Reset injection (REMOVE_ADDR) off-path (off-path active)');
  });

  it('reads the engine’s keys back into their parts, and leaves other text as it is', () => {
    expect(parseFindingKey(findingKey(parts))).toEqual(parts);
    const onPath = { ...parts, attack: 'passive-eavesdrop', location: 'on-path', capability: 'eavesdropper', window: null, failure: 'eavesdrop-data' } as const;
    expect(parseFindingKey(findingKey(onPath))).toEqual(onPath);
    expect(findingKeyText(findingKey(onPath))).toBe('Data eavesdropped: Passive eavesdropping at r1 (on-path eavesdropper)');
    expect(parseFindingKey('a/b/c')).toBeNull();
    expect(parseFindingKey('x/r1/on-path/active/-/not-a-failure')).toBeNull();
    expect(findingKeyText('<b>not a key</b>')).toBe('<b>not a key</b>');
  });
});
