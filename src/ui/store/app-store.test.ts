import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeStore, until } from '../testing/harness.tsx';
import { nodeAt } from '../lib/field-tree.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(resolve(process.cwd(), 'fixtures/captures', name)));
const SAMPLE = 'v1-two-subflows-add-addr.pcap';

describe('app store', () => {
  it('starts empty', () => {
    const s = makeStore().getState();
    expect(s.capture).toBeNull();
    expect(s.loading).toBeNull();
    expect(s.error).toBeNull();
  });

  it('loads the sample, showing progress while it works', async () => {
    const store = makeStore(fixture(SAMPLE));
    const seen: (string | undefined)[] = [];
    store.subscribe((s) => seen.push(s.loading?.progress?.phase));
    await store.getState().loadSample();
    const { capture, loading } = store.getState();
    expect(loading).toBeNull();
    expect(capture!.fileName).toBe('sample.pcap');
    expect(capture!.report.connections).toHaveLength(1);
    expect(capture!.packets).toBe(capture!.report.packets);
    expect(seen).toContain('analyzing');
  });

  it('keeps the loaded capture when a bad file fails, with the coded error', async () => {
    const store = makeStore();
    await store.getState().openFile(fixture(SAMPLE), SAMPLE);
    const before = store.getState().capture;
    await store.getState().openFile(new TextEncoder().encode('{"a":1}'), 'notes.json');
    const { capture, error } = store.getState();
    expect(capture).toBe(before);
    expect(error).toEqual({
      fileName: 'notes.json',
      code: 'CAPTURE_UNKNOWN_FORMAT',
      message: 'not a pcap or pcapng file: starts with 7b 22 61 22 at byte 0 (looks like JSON text)',
    });
    // Still usable: rows and dissection of the old capture work.
    store.getState().selectFrame(2);
    await until(store, (s) => s.detail?.frame === 2);
    store.getState().dismissError();
    expect(store.getState().error).toBeNull();
  });

  it('drops an older open that finishes after a newer one', async () => {
    const store = makeStore();
    const a = store.getState().openFile(fixture(SAMPLE), 'first.pcap');
    const b = store.getState().openFile(fixture('v1-add-addr-port.pcap'), 'second.pcap');
    await Promise.all([a, b]);
    expect(store.getState().capture!.fileName).toBe('second.pcap');
    expect(store.getState().loading).toBeNull();
  });

  it('selects a frame, dissects it and opens its MPTCP options', async () => {
    const store = makeStore();
    await store.getState().openFile(fixture(SAMPLE), SAMPLE);
    store.getState().selectFrame(4);
    await until(store, (s) => s.detail?.frame === 4);
    const { detail, expandedFields } = store.getState();
    const open = [...expandedFields].map((p) => nodeAt(detail!.layers, p)!.label);
    expect(open).toContain('ADD_ADDR');
    expect(open).toContain('Options');

    // Selecting a field opens its ancestors; the same field stays selected on the next frame if it exists.
    const hmacPath = [...expandedFields].map((p) => `${p}`).find((p) => nodeAt(detail!.layers, p)!.label === 'ADD_ADDR')!;
    const path = `${hmacPath}.${nodeAt(detail!.layers, hmacPath)!.children!.findIndex((c) => c.label === 'Truncated HMAC')}`;
    store.getState().toggleField(hmacPath, false);
    store.getState().selectField(path);
    expect(store.getState().expandedFields.has(hmacPath)).toBe(true);
    store.getState().selectFrame(1);
    await until(store, (s) => s.detail?.frame === 1);
    // Frame 1 has no ADD_ADDR: its MP_CAPABLE option is selected instead.
    const chosen = store.getState().selectedField!;
    expect(nodeAt(store.getState().detail!.layers, chosen)!.label).toBe('MP_CAPABLE');

    store.getState().selectFrame(null);
    expect(store.getState().detail).toBeNull();
  });

  it('fetches rows in pages and serves them by list position', async () => {
    const store = makeStore();
    await store.getState().openFile(fixture(SAMPLE), SAMPLE);
    expect(store.getState().rowAt(0)).toBeUndefined();
    store.getState().requestRows(0, 10);
    await until(store, (s) => s.rowAt(9) !== undefined);
    expect(store.getState().rowAt(0)!.frame).toBe(1);
    expect(store.getState().rowAt(3)!.mptcp).toContain('ADD_ADDR');
  });

  it('filters the list in the worker and maps positions to frames', async () => {
    const store = makeStore();
    await store.getState().openFile(fixture(SAMPLE), SAMPLE);
    store.getState().setFilter({ text: 'ADD_ADDR' });
    expect(store.getState().filtering).toBe(true);
    await until(store, (s) => !s.filtering);
    expect(Array.from(store.getState().filtered!)).toEqual([4, 5]);
    store.getState().requestRows(0, 2);
    await until(store, (s) => s.rowAt(1) !== undefined);
    expect(store.getState().rowAt(1)!.frame).toBe(5);
    store.getState().setFilter({ text: '' });
    expect(store.getState().filtered).toBeNull();
  });
});
