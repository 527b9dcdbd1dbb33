import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeStore, until } from '../testing/harness.tsx';
import { selectRunFromCapture, selectTimeline } from './selectors.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(resolve(process.cwd(), 'fixtures/captures', name)));
const SAMPLE = 'v1-two-subflows-add-addr.pcap';

describe('an opened capture as a run', () => {
  it('gets a ladder and the network its addresses imply, opening on the packet list at the end of the capture', async () => {
    const store = makeStore(fixture(SAMPLE));
    await store.getState().loadSample();
    const s = store.getState();
    expect(s.run?.source).toBe('capture');
    expect(selectRunFromCapture(s)).toBe(true);
    expect(s.simulation).toBeNull();
    const t = selectTimeline(s)!;
    expect(t.count).toBe(s.capture!.packets);
    expect(t.subflows).toHaveLength(3);
    expect(s.run!.scenario.hosts.map((h) => h.id)).toEqual(['client', 'server']);
    expect(s.mainView).toBe('packets');
    expect(s.nowUs).toBe(t.endOfRunUs);
    expect(s.playing).toBe(false);
  });

  it('replays: stepping from the start selects each frame in turn and dissects it', async () => {
    const store = makeStore();
    await store.getState().openFile(fixture(SAMPLE), SAMPLE);
    store.getState().rewind();
    // Frame 1 is at the moment (0): the next packet after it is frame 2.
    store.getState().step(1);
    expect(store.getState().selectedFrame).toBe(2);
    store.getState().step(1);
    expect(store.getState().selectedFrame).toBe(3);
    store.getState().step(-1);
    expect(store.getState().selectedFrame).toBe(2);
    await until(store, (x) => x.detail?.frame === 2);
    store.getState().play();
    expect(store.getState().playing).toBe(true);
    store.getState().tick(1e6);
    expect(store.getState().playing).toBe(false);
    expect(store.getState().nowUs).toBe(selectTimeline(store.getState())!.endOfRunUs);
  });

  it('a capture with no MPTCP subflow has only its packet list', async () => {
    const store = makeStore();
    // The sample's pcap header alone: a capture with no frames, so no subflow and no host to draw.
    await store.getState().openFile(fixture(SAMPLE).subarray(0, 24), 'empty.pcap');
    expect(store.getState().capture!.packets).toBe(0);
    expect(store.getState().run).toBeNull();
  });

  it('gives way to a simulation, and a simulation to it, without touching the draft or its history', async () => {
    const store = makeStore();
    await store.getState().simulate('two-path-v1');
    const draft = store.getState().draft;
    const past = store.getState().past;
    expect(store.getState().run?.source).toBeUndefined();
    await store.getState().openFile(fixture(SAMPLE), SAMPLE);
    expect(store.getState().run?.source).toBe('capture');
    expect(store.getState().draft).toBe(draft);
    expect(store.getState().past).toBe(past);
    expect(store.getState().simulation).toBeNull();
    // A run from the scenario list replaces the capture's views with its own.
    await store.getState().simulate('two-path-v1');
    expect(store.getState().run?.source).toBeUndefined();
    expect(store.getState().simulation).not.toBeNull();
  });
});
