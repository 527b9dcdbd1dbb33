import { DEFAULT_VIEW } from './main-views.ts';
import type { PlaybackSlice } from './types.ts';
import type { SliceCreator } from './internals.ts';
import { stepFrame } from './playback-model.ts';

export const createPlaybackSlice: SliceCreator<PlaybackSlice> = () => (set, get) => {
  const endOfRun = () => get().run?.timeline?.endOfRunUs ?? get().simulation?.endUs ?? 0;
  const clamp = (us: number) => Math.min(endOfRun(), Math.max(0, us));
  return {
    nowUs: 0,
    playing: false,
    speed: 0.05,
    mainView: DEFAULT_VIEW,
    theme: 'light',
    setTheme: (theme) => set({ theme }),
    play: () => {
      if (!get().run?.timeline) return;
      // Playing from the end replays from the start.
      if (get().nowUs >= endOfRun()) set({ nowUs: 0 });
      set({ playing: true });
    },
    pause: () => set({ playing: false }),
    togglePlay: () => (get().playing ? get().pause() : get().play()),
    seek: (us) => {
      const nowUs = clamp(us);
      set({ nowUs, playing: get().playing && nowUs < endOfRun() });
    },
    tick: (realMs) => {
      const { playing, nowUs, speed } = get();
      if (!playing) return;
      get().seek(nowUs + realMs * 1000 * speed);
    },
    step: (direction) => {
      const t = get().run?.timeline;
      if (!t) return;
      const before = get().nowUs;
      const frame = stepFrame(t, before, direction, get().selectedFrame);
      if (frame === null) return;
      const nowUs = t.startUs[frame - 1]!;
      set({ playing: false, nowUs });
      // A failure that turns red with this step holds since a host took its evidence packet, which was sent
      // before the packet stepped to: show that one, the reason it turned red.
      const turned = direction === 1 ? get().simulation?.failures.find((f) => f.timeUs > before && f.timeUs <= nowUs && f.frames.length > 0) : undefined;
      get().selectFrame(turned ? turned.frames[0]! : frame);
    },
    rewind: () => set({ playing: false, nowUs: 0 }),
    setSpeed: (speed) => set({ speed }),
    setMainView: (mainView) => set({ mainView }),
  };
};
