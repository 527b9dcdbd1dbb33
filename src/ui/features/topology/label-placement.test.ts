import { describe, expect, it } from 'vitest';
import type { LinkGeometry } from './link-geometry.ts';
import { boxesOverlap, LINK_CHAR, LINK_LINE, linkSegments, placeLinkLabels, segmentHitsBox, type Box } from './label-placement.ts';

/** A straight link from p0 to p1, its normal as link-geometry makes it. */
function straight(id: string, x0: number, y0: number, x1: number, y1: number): LinkGeometry {
  const len = Math.hypot(x1 - x0, y1 - y0);
  return { id, a: `${id}-a`, b: `${id}-b`, p0: { x: x0, y: y0 }, p1: { x: x1, y: y1 }, control: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, normal: { x: -(y1 - y0) / len, y: (x1 - x0) / len } };
}

const TEXT = '5 ms · 10 Mbit/s';
const W = TEXT.length * LINK_CHAR;
const boxAt = (p: { x: number; y: number }): Box => ({ x0: p.x - W / 2, y0: p.y - LINK_LINE / 2, x1: p.x + W / 2, y1: p.y + LINK_LINE / 2 });

describe('placeLinkLabels', () => {
  it('puts a lone label over the middle of its line, just clear of it', () => {
    const g = straight('l', 0, 0, 200, 0);
    const at = placeLinkLabels([{ link: 'l', text: TEXT, strokes: 0 }], new Map([['l', g]]), [], linkSegments(g));
    expect(at.get('l')).toEqual({ x: 100, y: -(LINK_LINE / 2 + 3) });
  });

  it('keeps a slanted link’s label off its line', () => {
    const g = straight('l', 0, 0, 260, -80);
    const p = placeLinkLabels([{ link: 'l', text: TEXT, strokes: 0 }], new Map([['l', g]]), [], linkSegments(g)).get('l')!;
    expect(linkSegments(g).some((s) => segmentHitsBox(s, boxAt(p)))).toBe(false);
  });

  it('moves past the subflow strokes to the other side when a node takes the first side', () => {
    const g = straight('l', 0, 0, 200, 0);
    const node: Box = { x0: 60, y0: -60, x1: 140, y1: -2 };
    const p = placeLinkLabels([{ link: 'l', text: TEXT, strokes: 14 }], new Map([['l', g]]), [node], linkSegments(g)).get('l')!;
    expect(p).toEqual({ x: 100, y: LINK_LINE / 2 + 3 + 14 });
    expect(boxesOverlap(boxAt(p), node)).toBe(false);
  });

  it('slides along the line when both sides of the middle are taken, and never stacks two labels', () => {
    const g = straight('l', 0, 0, 300, 0);
    const h = straight('h', 0, 40, 300, 40);
    const blocker: Box = { x0: 140, y0: -30, x1: 160, y1: 30 };
    const geometry = new Map([
      ['l', g],
      ['h', h],
    ]);
    const at = placeLinkLabels(
      [
        { link: 'l', text: TEXT, strokes: 0 },
        { link: 'h', text: TEXT, strokes: 0 },
      ],
      geometry,
      [blocker],
      [...linkSegments(g), ...linkSegments(h)],
    );
    const l = at.get('l')!;
    expect(l.x).not.toBe(150);
    expect(boxesOverlap(boxAt(l), blocker)).toBe(false);
    expect(boxesOverlap(boxAt(l), boxAt(at.get('h')!))).toBe(false);
  });

  it('tells a segment that crosses a box from one that passes by', () => {
    const box: Box = { x0: 0, y0: 0, x1: 10, y1: 10 };
    expect(segmentHitsBox({ a: { x: -5, y: 5 }, b: { x: 15, y: 5 } }, box)).toBe(true);
    expect(segmentHitsBox({ a: { x: 2, y: 2 }, b: { x: 3, y: 3 } }, box)).toBe(true);
    expect(segmentHitsBox({ a: { x: -5, y: -5 }, b: { x: 15, y: -1 } }, box)).toBe(false);
    expect(segmentHitsBox({ a: { x: 11, y: -5 }, b: { x: 11, y: 15 } }, box)).toBe(false);
  });
});
