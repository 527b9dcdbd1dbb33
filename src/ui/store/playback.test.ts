import { describe, expect, it } from 'vitest';
import { makeStore, until } from '../testing/harness.tsx';
import { defaultSpeed, framesSentBy, stepFrame } from './playback-model.ts';

const t = { count: 4, startUs: Float64Array.from([0, 100, 100, 250]) };

describe('playback model', () => {
  it('picks the speed that replays a run in about ten seconds', () => {
    expect(defaultSpeed(350_000)).toBe(0.05);
    expect(defaultSpeed(10_000_000)).toBe(1);
    expect(defaultSpeed(100_000)).toBe(0.01);
  });

  it('counts the frames sent by a moment and steps packet by packet', () => {
    expect(framesSentBy(t, 0)).toBe(1);
    expect(framesSentBy(t, 99)).toBe(1);
    expect(framesSentBy(t, 100)).toBe(3);
    expect(stepFrame(t, 0, 1)).toBe(2);
    expect(stepFrame(t, 100, 1)).toBe(4);
    expect(stepFrame(t, 250, 1)).toBeNull();
    expect(stepFrame(t, 250, -1)).toBe(3);
    expect(stepFrame(t, 0, -1)).toBeNull();
    // From a selected frame at the moment, frames sent at the same µs come one by one.
    expect(stepFrame(t, 100, 1, 2)).toBe(3);
    expect(stepFrame(t, 100, -1, 3)).toBe(2);
    expect(stepFrame(t, 250, 1, 4)).toBeNull();
  });
});

describe('the playback slice on a real run', () => {
  it('opens a run at its end, replays from the start, and a step selects the packet it lands on', async () => {
    const store = makeStore();
    await store.getState().simulate('attack-add-addr-hijack-v0');
    await until(store, (s) => s.run !== null, 30_000);
    const s = store.getState();
    const end = s.run!.timeline!.endOfRunUs;
    expect(s.nowUs).toBe(end);
    expect(s.speed).toBe(0.05);
    s.play();
    expect(store.getState()).toMatchObject({ playing: true, nowUs: 0 });
    store.getState().tick(100); // 100 ms real at 1/20: 5 ms simulated
    expect(store.getState().nowUs).toBeCloseTo(5000, 6);
    store.getState().step(1);
    const after = store.getState();
    expect(after.playing).toBe(false);
    expect(after.selectedFrame).not.toBeNull();
    expect(after.nowUs).toBe(after.run!.timeline!.startUs[after.selectedFrame! - 1]);
    expect(after.nowUs).toBeGreaterThan(5000);
    // Stepping over the moment a failure holds shows its evidence packet, not merely the next one in time.
    const mitm = store.getState().simulation!.failures.find((f) => f.id === 'mitm')!;
    store.getState().seek(mitm.timeUs - 1);
    let steps = 0;
    while (store.getState().nowUs < mitm.timeUs && steps++ < 100) store.getState().step(1);
    expect(store.getState().selectedFrame).toBe(mitm.frames[0]);
    store.getState().step(1);
    expect(store.getState().selectedFrame).not.toBe(mitm.frames[0]);
    store.getState().seek(end + 1e9);
    expect(store.getState().nowUs).toBe(end);
    store.getState().rewind();
    expect(store.getState().nowUs).toBe(0);
  }, 60_000);
});
