import { describe, expect, it } from 'vitest';
import { cardPosition } from './hover-card.ts';

describe('the hover card', () => {
  const box = { width: 800, height: 400 };
  const card = { width: 300, height: 100 };
  it('sits below and right of the pointer when there is room', () => {
    expect(cardPosition(100, 50, card, box)).toEqual({ left: 114, top: 64 });
  });
  it('flips to the left near the right edge, and above near the bottom', () => {
    expect(cardPosition(700, 350, card, box)).toEqual({ left: 386, top: 236 });
  });
  it('never leaves the box, even when it is larger than the room on either side', () => {
    const p = cardPosition(150, 20, { width: 300, height: 390 }, { width: 320, height: 400 });
    expect(p.left).toBeGreaterThanOrEqual(4);
    expect(p.left + 300).toBeLessThanOrEqual(316);
    expect(p.top).toBe(4);
  });
});
