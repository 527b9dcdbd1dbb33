/**
 * The app's one store, built from slices (DESIGN §6). The capture client is
 * injected, so tests run the engine in-thread and the app in a worker.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createCaptureSlice } from './capture-slice.ts';
import { RowCache } from './row-cache.ts';
import { createSelectionSlice } from './selection-slice.ts';
import type { AppState, StoreDeps } from './types.ts';
import { createViewSlice } from './view-slice.ts';
import { createPlaybackSlice } from './playback-slice.ts';
import { createScenarioSlice } from './scenario-slice.ts';
import { createMatrixSlice } from './matrix-slice.ts';
import { createSurfaceSlice } from './surface-slice.ts';
import { createCompareSlice } from './compare-slice.ts';
import { createLessonSlice } from './lesson-slice.ts';
import { createPresenterSlice } from './presenter-slice.ts';

export type AppStore = StoreApi<AppState>;

export function createAppStore(deps: StoreDeps): AppStore {
  const internals = { ...deps, rows: new RowCache() };
  return createStore<AppState>()((...a) => ({
    ...createCaptureSlice(internals)(...a),
    ...createSelectionSlice(internals)(...a),
    ...createViewSlice(internals)(...a),
    ...createPlaybackSlice(internals)(...a),
    ...createScenarioSlice(internals)(...a),
    ...createMatrixSlice(internals)(...a),
    ...createSurfaceSlice(internals)(...a),
    ...createCompareSlice(internals)(...a),
    ...createLessonSlice(internals)(...a),
    ...createPresenterSlice(internals)(...a),
  }));
}
