import type { AppStore } from '../../store/app-store.ts';
import { enterFullscreen, leaveFullscreen } from './fullscreen.ts';

/** Turns presenter mode on or off from a key or a click (the gesture full screen needs). */
export function present(store: AppStore, on: boolean): void {
  store.getState().setPresenting(on);
  if (on) enterFullscreen();
  else leaveFullscreen();
}
