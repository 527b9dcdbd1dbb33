/** Module-level selectors: components read the store only through these. */
import type { AppState } from './types.ts';
import { viewLength } from './view-model.ts';

export const selectCapture = (s: AppState) => s.capture;
export const selectReport = (s: AppState) => s.capture?.report ?? null;
export const selectLoading = (s: AppState) => s.loading;
export const selectError = (s: AppState) => s.error;
export const selectHasCapture = (s: AppState) => s.capture !== null;
export const selectSelectedFrame = (s: AppState) => s.selectedFrame;
export const selectDetail = (s: AppState) => s.detail;
export const selectSelectedField = (s: AppState) => s.selectedField;
export const selectExpandedFields = (s: AppState) => s.expandedFields;
export const selectFilter = (s: AppState) => s.filter;
export const selectFiltered = (s: AppState) => s.filtered;
export const selectFiltering = (s: AppState) => s.filtering;
export const selectRowsVersion = (s: AppState) => s.rowsVersion;
export const selectViewLength = (s: AppState) => viewLength(s.capture?.packets ?? 0, s.filtered);
export const selectCaptureId = (s: AppState) => s.capture?.id ?? null;

export const selectOpenFile = (s: AppState) => s.openFile;
export const selectLoadSample = (s: AppState) => s.loadSample;
export const selectDismissError = (s: AppState) => s.dismissError;
export const selectSelectFrame = (s: AppState) => s.selectFrame;
export const selectSelectField = (s: AppState) => s.selectField;
export const selectToggleField = (s: AppState) => s.toggleField;
export const selectSetFilter = (s: AppState) => s.setFilter;
export const selectRequestRows = (s: AppState) => s.requestRows;
export const selectRowAt = (s: AppState) => s.rowAt;
export const selectScenarios = (s: AppState) => s.scenarios;
export const selectSimulation = (s: AppState) => s.simulation;
export const selectSimulate = (s: AppState) => s.simulate;
export const selectLoadScenarios = (s: AppState) => s.loadScenarios;

export const selectRun = (s: AppState) => s.run;
export const selectTimeline = (s: AppState) => s.run?.timeline ?? null;
export const selectRunScenario = (s: AppState) => s.run?.scenario ?? null;
export const selectNowUs = (s: AppState) => s.nowUs;
export const selectPlaying = (s: AppState) => s.playing;
export const selectSpeed = (s: AppState) => s.speed;
export const selectMainView = (s: AppState) => s.mainView;
export const selectTogglePlay = (s: AppState) => s.togglePlay;
export const selectSeek = (s: AppState) => s.seek;
export const selectStep = (s: AppState) => s.step;
export const selectRewind = (s: AppState) => s.rewind;
export const selectSetSpeed = (s: AppState) => s.setSpeed;
export const selectSetMainView = (s: AppState) => s.setMainView;
export const selectTick = (s: AppState) => s.tick;
