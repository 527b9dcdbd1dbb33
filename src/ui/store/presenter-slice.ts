import type { PresenterSlice } from './types.ts';
import type { SliceCreator } from './internals.ts';

/** Presenter mode: on or off, one view or topology beside the ladder, and the laser pointer. */
export const createPresenterSlice: SliceCreator<PresenterSlice> = () => (set, get) => ({
  presenter: { on: false, layout: 'side', laser: true },
  setPresenting: (on) => {
    if (get().presenter.on !== on) set((s) => ({ presenter: { ...s.presenter, on } }));
  },
  togglePresenting: () => get().setPresenting(!get().presenter.on),
  setPresenterLayout: (layout) => {
    if (get().presenter.layout !== layout) set((s) => ({ presenter: { ...s.presenter, layout } }));
  },
  toggleLaser: () => set((s) => ({ presenter: { ...s.presenter, laser: !s.presenter.laser } })),
});
