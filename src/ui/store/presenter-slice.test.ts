import { describe, expect, it } from 'vitest';
import { makeStore } from '../testing/harness.tsx';
import { selectPresenter, selectPresenting } from './selectors.ts';

describe('the presenter slice', () => {
  it('starts off, side by side, with the laser ready', () => {
    const s = makeStore().getState();
    expect(selectPresenting(s)).toBe(false);
    expect(selectPresenter(s)).toEqual({ on: false, layout: 'side', laser: true });
  });

  it('toggles on and off, keeping the layout and laser chosen', () => {
    const store = makeStore();
    store.getState().togglePresenting();
    expect(selectPresenting(store.getState())).toBe(true);
    store.getState().setPresenterLayout('one');
    store.getState().toggleLaser();
    store.getState().togglePresenting();
    expect(selectPresenter(store.getState())).toEqual({ on: false, layout: 'one', laser: false });
    store.getState().togglePresenting();
    expect(selectPresenter(store.getState())).toEqual({ on: true, layout: 'one', laser: false });
  });

  it('does not notify when nothing changes', () => {
    const store = makeStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.getState().setPresenting(false);
    store.getState().setPresenterLayout('side');
    expect(calls).toBe(0);
    store.getState().setPresenting(true);
    store.getState().setPresenting(true);
    expect(calls).toBe(1);
  });
});
