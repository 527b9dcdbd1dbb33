import { describe, expect, it } from 'vitest';
import { FATE_CODE, MARK, type TimelineData } from '../../../engine/index.ts';
import { arrowInto, arrowOf, connectionMarks, drawableFrames, emptySelection, hitFrame, laneAt, laneY, NO_FILTER, passes, selectFrames, windowRange, type LaneLayout } from './ladder-model.ts';
import { maxFlight } from '../../lib/frame-search.ts';

/** A synthetic timeline: n packets 10 µs apart from lane 1 to lane 2, 100 µs in flight. */
function synthetic(n: number, extra: Partial<TimelineData> = {}): TimelineData {
  const t: TimelineData = {
    lanes: [
      { id: 'connection', kind: 'connection', label: 'Connection', node: '' },
      { id: 'a.eth0', kind: 'interface', label: 'a', node: 'a' },
      { id: 'b.eth0', kind: 'interface', label: 'b', node: 'b' },
      { id: 'attacker:m', kind: 'attacker', label: 'Mallory', node: 'm' },
    ],
    links: ['l1'],
    subflows: [{ label: 'a ⇄ b', firstFrame: 1 }],
    attackers: ['m'],
    count: n,
    startUs: Float64Array.from({ length: n }, (_, i) => i * 10),
    endUs: Float64Array.from({ length: n }, (_, i) => i * 10 + 100),
    fromLane: new Uint16Array(n).fill(1),
    toLane: new Uint16Array(n).fill(2),
    link: new Uint16Array(n),
    fate: new Uint8Array(n),
    subflow: new Int16Array(n),
    attacker: new Int16Array(n).fill(-1),
    marks: new Uint16Array(n).fill(MARK.DSS_MAP),
    dsn: new Float64Array(n),
    dataLength: new Uint32Array(n),
    endOfRunUs: n * 10 + 100,
    ...extra,
  };
  return t;
}

const layout: LaneLayout = { top: 20, height: 400, count: 4 };

describe('the ladder model', () => {
  it('places lanes evenly and finds the lane under a point', () => {
    expect(laneY(layout, 0)).toBe(70);
    expect(laneY(layout, 3)).toBe(370);
    expect(laneAt(layout, 71)).toBe(0);
    expect(laneAt(layout, 419)).toBe(3);
    expect(laneAt(layout, 10)).toBe(-1);
  });

  it('finds the frames that may cross a window, including those that left before it', () => {
    const t = synthetic(100);
    expect(maxFlight(t)).toBe(100);
    // [500, 600]: frames leaving from 400 µs (arriving 500) to 600 µs.
    expect(windowRange(t, 500, 600, 100)).toEqual([40, 61]);
  });

  it('keeps one frame per pixel column and lane pair when zoomed out, and every frame when zoomed in', () => {
    const t = synthetic(10_000);
    const zoomedOut = drawableFrames(t, 0, 100_000, 1000 / 100_000, 100, NO_FILTER, null); // 1,000 px for 100 ms: 10 frames per px
    expect(zoomedOut.length).toBe(1000);
    const zoomedIn = drawableFrames(t, 0, 1000, 1, 100, NO_FILTER, null);
    expect(zoomedIn.length).toBe(101);
  });

  it('never thins away an attacker packet or the selected frame', () => {
    const attacker = new Int16Array(10_000).fill(-1);
    attacker[5] = 0;
    const fate = new Uint8Array(10_000);
    fate[5] = FATE_CODE.injected;
    const t = synthetic(10_000, { attacker, fate });
    const frames = [...drawableFrames(t, 0, 100_000, 0.01, 100, NO_FILTER, 8)];
    expect(frames).toContain(5);
    expect(frames).toContain(7); // frame 8 is index 7
  });

  it('filters by option, subflow and actor', () => {
    const marks = new Uint16Array(4).fill(MARK.DSS_MAP);
    marks[1] = MARK.ADD_ADDR;
    const attacker = Int16Array.from([-1, 0, -1, -1]);
    const subflow = Int16Array.from([0, 0, 1, 1]);
    const t = synthetic(4, { marks, attacker, subflow });
    const all = [0, 1, 2, 3];
    expect(all.filter((i) => passes(t, i, { ...NO_FILTER, marks: MARK.ADD_ADDR | MARK.REMOVE_ADDR }))).toEqual([1]);
    expect(all.filter((i) => passes(t, i, { ...NO_FILTER, actor: 'attackers' }))).toEqual([1]);
    expect(all.filter((i) => passes(t, i, { ...NO_FILTER, actor: 'hosts' }))).toEqual([0, 2, 3]);
    expect(all.filter((i) => passes(t, i, { ...NO_FILTER, hiddenSubflows: new Set([0]) }))).toEqual([2, 3]);
  });

  it('hits the arrow nearest a click, within a few pixels, and nothing elsewhere', () => {
    const t = synthetic(3);
    const x = (us: number) => us; // 1 px per µs
    const frames = Int32Array.from([0, 1, 2]);
    // Frame 2 runs from (10, 170) to (110, 270); its midpoint is (60, 220).
    expect(hitFrame(t, frames, x, layout, 60, 220)).toBe(2);
    expect(hitFrame(t, frames, x, layout, 60, 120)).toBeNull();
  });

  it('keeps the frame selection between paints that only move the moment, and redoes it when the window, filter or selection change', () => {
    const t = synthetic(1000);
    const cache = emptySelection();
    selectFrames(cache, t, 0, 5000, 0.2, 100, NO_FILTER, null);
    const { frames, marks } = cache;
    expect([...frames]).toEqual([...drawableFrames(t, 0, 5000, 0.2, 100, NO_FILTER, null)]);
    expect([...marks]).toEqual([...connectionMarks(t, 0, 5000, 0.2, NO_FILTER)]);
    // A playing run: same window, same everything but the moment, which the selection does not depend on.
    expect(selectFrames(cache, t, 0, 5000, 0.2, 100, NO_FILTER, null).frames).toBe(frames);
    expect(selectFrames(cache, t, 1000, 6000, 0.2, 100, NO_FILTER, null).frames).not.toBe(frames);
    const again = cache.frames;
    expect(selectFrames(cache, t, 1000, 6000, 0.2, 100, { ...NO_FILTER, actor: 'hosts' }, null).frames).not.toBe(again);
    const filtered = cache.frames;
    expect(selectFrames(cache, t, 1000, 6000, 0.2, 100, cache.filter!, 3).frames).not.toBe(filtered);
  });

  it('writes an arrow into a reused array as arrowOf returns it, dropped packets stopping part way', () => {
    const fate = new Uint8Array(2);
    fate[1] = FATE_CODE.dropped;
    const t = synthetic(2, { fate });
    const x = (us: number) => us * 2;
    const out = new Float64Array(4);
    arrowInto(out, t, 0, x, layout);
    expect([...out]).toEqual(arrowOf(t, 0, x, layout));
    expect([...out]).toEqual([0, 170, 200, 270]);
    arrowInto(out, t, 1, x, layout);
    expect([...out]).toEqual([20, 170, 26, 210]);
  });
});
