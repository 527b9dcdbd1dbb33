import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlayLayers } from './play-layers.ts';
import { ladderSplit, sameStillLadder, type LadderScene } from './draw-ladder.ts';
import { dsnSplit, sameStillDsn, type DsnScene } from './draw-dsn.ts';
import { NO_FILTER } from './ladder-model.ts';
import type { TimelineData } from '../../../engine/index.ts';

/** jsdom has no 2D canvas: a context that records what is asked of it. */
function fakeContexts() {
  const calls: unknown[][] = [];
  const ctx = {
    setTransform: () => {},
    clearRect: (...a: unknown[]) => calls.push(['clearRect', ...a]),
    drawImage: (...a: unknown[]) => calls.push(['drawImage', ...a.slice(1)]),
  };
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => ctx as unknown as CanvasRenderingContext2D);
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

afterEach(() => vi.restoreAllMocks());

describe('the play layers', () => {
  it('draw directly while the still scene changes, make the all-sent and none-sent pictures once it holds, then only compose', () => {
    const { ctx, calls } = fakeContexts();
    const layers = new PlayLayers();
    const drawn: number[] = [];
    const draw = (_: CanvasRenderingContext2D, nowUs: number) => drawn.push(nowUs);
    expect(layers.use(false, 100, 50, 2, draw)).toBe(false);
    expect(drawn).toEqual([]);
    expect(layers.use(true, 100, 50, 2, draw)).toBe(true);
    expect(drawn).toEqual([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    expect(layers.use(true, 100, 50, 2, draw)).toBe(true);
    expect(drawn).toHaveLength(2);
    // Solid left of the split, faint right of it, on a device pixel (2 per CSS px here).
    layers.compose(ctx, 30.3);
    expect(calls).toEqual([
      ['clearRect', 0, 0, 100, 50],
      ['drawImage', 0, 0, 61, 100, 0, 0, 30.5, 50],
      ['drawImage', 61, 0, 139, 100, 30.5, 0, 69.5, 50],
    ]);
    // A new size or a new scene: direct again, and new pictures after.
    expect(layers.use(true, 120, 50, 2, draw)).toBe(false);
    expect(layers.use(false, 120, 50, 2, draw)).toBe(false);
    expect(layers.use(true, 120, 50, 2, draw)).toBe(true);
    expect(drawn).toHaveLength(4);
  });

  it('without a 2D context (no canvas support) always draws directly', () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => null);
    const layers = new PlayLayers();
    layers.use(false, 100, 50, 1, () => {});
    expect(layers.use(true, 100, 50, 1, () => {})).toBe(false);
  });
});

describe('the still scene and the split', () => {
  const t = { count: 0 } as unknown as TimelineData;
  const theme = { text: '', muted: '', border: '', panel: '', bg: '', accent: '', font: '' };
  const ladder: LadderScene = { t, width: 1190, height: 300, gutter: 190, layout: { top: 26, height: 270, count: 4 }, t0: 1000, t1: 2000, flight: 10, filter: NO_FILTER, nowUs: 1500, selected: null, failures: [], windows: [], theme };
  const dsn: DsnScene = { t, width: 250, height: 300, t0: 1000, t1: 2000, maxDsn: 10, filter: NO_FILTER, nowUs: 1500, failures: [], theme };

  it('is the same scene whatever the moment, and another when anything else changes', () => {
    expect(sameStillLadder(ladder, { ...ladder, nowUs: 1900, layout: { ...ladder.layout } })).toBe(true);
    expect(sameStillLadder(ladder, { ...ladder, t0: 1001 })).toBe(false);
    expect(sameStillLadder(ladder, { ...ladder, selected: 3 })).toBe(false);
    expect(sameStillLadder(ladder, { ...ladder, layout: { ...ladder.layout, height: 200 } })).toBe(false);
    expect(sameStillDsn(dsn, { ...dsn, nowUs: 0 })).toBe(true);
    expect(sameStillDsn(dsn, { ...dsn, filter: { ...NO_FILTER } })).toBe(false);
  });

  it('splits at the moment, within the plot', () => {
    expect(ladderSplit(ladder)).toBe(690);
    expect(ladderSplit({ ...ladder, nowUs: 0 })).toBe(190);
    expect(ladderSplit({ ...ladder, nowUs: 5000 })).toBe(1190);
    expect(dsnSplit(dsn)).toBe(46 + 100);
    expect(dsnSplit({ ...dsn, nowUs: Number.POSITIVE_INFINITY })).toBe(250);
  });
});
