/** What the ladder asks of the store about frames it shows: their Info rows and the hosts' decisions. */
import { describe, expect, it } from 'vitest';
import { makeStore, until } from '../testing/harness.tsx';

describe('frames the ladder shows', () => {
  it('fetches the rows of frames by number, once, and tells what the hosts decided about one', async () => {
    const store = makeStore();
    await store.getState().simulate('attack-add-addr-hijack-v0');
    expect(store.getState().rowOfFrame(68)).toBeUndefined();
    store.getState().requestFrameRows([68, 1]);
    await until(store, (s) => s.rowOfFrame(68) !== undefined);
    expect(store.getState().rowOfFrame(68)!.info).toContain('ADD_ADDR id 9 198.18.66.6');
    expect(store.getState().rowOfFrame(1)!.info).toContain('[SYN]');
    const version = store.getState().rowsVersion;
    store.getState().requestFrameRows([1, 68]);
    await new Promise((r) => setTimeout(r, 20));
    expect(store.getState().rowsVersion).toBe(version);
    const decisions = await store.getState().frameDecisions(68);
    expect(decisions.map((d) => d.text)).toContain('client connection 2279e4f9: peer announces address ID 9 198.18.66.6');
  });

  it('keeps the timeline\'s window and filters, and ignores a window set again unchanged', async () => {
    const store = makeStore();
    const seen: unknown[] = [];
    store.subscribe((s, prev) => s.timelineWindow !== prev.timelineWindow && seen.push(s.timelineWindow));
    store.getState().setTimelineWindow({ t0: 1, t1: 2, endUs: 10 });
    store.getState().setTimelineWindow({ t0: 1, t1: 2, endUs: 10 });
    expect(seen).toHaveLength(1);
    store.getState().setTimelineFilter({ marks: 512, actor: 'attackers', hiddenSubflows: new Set([1]) });
    expect(store.getState().timelineFilter.actor).toBe('attackers');
  });
});
